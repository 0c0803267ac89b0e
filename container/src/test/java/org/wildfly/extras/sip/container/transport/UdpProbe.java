package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-written datagrams, such as malformed messages that sipp would not send, and reads what comes back.
 */
public final class UdpProbe implements SipProbe {

    private final DatagramSocket socket;
    private volatile int lastSenderPort;

    public UdpProbe() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** @param local the address to send from, such as 127.0.0.2 for another host on loopback */
    public UdpProbe(InetAddress local) throws IOException {
        this.socket = new DatagramSocket(0, local);
        this.socket.setSoTimeout(2000);
    }

    /** @return the address it sends from, for the Via of the messages it sends */
    public String host() {
        return this.socket.getLocalAddress().getHostAddress();
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public boolean closedByPeer() {
        return false;
    }

    /** @return the source port of the last datagram received */
    public int lastSenderPort() {
        return this.lastSenderPort;
    }

    /** @return the local port, for the Via of the messages it sends */
    @Override
    public int port() {
        return this.socket.getLocalPort();
    }

    @Override
    public void send(String message, int port) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        this.socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Sends a datagram as it is, for a body in another charset than UTF-8.
     * @param message the datagram
     * @param port where to
     */
    public void send(byte[] message, int port) throws IOException {
        this.socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
    }

    /** @return the next datagram as text, or {@code null} if none arrives within two seconds */
    @Override
    public String receive() throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            this.socket.receive(packet);
            this.lastSenderPort = packet.getPort();
            return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /**
     * @param start how the message waited for starts: {@code "SIP/2.0 200 "}, {@code "BYE "}
     * @return the next datagram that starts so; others (100 Trying, retransmissions) are skipped
     * @throws AssertionError if none comes within ten receive timeouts
     */
    public String receiveStarting(String start) throws IOException {
        for (int i = 0; i < 10; i++) {
            String message = this.receive();
            if (message != null && message.startsWith(start)) {
                return message;
            }
        }
        throw new AssertionError("no " + start.trim() + " came");
    }

    @Override
    public void close() {
        this.socket.close();
    }
}
