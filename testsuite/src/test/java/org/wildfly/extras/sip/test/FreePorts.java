package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a loopback port that is free for both UDP and TCP, since SIP listens on both at one port.
 * It never hands out a port twice in one JVM: JAIN-SIP keeps TCP connections by peer address, and a new peer on a
 * recently closed peer's port could be answered on the dead connection.
 */
final class FreePorts {

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    if (HANDED_OUT.add(port)) {
                        return port;
                    }
                } catch (IOException taken) {
                    // the UDP twin is taken: try another
                }
            }
        }
        throw new IOException("No loopback port free for both UDP and TCP");
    }
}
