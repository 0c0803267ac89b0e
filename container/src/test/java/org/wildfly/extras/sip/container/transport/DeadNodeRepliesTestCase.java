package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The balancer's half of a call being set up when its node dies (load-balancer/kamailio.cfg, run by Kamailio): what was
 * bound for the dead node reaches a live one, as the dead node would have got it, so that the survivor, which holds
 * the call's replicated state, goes on with it. Two "nodes", a caller and a callee are plain UDP sockets; the nodes
 * answer the balancer's probes until one of them dies (its socket closed, as {@code kill -9} leaves it).
 */
class DeadNodeRepliesTestCase {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final List<Peer> peers = new ArrayList<>();
    private Peer node1;
    private Peer node2;
    private Kamailio balancer;
    private int balancerPort;

    @BeforeEach
    void start() throws Exception {
        this.node1 = this.peer(true);
        this.node2 = this.peer(true);
        this.balancerPort = FreePorts.udpAndTcp();
        this.balancer = Kamailio.start(this.balancerPort, List.of(this.node1.port(), this.node2.port()));
        for (Peer node : List.of(this.node1, this.node2)) {
            node.awaitProbed();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (this.balancer != null) {
            this.balancer.close();
        }
        this.peers.forEach(Peer::close);
    }

    /**
     * A node sent an INVITE to a phone through the balancer (a B2BUA's second leg, a proxy's branch); the phone rings; the
     * node dies; the phone's 200, and each time the phone sends it again, reaches the other node: the balancer's Via
     * removed, the dead node's on top, the rest as the phone sent it. That is so within the balancer's INVITE transaction
     * and after it ended (tm relays a 2xx sent again while its transaction lasts; then the core relays it statelessly).
     */
    @Test
    void answerForADeadNodeReachesALiveOne() throws Exception {
        Peer callee = this.peer(false);
        String nodeVia = "Via: SIP/2.0/UDP 127.0.0.1:" + this.node1.port() + ";branch=z9hG4bK-leg2-" + System.nanoTime() + ";rport";
        this.node1.send("INVITE sip:callee@127.0.0.1:" + callee.port() + " SIP/2.0\r\n"
                + nodeVia + "\r\n"
                + "Route: <sip:127.0.0.1:" + this.balancerPort + ";lr>\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:b2bua@127.0.0.1>;tag=leg2\r\n"
                + "To: <sip:callee@127.0.0.1>\r\n"
                + "Call-ID: leg2-" + System.nanoTime() + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:127.0.0.1:" + this.balancerPort + ">\r\n"
                + "Content-Length: 0\r\n\r\n", this.balancerPort);
        String invite = callee.await(message -> message.startsWith("INVITE "), "the INVITE, relayed by the balancer");
        callee.send(response(invite, "180 Ringing", "callee"), this.balancerPort);
        this.node1.await(message -> message.startsWith("SIP/2.0 180"), "the 180, while node 1 lives");

        this.kill(this.node1);
        String ok = response(invite, "200 OK", "callee");
        String asNode1WouldHaveGotIt = withoutTopVia(ok);
        assertTrue(asNode1WouldHaveGotIt.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + this.node1.port() + ";"), asNode1WouldHaveGotIt);
        callee.send(ok, this.balancerPort);
        assertEquals(asNode1WouldHaveGotIt, this.node2.await(message -> message.startsWith("SIP/2.0 200"), "the 200, at node 2"));
        callee.send(ok, this.balancerPort); // sent again, within the balancer's INVITE transaction
        assertEquals(asNode1WouldHaveGotIt, this.node2.await(message -> message.startsWith("SIP/2.0 200"), "the 200 sent again, at node 2"));
        Thread.sleep(6000); // tm keeps a transaction 5 s after its final answer (wt_timer)
        callee.send(ok, this.balancerPort); // sent again: no transaction any more
        assertEquals(asNode1WouldHaveGotIt, this.node2.await(message -> message.startsWith("SIP/2.0 200"), "the 200 sent again later, at node 2"));
    }

    /**
     * The caller cancels an INVITE whose node died: it gets 200 for its CANCEL; the other node gets the CANCEL with the one
     * Via of the INVITE the dead node had (RFC 3261 9.1: the survivor matches it to the replicated INVITE by that Via);
     * the 487 that the survivor sends for the INVITE to that Via reaches the caller.
     */
    @Test
    void cancelOfAnInviteOnADeadNodeReachesALiveOne() throws Exception {
        Call call = this.ringingCall();
        String inviteVia = topVia(call.invite());
        call.caller().send(call.request().replace("INVITE sip:", "CANCEL sip:").replace(" INVITE\r\n", " CANCEL\r\n"), this.balancerPort);
        call.caller().await(message -> message.startsWith("SIP/2.0 200") && message.contains(" CANCEL\r\n"), "200 for the CANCEL");
        String cancel = call.survivor().await(message -> message.startsWith("CANCEL "), "the CANCEL, at the live node");
        assertEquals(inviteVia, topVia(cancel), "the Via of the INVITE sent to the dead node:\n" + cancel);
        assertEquals(1, count(cancel, "\r\nVia:"), cancel);
        assertTrue(cancel.startsWith(call.invite().substring(0, call.invite().indexOf(' ')).replace("INVITE", "CANCEL")
                + call.invite().substring(call.invite().indexOf(' '), call.invite().indexOf("\r\n"))), "the INVITE's request-URI:\n" + cancel);
        assertEquals(cseqNumber(call.invite()) + " CANCEL", header(cancel, "CSeq"));
        assertEquals(header(call.invite(), "Call-ID"), header(cancel, "Call-ID"));
        assertEquals(header(call.invite(), "From"), header(cancel, "From"));

        // the survivor answers, to the Via of the CANCEL and of the INVITE: this balancer
        call.survivor().send(response(cancel, "200 OK", null), this.balancerPort);
        call.survivor().send(response(call.invite(), "487 Request Terminated", "node"), this.balancerPort);
        String terminated = call.caller().await(message -> message.startsWith("SIP/2.0 487"), "the survivor's 487");
        assertEquals(header(call.request(), "Via"), header(terminated, "Via").replace(";received=127.0.0.1", "").replaceFirst(";rport=\\d+", ";rport"));
    }

    /** The survivor answers an INVITE whose node died; the answer reaches the caller, though it comes from another node. */
    @Test
    void answerOfASurvivorToAnInviteOnADeadNodeReachesTheCaller() throws Exception {
        Call call = this.ringingCall();
        call.survivor().send(response(call.invite(), "200 OK", "node"), this.balancerPort);
        String ok = call.caller().await(message -> message.startsWith("SIP/2.0 200") && message.contains(" INVITE\r\n"), "the survivor's 200");
        assertTrue(ok.contains(";tag=node"), ok);
    }

    /** A caller's INVITE, dispatched to a node that answered 100 and 180; that node is dead now. */
    private Call ringingCall() throws Exception {
        Peer caller = this.peer(false);
        String request = "INVITE sip:service@127.0.0.1:" + this.balancerPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-caller-" + System.nanoTime() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:service@127.0.0.1>\r\n"
                + "Call-ID: call-" + System.nanoTime() + "\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + caller.port() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
        caller.send(request, this.balancerPort);
        Instant deadline = Instant.now().plus(PATIENCE);
        Peer holding = null;
        while (holding == null && Instant.now().isBefore(deadline)) {
            for (Peer node : List.of(this.node1, this.node2)) {
                if (node.received().stream().anyMatch(message -> message.startsWith("INVITE "))) {
                    holding = node;
                }
            }
            Thread.sleep(20);
        }
        assertNotNull(holding, "a node got the INVITE\n" + this.balancer.log());
        String invite = holding.await(message -> message.startsWith("INVITE "), "the INVITE");
        holding.send(response(invite, "100 Trying", null), this.balancerPort);
        holding.send(response(invite, "180 Ringing", "node"), this.balancerPort);
        caller.await(message -> message.startsWith("SIP/2.0 180"), "the 180");
        this.kill(holding);
        return new Call(caller, request, invite, (holding == this.node1) ? this.node2 : this.node1);
    }

    /** @param request as the caller sent it @param invite as its node got it */
    private record Call(Peer caller, String request, String invite, Peer survivor) {
    }

    /** The node dies; the balancer's probe finds it so within about three seconds. */
    private void kill(Peer node) throws Exception {
        node.close();
        String down = "SIP node sip:127.0.0.1:" + node.port() + " is down";
        Instant deadline = Instant.now().plusSeconds(10);
        while (!this.balancer.log().contains(down)) {
            assertTrue(Instant.now().isBefore(deadline), "the balancer marked the node down:\n" + this.balancer.log());
            Thread.sleep(50);
        }
    }

    private Peer peer(boolean node) throws IOException {
        Peer peer = new Peer(FreePorts.udpAndTcp(), node);
        this.peers.add(peer);
        return peer;
    }

    /** A response to a request, as a UAS writes it (RFC 3261 8.2.6.2): its Vias, From, To (with a tag), Call-ID, CSeq. */
    static String response(String request, String status, String toTag) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.substring(request.indexOf("\r\n") + 2, request.indexOf("\r\n\r\n")).split("\r\n")) {
            String name = line.substring(0, line.indexOf(':')).trim().toLowerCase();
            if (List.of("via", "record-route", "from", "call-id", "cseq").contains(name)) {
                response.append(line).append("\r\n");
            } else if (name.equals("to")) {
                response.append(line).append((toTag != null && !line.contains(";tag=")) ? ";tag=" + toTag : "").append("\r\n");
            }
        }
        return response.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String withoutTopVia(String message) {
        Matcher via = Pattern.compile("\r\nVia:[^\r]*").matcher(message);
        assertTrue(via.find(), message);
        return message.substring(0, via.start()) + message.substring(via.end());
    }

    private static String topVia(String message) {
        return header(message, "Via");
    }

    private static String header(String message, String name) {
        Matcher header = Pattern.compile("\r\n" + name + ": *([^\r]*)").matcher(message);
        assertTrue(header.find(), name + " in\n" + message);
        return header.group(1);
    }

    private static String cseqNumber(String message) {
        return header(message, "CSeq").split(" ")[0];
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    /** A SIP peer on a UDP socket; a node answers the balancer's OPTIONS probes with 200 until it is closed. */
    static final class Peer implements AutoCloseable {

        private final DatagramSocket socket;
        private final int port;
        private final boolean node;
        private final List<String> received = new ArrayList<>();
        private volatile boolean probed;

        Peer(int port, boolean node) throws IOException {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            this.port = port;
            this.node = node;
            Thread reader = new Thread(this::read, "peer-" + port);
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return this.port; // also once closed
        }

        private void read() {
            byte[] buffer = new byte[65536];
            while (!this.socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    this.socket.receive(packet);
                } catch (IOException closed) {
                    return;
                }
                String message = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
                if (this.node && message.startsWith("OPTIONS ")) {
                    this.probed = true;
                    try {
                        this.socket.send(reply(response(message, "200 OK", "probe"), packet));
                    } catch (IOException closed) {
                        return;
                    }
                    continue;
                }
                synchronized (this.received) {
                    this.received.add(message);
                    this.received.notifyAll();
                }
            }
        }

        private static DatagramPacket reply(String message, DatagramPacket to) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            return new DatagramPacket(bytes, bytes.length, to.getSocketAddress());
        }

        void send(String message, int port) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            this.socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        }

        /** @return what it received so far, probes aside */
        List<String> received() {
            synchronized (this.received) {
                return List.copyOf(this.received);
            }
        }

        /** Takes the first message received that matches, waiting for it a few seconds. */
        String await(Predicate<String> wanted, String what) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            synchronized (this.received) {
                while (true) {
                    for (String message : this.received) {
                        if (wanted.test(message)) {
                            this.received.remove(message);
                            return message;
                        }
                    }
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0) {
                        throw new AssertionError("Port " + this.port() + " did not get " + what + "; it got:\n" + this.received);
                    }
                    this.received.wait(left);
                }
            }
        }

        void awaitProbed() throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!this.probed && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertTrue(this.probed, "the balancer probes port " + this.port());
        }

        @Override
        public void close() {
            this.socket.close();
        }
    }
}
