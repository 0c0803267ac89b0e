package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.TimerData;

/** Marshals an application session: metadata, attributes, SIP sessions, pending timers and the ids of its HTTP sessions. */
final class ApplicationSessionDataMarshaller implements SipMarshaller<ApplicationSessionData> {

    private static final int ID = 1;
    private static final int APPLICATION_NAME = 2;
    private static final int CREATION_TIME = 3;
    private static final int LAST_ACCESSED_TIME = 4;
    private static final int EXPIRATION_TIME = 5;
    private static final int VALID = 6;
    private static final int INVALIDATE_WHEN_READY = 7;
    private static final int ATTRIBUTE_NAME = 8;
    private static final int ATTRIBUTE_VALUE = 9;
    private static final int SIP_SESSION = 10;
    private static final int TIMER = 11;
    private static final int HTTP_SESSION_ID = 12;

    @Override
    public Class<? extends ApplicationSessionData> getJavaClass() {
        return ApplicationSessionData.class;
    }

    @Override
    public ApplicationSessionData readFrom(ProtoStreamReader reader) throws IOException {
        String[] strings = new String[APPLICATION_NAME + 1];
        long[] times = new long[3];
        boolean[] flags = { true, true };
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<SipSessionData> sipSessions = new ArrayList<>();
        List<TimerData> timers = new ArrayList<>();
        List<String> httpSessionIds = new ArrayList<>();
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case ID, APPLICATION_NAME -> strings[index] = reader.readString();
                case CREATION_TIME -> times[0] = reader.readSInt64();
                case LAST_ACCESSED_TIME -> times[1] = reader.readSInt64();
                case EXPIRATION_TIME -> times[2] = reader.readSInt64();
                case VALID -> flags[0] = reader.readBool();
                case INVALIDATE_WHEN_READY -> flags[1] = reader.readBool();
                case ATTRIBUTE_NAME -> names.add(reader.readString());
                case ATTRIBUTE_VALUE -> values.add(reader.readAny());
                case SIP_SESSION -> sipSessions.add(reader.readObject(SipSessionData.class));
                case TIMER -> timers.add(reader.readObject(TimerData.class));
                case HTTP_SESSION_ID -> httpSessionIds.add(reader.readString());
                default -> {
                    return false;
                }
            }
            return true;
        });
        ApplicationSessionData data = new ApplicationSessionData(strings[ID], strings[APPLICATION_NAME], times[0], times[2]);
        data.setLastAccessedTime(times[1]);
        if (!flags[0]) {
            data.invalidate();
        }
        data.setInvalidateWhenReady(flags[1]);
        for (int i = 0; i < names.size(); i++) {
            data.attributes().put(names.get(i), values.get(i));
        }
        sipSessions.forEach(session -> data.sipSessions().put(session.id(), session));
        timers.forEach(timer -> data.timers().put(timer.id(), timer));
        data.httpSessionIds().addAll(httpSessionIds);
        return data;
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, ApplicationSessionData data) throws IOException {
        writer.writeString(ID, data.id());
        SipMarshaller.writeString(writer, APPLICATION_NAME, data.applicationName());
        writer.writeSInt64(CREATION_TIME, data.creationTime());
        writer.writeSInt64(LAST_ACCESSED_TIME, data.lastAccessedTime());
        writer.writeSInt64(EXPIRATION_TIME, data.expirationTime());
        writer.writeBool(VALID, data.isValid());
        writer.writeBool(INVALIDATE_WHEN_READY, data.invalidateWhenReady());
        for (Map.Entry<String, Object> attribute : data.attributes().entrySet()) {
            writer.writeString(ATTRIBUTE_NAME, attribute.getKey());
            writer.writeAny(ATTRIBUTE_VALUE, attribute.getValue());
        }
        for (SipSessionData session : data.sipSessions().values()) {
            writer.writeObject(SIP_SESSION, session);
        }
        for (TimerData timer : data.timers().values()) {
            writer.writeObject(TIMER, timer);
        }
        for (String id : data.httpSessionIds()) {
            writer.writeString(HTTP_SESSION_ID, id);
        }
    }
}
