package org.wildfly.extras.sip.clustering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wildfly.clustering.marshalling.ByteBufferMarshaller;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.TimerData;

/**
 * An application session as named, marshalled parts: one part for SESSION granularity, one part per attribute, SIP
 * session, SIP-session attribute and timer for ATTRIBUTE. Parts are bytes, so that a store compares them to find what
 * changed and never shares live objects with the cache.
 */
final class SessionCodec {

    /** The whole session (SESSION). */
    static final String SESSION = "session";
    /** The application session's metadata and HTTP session ids (ATTRIBUTE). */
    static final String META = "meta";
    private static final String ATTRIBUTE = "a/";
    private static final String SIP_SESSION = "s/";
    private static final String SIP_SESSION_ATTRIBUTE = "/a/";
    private static final String TIMER = "t/";

    private final SessionGranularity granularity;
    private final ByteBufferMarshaller marshaller;

    SessionCodec(SessionGranularity granularity, ByteBufferMarshaller marshaller) {
        this.granularity = granularity;
        this.marshaller = marshaller;
    }

    /** @return whether a cache entry key names a part, rather than a header field */
    static boolean isPart(String key) {
        return key.equals(SESSION) || key.equals(META) || key.startsWith(ATTRIBUTE) || key.startsWith(SIP_SESSION) || key.startsWith(TIMER);
    }

    Map<String, byte[]> encode(ApplicationSessionData data) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        if (this.granularity == SessionGranularity.SESSION) {
            parts.put(SESSION, this.write(data));
            return parts;
        }
        parts.put(META, this.write(withoutContent(data)));
        for (Map.Entry<String, Object> attribute : data.attributes().entrySet()) {
            parts.put(ATTRIBUTE + attribute.getKey(), this.write(attribute.getValue()));
        }
        for (SipSessionData session : data.sipSessions().values()) {
            parts.put(SIP_SESSION + session.id(), this.write(session.withoutAttributes()));
            for (Map.Entry<String, Object> attribute : session.attributes().entrySet()) {
                parts.put(SIP_SESSION + session.id() + SIP_SESSION_ATTRIBUTE + attribute.getKey(), this.write(attribute.getValue()));
            }
        }
        for (TimerData timer : data.timers().values()) {
            parts.put(TIMER + timer.id(), this.write(timer));
        }
        return parts;
    }

    ApplicationSessionData decode(Map<String, byte[]> parts) throws IOException {
        byte[] session = parts.get(SESSION);
        if (session != null) {
            return (ApplicationSessionData) this.read(session);
        }
        ApplicationSessionData data = (ApplicationSessionData) this.read(parts.get(META));
        List<SipSessionData> sipSessions = new ArrayList<>();
        Map<String, Map<String, Object>> sipAttributes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            String key = part.getKey();
            if (key.startsWith(ATTRIBUTE)) {
                data.attributes().put(key.substring(ATTRIBUTE.length()), this.read(part.getValue()));
            } else if (key.startsWith(TIMER)) {
                TimerData timer = (TimerData) this.read(part.getValue());
                data.timers().put(timer.id(), timer);
            } else if (key.startsWith(SIP_SESSION)) {
                String rest = key.substring(SIP_SESSION.length());
                int separator = rest.indexOf(SIP_SESSION_ATTRIBUTE);
                if (separator < 0) {
                    sipSessions.add((SipSessionData) this.read(part.getValue()));
                } else {
                    sipAttributes.computeIfAbsent(rest.substring(0, separator), id -> new LinkedHashMap<>())
                            .put(rest.substring(separator + SIP_SESSION_ATTRIBUTE.length()), this.read(part.getValue()));
                }
            }
        }
        // the cache keeps parts unordered: SIP sessions go back in order of creation
        sipSessions.sort(Comparator.comparingLong(SipSessionData::creationTime).thenComparing(SipSessionData::id));
        for (SipSessionData sipSession : sipSessions) {
            sipSession.attributes().putAll(sipAttributes.getOrDefault(sipSession.id(), Map.of()));
            data.sipSessions().put(sipSession.id(), sipSession);
        }
        return data;
    }

    /**
     * @param value an object
     * @return its bytes
     * @throws IOException if it cannot be marshalled
     */
    byte[] write(Object value) throws IOException {
        ByteBuffer buffer = this.marshaller.write(value);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    Object read(byte[] bytes) throws IOException {
        return this.marshaller.read(ByteBuffer.wrap(bytes));
    }

    private static ApplicationSessionData withoutContent(ApplicationSessionData data) {
        ApplicationSessionData meta = new ApplicationSessionData(data.id(), data.applicationName(), data.creationTime(), data.expirationTime());
        data.copyStateTo(meta);
        meta.httpSessionIds().addAll(data.httpSessionIds());
        return meta;
    }

}
