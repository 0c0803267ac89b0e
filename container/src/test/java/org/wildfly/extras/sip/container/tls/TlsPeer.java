package org.wildfly.extras.sip.container.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One TLS connection carrying SIP messages as text, framed by Content-Length (RFC 3261 §18.3): what a SIP phone over
 * TLS does, in a few lines, since the sipp of the tests is built without TLS.
 */
public final class TlsPeer implements AutoCloseable {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    public TlsPeer(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to a TLS listening point and completes the handshake. */
    public static TlsPeer connect(SSLContext context, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.startHandshake();
        return new TlsPeer(socket);
    }

    public SSLSocket socket() {
        return this.socket;
    }

    /** @return the local port, for the Via and Contact of the messages sent */
    public int localPort() {
        return this.socket.getLocalPort();
    }

    public void send(String message) throws IOException {
        this.out.write(message.getBytes(StandardCharsets.UTF_8));
        this.out.flush();
    }

    /** @return the next message on the connection, with its body; fails after ten seconds of silence */
    public String receive() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = this.in.read();
            if (b < 0) {
                throw new IOException("Connection closed after: " + head.toString(StandardCharsets.UTF_8));
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLFs between messages
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return text + new String(this.in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** @return the value of the first header of that name in a message, or {@code null} */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }
}
