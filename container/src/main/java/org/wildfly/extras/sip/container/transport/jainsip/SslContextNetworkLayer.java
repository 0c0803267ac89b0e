package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The stack's sockets, with TLS from the SSL contexts the host gives: each TLS listening point's own for the sockets it
 * accepts, one client context for the connections the stack opens. The stack would otherwise build its own context
 * from key-store files named in its properties. It loads this class by name ({@code gov.nist.javax.sip.NETWORK_LAYER})
 * and hands it the stack as the stack is created, whose name finds the contexts {@link #configure} kept for it.
 */
public final class SslContextNetworkLayer implements NetworkLayer {

    /** How long a TLS connection the stack opens may take to connect, as the stack's own network layer allows. */
    private static final int CONNECT_TIMEOUT_MILLIS = 8000;
    /**
     * The system property that, set to {@code false}, stops the check that a server's certificate names the host the
     * container connects to (for peers whose certificates name no host or IP address they are reached by).
     */
    public static final String VERIFY_HOST_PROPERTY = "org.wildfly.extras.sip.tls.verify-host";
    /** How long a peer has to complete its TLS handshake. */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final Map<String, Contexts> CONTEXTS = new ConcurrentHashMap<>();

    /**
     * The contexts of one stack.
     * @param servers each TLS listening point's context, by its address and port
     * @param client the context of the connections the stack opens
     */
    record Contexts(Map<InetSocketAddress, SSLContext> servers, SSLContext client, boolean verifyHost) {
    }

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private volatile Contexts contexts;

    /**
     * Sets a stack's properties for TLS through this class, if it has a TLS listening point, and keeps its contexts for
     * it until {@link #forget}: call before creating the stack, which picks them up as it is created.
     * @param properties the stack's properties, with its name
     * @param points its listening points
     * @param client the context of the connections it opens; {@code null} for the JVM's default context
     * @throws IOException if the JVM has no default context
     */
    static void configure(Properties properties, List<ListeningPoint> points, SSLContext client) throws IOException {
        Map<InetSocketAddress, SSLContext> servers = new HashMap<>();
        for (ListeningPoint point : points) {
            if (point.transport() == Transport.TLS) {
                servers.put(new InetSocketAddress(InetAddress.getByName(point.host()), point.port()), point.sslContext());
            }
        }
        if (servers.isEmpty()) {
            return;
        }
        SSLContext clientContext;
        try {
            clientContext = (client != null) ? client : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("The JVM has no default SSL context for the TLS connections the container opens: " + e.getMessage(), e);
        }
        properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", SslContextNetworkLayer.class.getName());
        // the stack sets these on each connection it opens (the server sockets ignore them, see HostConfiguredSslServerSocket):
        // the client context's own defaults, not the stack's TLS 1.0 to 1.2 and four cipher suites of RFC 3261's day
        SSLParameters defaults = clientContext.getDefaultSSLParameters();
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", defaults.getProtocols()));
        properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaults.getCipherSuites()));
        // "Disabled": the stack leaves client certificates alone (by default it demands one of every client); the
        // listening point's context decides whether it wants or needs one
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        // a peer that connects and never completes its handshake would hold the connection's thread for ever
        properties.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", Long.toString(HANDSHAKE_TIMEOUT_MILLIS));
        boolean verifyHost = !"false".equalsIgnoreCase(System.getProperty(VERIFY_HOST_PROPERTY, "true").trim());
        CONTEXTS.put(properties.getProperty("javax.sip.STACK_NAME"), new Contexts(Map.copyOf(servers), clientContext, verifyHost));
    }

    /** Drops what {@link #configure} kept for a stack, once the stack is created (or failed to be). */
    static void forget(String stackName) {
        CONTEXTS.remove(stackName);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        this.contexts = CONTEXTS.get(stack.getStackName());
    }

    private Contexts contexts() throws IOException {
        Contexts known = this.contexts;
        if (known == null) {
            throw new IOException("No SSL context was given for this SIP stack");
        }
        return known;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLContext context = this.contexts().servers().get(new InetSocketAddress(bindAddress, port));
        if (context == null) {
            throw new IOException("No SSL context was given for the TLS listening point " + bindAddress.getHostAddress() + ":" + port);
        }
        return new HostConfiguredSslServerSocket((SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, backlog, bindAddress));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return this.createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        Contexts known = this.contexts();
        SSLSocket socket = (SSLSocket) known.client().getSocketFactory().createSocket();
        try {
            if (known.verifyHost()) {
                // the server's certificate must name the host of the target (RFC 5922 §7.3 asks for the SIP domain): its DNS
                // name as the target's URI gave it, or its IP address; a trusted certificate of another host is refused
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
            }
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ConnectException("No TLS connection to " + address.getHostAddress() + ":" + port + " within " + CONNECT_TIMEOUT_MILLIS + " ms");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return this.plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return this.plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return this.plain.createSocket(address, port, localAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return this.plain.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return this.plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        return this.plain.createDatagramSocket(port, localAddress);
    }
}
