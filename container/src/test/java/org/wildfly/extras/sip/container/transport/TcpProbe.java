package org.wildfly.extras.sip.container.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A TCP connection to a container, over which hand-written messages go and the answers come back framed by their
 * Content-Length (RFC 3261 §18.3).
 */
public final class TcpProbe implements SipProbe {

    private final Socket socket;
    private final InputStream input;
    private boolean closedByPeer;

    /**
     * @param containerPort the port to connect to on the loopback address
     * @throws IOException if it cannot connect
     */
    public TcpProbe(int containerPort) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), containerPort);
        this.socket.setSoTimeout(2000);
        this.socket.setTcpNoDelay(true);
        this.input = this.socket.getInputStream();
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public int port() {
        return this.socket.getLocalPort();
    }

    @Override
    public void send(String message, int port) throws IOException {
        this.socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        this.socket.getOutputStream().flush();
    }

    @Override
    public String receive() throws IOException {
        if (this.closedByPeer) {
            return null;
        }
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int ending = 0; // how much of CRLF CRLF was seen last
            while (ending < 4) {
                int next = this.input.read();
                if (next < 0) {
                    this.closedByPeer = true;
                    return null;
                }
                if (head.size() == 0 && (next == '\r' || next == '\n')) {
                    continue; // a keep-alive CRLF between messages
                }
                head.write(next);
                ending = (next == ((ending % 2 == 0) ? '\r' : '\n')) ? ending + 1 : ((next == '\r') ? 1 : 0);
            }
            String headers = head.toString(StandardCharsets.UTF_8);
            byte[] body = this.input.readNBytes(contentLength(headers));
            return headers + new String(body, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            this.closedByPeer = true; // reset by the container
            return null;
        }
    }

    /**
     * Waits for the container to close the connection, reading and dropping what it still sends.
     * @param timeoutMillis how long to wait at most
     * @return whether it closed it within that time
     * @throws IOException if reading fails otherwise
     */
    public boolean awaitClose(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!this.closedByPeer && System.nanoTime() - deadline < 0) {
            try {
                this.socket.setSoTimeout(200);
                if (this.input.read() < 0) {
                    this.closedByPeer = true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                this.closedByPeer = true;
            }
        }
        this.socket.setSoTimeout(2000);
        return this.closedByPeer;
    }

    @Override
    public boolean closedByPeer() {
        return this.closedByPeer;
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") || name.equals("l")) {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            this.socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}
