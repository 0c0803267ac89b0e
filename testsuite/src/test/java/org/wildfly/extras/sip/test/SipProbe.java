package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sends one out-of-dialog request over UDP and returns the final response's text, for checks sipp scenarios cannot make.
 */
final class SipProbe {

    private SipProbe() {
    }

    /** As {@link #request}, over a TCP connection; returns the final response's start line and headers. */
    static String requestOverTcp(String method, int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            String callId = "probe-" + System.nanoTime();
            String text = method + " sip:probe@127.0.0.1:" + port + ";transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:probe@127.0.0.1>\r\nFrom: <sip:tester@127.0.0.1>;tag=t1\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            while (true) {
                StringBuilder response = new StringBuilder();
                for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                    response.append(line).append("\r\n");
                }
                if (response.isEmpty()) {
                    throw new IOException("The connection closed without a final response");
                }
                if (!response.toString().startsWith("SIP/2.0 1")) {
                    return response.toString();
                }
            }
        }
    }

    /**
     * As {@link #requestOverTcp}, over a TLS connection to a {@code sips:} URI; returns the final response's start line and headers.
     * @param context the client's context: it must trust the server's certificate
     */
    static String requestOverTls(String method, int port, javax.net.ssl.SSLContext context) throws IOException {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            String callId = "probe-" + System.nanoTime();
            String text = method + " sips:probe@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sips:probe@127.0.0.1>\r\nFrom: <sips:tester@127.0.0.1>;tag=t1\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            while (true) {
                StringBuilder response = new StringBuilder();
                for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                    response.append(line).append("\r\n");
                }
                if (response.isEmpty()) {
                    throw new IOException("The connection closed without a final response");
                }
                if (!response.toString().startsWith("SIP/2.0 1")) {
                    return response.toString();
                }
            }
        }
    }

    static String request(String method, int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            String callId = "probe-" + System.nanoTime();
            String text = method + " sip:probe@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:probe@127.0.0.1>\r\nFrom: <sip:tester@127.0.0.1>;tag=t1\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            while (true) {
                byte[] buffer = new byte[4096];
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                socket.receive(answer);
                String response = new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII);
                if (!response.startsWith("SIP/2.0 1")) {
                    return response;
                }
            }
        }
    }
}
