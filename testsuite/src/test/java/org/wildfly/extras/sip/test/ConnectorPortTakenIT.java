package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A SIP connector whose port another process holds fails the SIP container, and the log says which transport and port.
 */
class ConnectorPortTakenIT {

    @Test
    void udpPortTakenIsNamed() throws Exception {
        ProvisionedServer server = ProvisionedServer.fromSystemProperties();
        int port = server.sipPort();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertBootNames(server, "UDP 127.0.0.1:" + port);
        }
        // once the port is free, the next boot is clean
        try {
            server.start();
            assertEquals(List.of(), server.serverLogLines().stream().filter(line -> line.contains(" ERROR ")).toList());
        } finally {
            server.close();
        }
    }

    @Test
    void tcpPortTakenIsNamed() throws Exception {
        ProvisionedServer server = ProvisionedServer.fromSystemProperties();
        int port = server.sipPort();
        try (Closeable squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertBootNames(server, "TCP 127.0.0.1:" + port);
        }
    }

    private static void assertBootNames(ProvisionedServer server, String listeningPoint) throws Exception {
        try {
            server.start("WFLYSRV0026"); // "started (with errors)"
            List<String> errors = server.serverLogLines().stream().filter(line -> line.contains(" ERROR ")).toList();
            assertTrue(errors.stream().anyMatch(line -> line.contains("The SIP container cannot start: Cannot listen on " + listeningPoint + ": ")
                    && line.contains("Address already in use")
                    && line.contains("stop it or give the connector's socket binding another port")), String.join("\n", errors));
        } finally {
            server.close();
        }
    }
}
