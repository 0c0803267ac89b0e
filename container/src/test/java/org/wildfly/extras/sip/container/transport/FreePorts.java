package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a loopback port that is free for both UDP and TCP, since SIP listens on both at one port.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException taken) {
                    // the UDP twin is taken: try another
                }
            }
        }
        throw new IOException("No loopback port free for both UDP and TCP");
    }
}
