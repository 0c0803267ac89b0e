package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * An INVITE whose Replaces header (RFC 3891) names a dialog of a UAS application: it reaches that dialog's application
 * session, {@code SipSessionsUtil.getCorrespondingSipSession} names the replaced dialog's session (both ways), and the
 * application ends the old call; a Replaces naming a dialog of ours that is gone gets 481; one naming a dialog of
 * someone else is an ordinary initial request.
 */
class ReplacesTestCase {

    private static final Pattern TO_TAG = Pattern.compile("\r\nTo: [^\r]*;tag=([^;\r]+)");

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("replacing", Map.of("main", new Replacing(this.events))).mainServlet("main")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("replacing")).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void replacesReachesTheDialogsApplicationSession() throws Exception {
        try (UdpProbe first = new UdpProbe(); UdpProbe second = new UdpProbe()) {
            String ourTag = this.call(first, "first", "");
            assertEquals("INVITE corresponding=none", this.events.poll(5, TimeUnit.SECONDS));
            this.call(second, "second", "Replaces: first-" + first.port() + ";to-tag=" + ourTag + ";from-tag=f" + first.port() + "\r\n");
            assertEquals("INVITE corresponding=first-" + first.port() + " same-application-session=true back=true", this.events.poll(5, TimeUnit.SECONDS));
            String bye = first.receiveStarting("BYE ");
            assertTrue(bye.contains("Call-ID: first-" + first.port()), "the application ended the replaced call: " + bye);
        }
    }

    @Test
    void replacesOfADialogThatIsGoneGets481() throws Exception {
        try (UdpProbe first = new UdpProbe(); UdpProbe second = new UdpProbe()) {
            String ourTag = this.call(first, "first", "");
            second.send(invite(second.port(), "second", "Replaces: another-call;to-tag=" + ourTag + ";from-tag=nobody\r\n"), this.port);
            assertTrue(second.receiveStarting("SIP/2.0 481 ").contains("CSeq: 1 INVITE"));
        }
    }

    @Test
    void replacesOfSomeoneElsesDialogIsAnOrdinaryCall() throws Exception {
        try (UdpProbe caller = new UdpProbe()) {
            this.call(caller, "other", "Replaces: elsewhere@example.com;to-tag=abc;from-tag=def\r\n");
            assertEquals("INVITE corresponding=none", this.events.poll(5, TimeUnit.SECONDS));
        }
    }

    /** @return our To tag of the answered, acknowledged call */
    private String call(UdpProbe caller, String name, String extra) throws IOException {
        caller.send(invite(caller.port(), name, extra), this.port);
        String answer = caller.receiveStarting("SIP/2.0 200 ");
        Matcher tag = TO_TAG.matcher(answer);
        assertTrue(tag.find(), answer);
        caller.send("ACK sip:service@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bKack" + caller.port()
                + "\r\nMax-Forwards: 70\r\nTo: <sip:service@127.0.0.1>;tag=" + tag.group(1) + "\r\nFrom: <sip:caller@127.0.0.1>;tag=f" + caller.port() + "\r\nCall-ID: "
                + name + "-" + caller.port() + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n", this.port);
        return tag.group(1);
    }

    private static String invite(int callerPort, String name, String extra) {
        return "INVITE sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + callerPort + ";branch=z9hG4bKinv" + callerPort + "\r\nMax-Forwards: 70\r\n"
                + "To: <sip:service@127.0.0.1>\r\nFrom: <sip:caller@127.0.0.1>;tag=f" + callerPort + "\r\nCall-ID: " + name + "-" + callerPort + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + callerPort + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    /** Answers every call; one that replaces another ends the other with a BYE. */
    static final class Replacing extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Replacing(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            SipSessionsUtil util = (SipSessionsUtil) this.getServletContext().getAttribute(SIP_SESSIONS_UTIL);
            SipSession replaced = util.getCorrespondingSipSession(request.getSession(), "Replaces");
            if (replaced == null) {
                this.events.add("INVITE corresponding=none");
            } else {
                boolean back = request.getSession().equals(util.getCorrespondingSipSession(replaced, "Replaces"));
                this.events.add("INVITE corresponding=" + replaced.getCallId() + " same-application-session="
                        + replaced.getApplicationSession().getId().equals(request.getApplicationSession().getId()) + " back=" + back);
            }
            request.createResponse(200).send();
            if (replaced != null) {
                replaced.createRequest("BYE").send();
            }
        }

        @Override
        protected void doAck(SipServletRequest request) {
            // the call is up
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            // the BYE of the replaced call was answered
        }
    }
}
