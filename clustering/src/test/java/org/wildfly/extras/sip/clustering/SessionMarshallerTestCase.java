package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.TelURL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wildfly.clustering.marshalling.ByteBufferMarshaller;
import org.wildfly.extras.sip.container.address.AddressImpl;
import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Parameterables;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.TimerData;
import org.wildfly.extras.sip.container.syntax.SipGrammar;

/** Each replicated type survives each marshaller, and both granularities cut a session into parts and back. */
class SessionMarshallerTestCase {

    @ParameterizedTest
    @EnumSource(SessionMarshaller.class)
    void sessionDataRoundTrips(SessionMarshaller type) throws Exception {
        ByteBufferMarshaller marshaller = type.create(SessionMarshallerTestCase.class.getClassLoader());
        ApplicationSessionData data = sample();
        ApplicationSessionData copy = (ApplicationSessionData) roundTrip(marshaller, data);
        assertSameData(data, copy);
        DialogState dialog = data.sipSessions().values().iterator().next().dialog();
        DialogState dialogCopy = (DialogState) roundTrip(marshaller, dialog);
        assertEquals(dialog.toString(), dialogCopy.toString());
        assertEquals(dialog.routeSet(), dialogCopy.routeSet());
        assertEquals(new TimerData("t", "info", 5, 10, true), roundTrip(marshaller, new TimerData("t", "info", 5, 10, true)));
    }

    @ParameterizedTest
    @EnumSource(SessionMarshaller.class)
    void addressesKeepTextAndMode(SessionMarshaller type) throws Exception {
        ByteBufferMarshaller marshaller = type.create(SessionMarshallerTestCase.class.getClassLoader());
        AddressImpl readOnly = Addresses.of(SipGrammar.parseAddress("<sip:proxy.example.com;lr>"), Mode.READ_ONLY);
        Address copy = (Address) roundTrip(marshaller, readOnly);
        assertEquals(readOnly, copy);
        assertThrows(IllegalStateException.class, () -> copy.setParameter("x", "y"), "still read-only");
        assertEquals("tel:+1-201-555-0123", ((TelURL) roundTrip(marshaller, Uris.parse("tel:+1-201-555-0123"))).toString());
        Parameterable parameterable = (Parameterable) roundTrip(marshaller, Parameterables.parse("text/plain;charset=utf-8"));
        assertEquals("utf-8", parameterable.getParameter("charset"));
        assertInstanceOf(javax.servlet.sip.URI.class, roundTrip(marshaller, Uris.parse("urn:service:sos")));
    }

    @ParameterizedTest
    @EnumSource(SessionGranularity.class)
    void granularityCutsSessionsIntoParts(SessionGranularity granularity) throws Exception {
        SessionCodec codec = new SessionCodec(granularity, SessionMarshaller.PROTOSTREAM.create(SessionMarshallerTestCase.class.getClassLoader()));
        ApplicationSessionData data = sample();
        Map<String, byte[]> parts = codec.encode(data);
        assertEquals((granularity == SessionGranularity.SESSION) ? 1 : 8, parts.size(), parts.keySet().toString());
        assertSameData(data, codec.decode(parts));
        data.attributes().put("counter", 2);
        Map<String, byte[]> changed = codec.encode(data);
        long differing = changed.entrySet().stream().filter(part -> !java.util.Arrays.equals(part.getValue(), parts.get(part.getKey()))).count();
        assertEquals(1, differing, "one attribute changed: one part differs");
        if (granularity == SessionGranularity.ATTRIBUTE) {
            assertArrayEquals(parts.get("a/caller"), changed.get("a/caller"));
        }
    }

    @ParameterizedTest
    @EnumSource(SessionMarshaller.class)
    void applicationTypesNeedWhatTheirMarshallerNeeds(SessionMarshaller type) {
        ByteBufferMarshaller marshaller = type.create(SessionMarshallerTestCase.class.getClassLoader());
        assertFalse(marshaller.test(new Object()));
        // a Serializable class without a ProtoStream marshaller: JBoss Marshalling takes it, ProtoStream does not
        assertEquals(type == SessionMarshaller.JBOSS, marshaller.test(new Plain("x")));
    }

    private static ApplicationSessionData sample() throws Exception {
        ApplicationSessionData data = new ApplicationSessionData("k.abcdefghij0123456789", "app", 1_000, 2_000);
        data.setLastAccessedTime(1_500);
        data.setInvalidateWhenReady(false);
        data.attributes().put("caller", Addresses.parse("Alice <sip:alice@atlanta.example.com>;tag=9"));
        data.attributes().put("counter", 1);
        data.httpSessionIds().add("h1");
        SipSessionData uas = new SipSessionData("s1", 1_100, "call@x", "<sip:b@y>", "<sip:a@x>");
        uas.setDialog(new DialogState(DialogState.Role.UAS, "call@x", "k.abc-1", "t2", "<sip:b@y>", "<sip:a@x>", 3, 4, "sip:a@192.0.2.1", List.of("<sip:r1;lr>", "<sip:r2;lr>"), true, DialogState.State.CONFIRMED));
        uas.dialog().awaitAck(3, 35_000); // our 2xx to INVITE 3, not acknowledged yet
        uas.dialog().handling("INFO"); // the peer's INFO 4, answered 200
        uas.dialog().answered(4, "INFO", "SIP/2.0 200 OK\r\nX-Counter: 3\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        uas.setState(SipSessionData.State.CONFIRMED);
        uas.setHandler("main");
        uas.setLinkedSessionId("s2");
        uas.attributes().put("leg", "in");
        data.sipSessions().put(uas.id(), uas);
        SipSessionData notifier = new SipSessionData("s3", 1_150, "sub@x", "<sip:p@y>", "<sip:w@x>");
        notifier.setDialog(new DialogState(DialogState.Role.UAS, "sub@x", "k.abc-2", "t3", "<sip:p@y>", "<sip:w@x>", 1, 1, "sip:w@192.0.2.2", List.of(), true,
                DialogState.State.CONFIRMED));
        notifier.dialog().setSubscriptionUsage(true);
        notifier.dialog().subscribed("presence");
        notifier.dialog().subscribed("refer;id=7");
        data.sipSessions().put(notifier.id(), notifier);
        SipSessionData proxy = new SipSessionData("s2", 1_200, "call@x", "<sip:c@z>", "<sip:d@w>");
        proxy.setProxying(true, false);
        proxy.setProxiedDialogTag("callee-b");
        proxy.setProxiedSubscription(true);
        proxy.setSentInvite("INVITE sip:c@z SIP/2.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // a call in set-up
        uas.setReceivedSuccess("SIP/2.0 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        proxy.invalidate();
        data.sipSessions().put(proxy.id(), proxy);
        data.timers().put("t1", new TimerData("t1", "info", 3_000, 500, true));
        return data;
    }

    private static void assertSameData(ApplicationSessionData expected, ApplicationSessionData actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.applicationName(), actual.applicationName());
        assertEquals(expected.creationTime(), actual.creationTime());
        assertEquals(expected.lastAccessedTime(), actual.lastAccessedTime());
        assertEquals(expected.expirationTime(), actual.expirationTime());
        assertEquals(expected.invalidateWhenReady(), actual.invalidateWhenReady());
        assertEquals(expected.isValid(), actual.isValid());
        assertEquals(expected.attributes(), actual.attributes());
        assertEquals(expected.timers(), actual.timers());
        assertEquals(List.copyOf(expected.httpSessionIds()), List.copyOf(actual.httpSessionIds()));
        assertEquals(List.copyOf(expected.sipSessions().keySet()), List.copyOf(actual.sipSessions().keySet()));
        for (SipSessionData session : expected.sipSessions().values()) {
            SipSessionData copy = actual.sipSessions().get(session.id());
            assertEquals(session.creationTime(), copy.creationTime());
            assertEquals(session.callId(), copy.callId());
            assertEquals(session.localParty(), copy.localParty());
            assertEquals(session.remoteParty(), copy.remoteParty());
            assertEquals(session.handler(), copy.handler());
            assertEquals(session.state(), copy.state());
            assertEquals(session.role(), copy.role());
            assertEquals(session.recordRouted(), copy.recordRouted());
            assertEquals(session.supervised(), copy.supervised());
            assertEquals(session.linkedSessionId(), copy.linkedSessionId());
            assertEquals(session.isValid(), copy.isValid());
            assertEquals(session.attributes(), copy.attributes());
            assertEquals(session.proxiedDialogTag(), copy.proxiedDialogTag(), "the dialog a proxy's session carries");
            assertEquals(session.proxiedSubscription(), copy.proxiedSubscription());
            assertArrayEquals(session.sentInvite(), copy.sentInvite(), "what a node taking over a call in set-up needs");
            assertArrayEquals(session.receivedInvite(), copy.receivedInvite());
            assertArrayEquals(session.receivedSuccess(), copy.receivedSuccess());
            if (session.dialog() == null) {
                assertNull(copy.dialog());
            } else {
                assertEquals(session.dialog().toString(), copy.dialog().toString());
                assertEquals(session.dialog().localSequence(), copy.dialog().localSequence());
                assertEquals(session.dialog().remoteSequence(), copy.dialog().remoteSequence());
                assertEquals(session.dialog().remoteTarget(), copy.dialog().remoteTarget());
                assertEquals(session.dialog().routeSet(), copy.dialog().routeSet());
                assertEquals(session.dialog().awaitedAck(), copy.dialog().awaitedAck(), "the 2xx that waits for its ACK");
                assertEquals(session.dialog().ackOverdueAt(), copy.dialog().ackOverdueAt(), "when any node may end its dialog");
                assertEquals(session.dialog().subscriptions(), copy.dialog().subscriptions(), "the subscriptions the dialog carries");
                assertEquals(session.dialog().handledBefore(4, "INFO"), copy.dialog().handledBefore(4, "INFO"), "the peer's last request the application had");
                assertArrayEquals(session.dialog().handledAnswer(), copy.dialog().handledAnswer(), "the application's answer to it");
                assertEquals(session.dialog().isSubscriptionUsage(), copy.dialog().isSubscriptionUsage());
                assertTrue(copy.dialog().isSecure());
            }
        }
    }

    private static Object roundTrip(ByteBufferMarshaller marshaller, Object value) throws IOException {
        ByteBuffer buffer = marshaller.write(value);
        return marshaller.read(buffer);
    }

    /** An application class that is only Serializable. */
    record Plain(String value) implements Serializable {
    }
}
