package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;

/**
 * A transport that cannot start gives back everything it took (sockets, the stack's threads), so that a corrected
 * configuration starts on the same ports in the same JVM, as a server reloaded after the operator's fix does.
 */
class JainSipTransportFailedStartTestCase {

    private static final SipMessageHandler ANSWER_OK = new SipMessageHandler() {
        @Override
        public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
            try {
                transaction.respond(JainSipTransportTestCase.okTo(request));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void responseReceived(RawResponse response, ClientTransaction transaction) {
        }

        @Override
        public void transactionTimedOut(ClientTransaction transaction) {
        }
    };

    @Test
    void theSamePointTwiceIsRefusedBeforeAnythingIsBound() throws Exception {
        int port = FreePorts.udpAndTcp();
        ListeningPoint udp = new ListeningPoint(Transport.UDP, "127.0.0.1", port);
        ListeningPoint tcp = new ListeningPoint(Transport.TCP, "127.0.0.1", port);
        IOException refused = assertThrows(IOException.class, () -> JainSipTransport.start("dup-" + System.nanoTime(), List.of(udp, tcp, udp), ANSWER_OK).close());
        assertEquals("Cannot listen on " + udp + " twice: each listening point needs an address and port of its own", refused.getMessage());
        assertReleased(port);
        assertServes(port, udp, tcp);
    }

    @Test
    void aPortTakenByAnotherProcessLeavesTheOtherPointsFree() throws Exception {
        int port = FreePorts.udpAndTcp();
        int taken = FreePorts.udpAndTcp();
        ListeningPoint udp = new ListeningPoint(Transport.UDP, "127.0.0.1", port);
        ListeningPoint tcp = new ListeningPoint(Transport.TCP, "127.0.0.1", port);
        try (ServerSocket other = new ServerSocket(taken, 50, InetAddress.getLoopbackAddress())) {
            IOException refused = assertThrows(IOException.class,
                    () -> JainSipTransport.start("taken-" + System.nanoTime(), List.of(udp, tcp, new ListeningPoint(Transport.TCP, "127.0.0.1", taken)), ANSWER_OK).close());
            assertTrue(refused.getMessage().startsWith("Cannot listen on TCP 127.0.0.1:" + taken + ": "), refused.getMessage());
        }
        assertReleased(port);
        assertServes(port, udp, tcp);
    }

    /** Nothing of the failed stack holds the port: no socket, no listening thread. */
    private static void assertReleased(int port) throws IOException, InterruptedException {
        // a listening thread ends once its closed socket wakes it up: give it a moment
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> listeners = listeningThreads(port);
        while (!listeners.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            listeners = listeningThreads(port);
        }
        assertEquals(List.of(), listeners, "threads of the failed stack still listen");
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    private static List<String> listeningThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).filter(name -> name.endsWith("/" + port)).toList();
    }

    private static void assertServes(int port, ListeningPoint... points) throws Exception {
        JainSipTransport corrected = JainSipTransport.start("corrected-" + System.nanoTime(), List.of(points), ANSWER_OK);
        try {
            for (String sippTransport : List.of("u1", "t1")) {
                Sipp.Result result = Sipp.run("options-uac.xml", sippTransport, port);
                assertTrue(result.passed(), result.output());
            }
        } finally {
            corrected.close();
        }
    }
}
