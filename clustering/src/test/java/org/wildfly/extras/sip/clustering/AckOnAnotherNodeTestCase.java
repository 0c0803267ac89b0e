package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * The balancer may send a call's INVITE to one node (the node the call hashes to refused it: suspended, overloaded) and
 * its ACK to another: the node that sent the 2xx must stop sending it again once the other node took the ACK.
 */
class AckOnAnotherNodeTestCase {

    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    @Test
    void aTwoHundredAcknowledgedOnTheOtherNodeIsNotSentAgain() throws Exception {
        this.cluster = new BalancedCluster("answer", name -> new Answering(), "A", "B");
        try (UdpProbe caller = new UdpProbe()) {
            String callId = "ack-elsewhere-" + System.nanoTime();
            String via = "SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK" + System.nanoTime() + ";rport";
            caller.send("INVITE sip:callee@127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\nFrom: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:callee@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:" + caller.port() + ">\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                    this.cluster.sipPort("A"));
            String ok = null;
            for (String message = caller.receive(); message != null && ok == null; message = caller.receive()) {
                if (message.startsWith("SIP/2.0 200")) {
                    ok = message;
                }
            }
            assertNotNull(ok, "node A answered the INVITE");
            Matcher toTag = Pattern.compile("(?m)^To: .*;tag=([^;\\r\\n]+)").matcher(ok);
            assertTrue(toTag.find(), ok);
            // the ACK goes to node B, as the balancer sends a call's in-dialog requests to the node its Call-ID hashes to
            caller.send("ACK sip:callee@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK" + System.nanoTime() + ";rport\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:callee@127.0.0.1>;tag=" + toTag.group(1) + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", this.cluster.sipPort("B"));
            // A retransmits at T1, 2*T1, 4*T1 ... (0.5, 1.5, 3.5 s): counted for four seconds after the ACK
            int again = 0;
            long end = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < end) {
                String message = caller.receive();
                if (message != null && message.startsWith("SIP/2.0 200") && message.contains(callId)) {
                    again++;
                }
            }
            // the first may leave before B has written the ACK; none after it (there were three before the fix)
            assertTrue(again <= 1, "node A sent its 200 again " + again + " times after node B took the ACK");
        }
    }

    /**
     * A B2BUA: the callee's 2xx reached node A, which relayed it; the caller's ACK reaches node B, where the application
     * acknowledges the callee's 2xx (B2buaHelper.getPendingMessages): the callee gets its ACK, and the call goes on.
     */
    @Test
    void aBridgeAcknowledgesTheCalleeOnTheNodeTheCallersAckReaches() throws Exception {
        this.cluster = new BalancedCluster("bridge", name -> new EarlyDialogFailoverTestCase.RingingBridge(name, new java.util.concurrent.LinkedBlockingQueue<>()),
                "A", "B");
        Sipp.Server callee = Sipp.startServer("hang-up-uas.xml", "u1", "-timeout", "20s");
        try (UdpProbe caller = new UdpProbe()) {
            String callId = "bridge-ack-elsewhere-" + System.nanoTime();
            caller.send("INVITE sip:callee@127.0.0.1:" + callee.port() + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK" + System.nanoTime()
                    + ";rport\r\nFrom: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:callee@127.0.0.1:" + callee.port() + ">\r\nCall-ID: " + callId
                    + "\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:" + caller.port() + ">\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                    this.cluster.sipPort("A"));
            String ok = this.await(caller, "SIP/2.0 200");
            Matcher toTag = Pattern.compile("(?m)^To: .*;tag=([^;\\r\\n]+)").matcher(ok);
            assertTrue(toTag.find(), ok);
            caller.send("ACK sip:callee@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK" + System.nanoTime() + ";rport\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:callee@127.0.0.1:" + callee.port() + ">;tag=" + toTag.group(1) + "\r\nCall-ID: " + callId
                    + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", this.cluster.sipPort("B"));
            // the callee, acknowledged, hangs up: its BYE comes through the bridge to this leg, which answers it
            String bye = this.await(caller, "BYE ");
            StringBuilder answer = new StringBuilder("SIP/2.0 200 OK\r\n");
            for (String line : bye.split("\r\n")) {
                if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                    answer.append(line).append("\r\n");
                }
            }
            Matcher via = Pattern.compile("(?m)^Via: SIP/2.0/UDP 127.0.0.1:([0-9]+)").matcher(bye);
            assertTrue(via.find(), bye);
            caller.send(answer.append("Content-Length: 0\r\n\r\n").toString(), Integer.parseInt(via.group(1)));
            Sipp.Result answered = callee.await();
            assertTrue(answered.passed(), "the callee got its ACK through node B, and its BYE answered:\n" + answered.output());
        }
    }

    private String await(UdpProbe probe, String start) throws IOException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            String message = probe.receive();
            if (message != null && message.startsWith(start)) {
                return message;
            }
        }
        throw new AssertionError("no " + start + " within 10 s");
    }

    /** Answers every INVITE at once. */
    static final class Answering extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }
    }
}
