package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provisioned server (WildFly's default 512 MB heap, the default transport limits) against what operators found
 * took one down: 300 TCP connections that each announce a megabyte of body and send 100 bytes of it, then 2,000 idle
 * connections. Before the limits, the first filled the heap within 30 s (two threads and a megabyte per connection)
 * and the second let 89 connections in; now each slow request is answered 513 at once, held nowhere, and closed after
 * the read timeout; the connections past maxTcpConnections are closed at once; and the server still answers over UDP
 * while they are held, and over TCP once they are gone.
 */
class TransportLimitsIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1400;
    private static final int MAX_TCP_CONNECTIONS = 1024; // TransportLimits.DEFAULT_MAX_TCP_CONNECTIONS
    private static final long READ_TIMEOUT_MILLIS = 10_000; // TransportLimits.DEFAULTS.tcpReadTimeout()

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void slowAndIdleConnectionsAreBoundedAndTheServerStillAnswers() throws Exception {
        int port = server.sipPort();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int index = 0; index < 300; index++) {
                Socket socket = connect(port);
                slow.add(socket);
                socket.getOutputStream().write(("OPTIONS sip:probe@127.0.0.1:" + port + ";transport=tcp SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-slow-" + index + "-" + System.nanoTime() + "\r\n"
                        + "Max-Forwards: 70\r\nTo: <sip:probe@127.0.0.1>\r\nFrom: <sip:tester@127.0.0.1>;tag=slow\r\nCall-ID: slow-" + index + "-" + System.nanoTime()
                        + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII));
            }
            int tooLarge = 0;
            for (Socket socket : slow) {
                socket.setSoTimeout(5000);
                if (statusLine(socket.getInputStream()).startsWith("SIP/2.0 513 ")) {
                    tooLarge++;
                }
            }
            assertEquals(slow.size(), tooLarge, "each slow request is answered 513 (Message Too Large) at once");
            assertTrue(SipProbe.request("OPTIONS", port).startsWith("SIP/2.0 "), "the server answers over UDP while the slow connections are held");
            long deadline = System.currentTimeMillis() + READ_TIMEOUT_MILLIS + 5000;
            for (Socket socket : slow) {
                assertTrue(closedBy(socket, deadline), "a connection whose message does not come whole is closed after the read timeout");
            }
        } finally {
            closeAll(slow);
        }

        List<Socket> idle = new ArrayList<>();
        try {
            for (int index = 0; index < 2000; index++) {
                idle.add(connect(port));
            }
            Thread.sleep(2000); // the server accepts what the kernel queued
            int closed = 0;
            for (Socket socket : idle) {
                if (closedBy(socket, 0)) {
                    closed++;
                }
            }
            System.out.printf("2000 idle TCP connections: %d closed at once, %d held%n", closed, idle.size() - closed);
            assertTrue(closed >= idle.size() - MAX_TCP_CONNECTIONS, closed + " connections past maxTcpConnections closed at once");
            assertTrue(idle.size() - closed > MAX_TCP_CONNECTIONS / 2, "the server holds connections up to its limit");
            assertTrue(SipProbe.request("OPTIONS", port).startsWith("SIP/2.0 "), "the server answers over UDP while its TCP connections are all taken");
        } finally {
            closeAll(idle);
        }
        String answer = null;
        for (int attempt = 0; attempt < 10 && answer == null; attempt++) {
            Thread.sleep(500); // the server sees the closes
            try {
                answer = SipProbe.requestOverTcp("OPTIONS", port);
            } catch (IOException e) {
                // a connection accepted while the others were still being closed; try again
            }
        }
        assertTrue(answer != null && answer.startsWith("SIP/2.0 "), "a fresh TCP connection is served once the others are gone: " + answer);

        String log = server.serverLog();
        assertFalse(log.contains("OutOfMemoryError"), "no thread ran out of memory");
        long badInputLines = server.serverLogLines().stream().filter(line -> line.contains("org.wildfly.extras.sip.bad-input")).count();
        assertTrue(badInputLines <= 4 * 11, badInputLines + " bad-input lines: at most ten a minute, and a count");
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** @return the start line of the next message on the connection, or "" if it closes or nothing comes */
    private static String statusLine(InputStream input) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            for (int next = input.read(); next >= 0 && next != '\n'; next = input.read()) {
                line.append((char) next);
            }
        } catch (SocketTimeoutException e) {
            return "";
        }
        return line.toString().trim();
    }

    /** @return whether the server closed the connection by the deadline (0: at once), reading and dropping what it sends */
    private static boolean closedBy(Socket socket, long deadline) throws IOException {
        do {
            try {
                socket.setSoTimeout(deadline == 0 ? 1 : 200);
                byte[] buffer = new byte[4096];
                if (socket.getInputStream().read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                return true; // reset
            }
        } while (System.currentTimeMillis() < deadline);
        return false;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
