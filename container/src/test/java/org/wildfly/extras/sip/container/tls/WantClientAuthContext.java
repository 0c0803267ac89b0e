package org.wildfly.extras.sip.container.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context whose server sockets want a client certificate, as an Elytron server-ssl-context with
 * {@code want-client-auth=true} makes them: the JDK's own contexts have no such setting, only their sockets.
 */
final class WantClientAuthContext extends SSLContext {

    private WantClientAuthContext(SSLContext context) {
        super(new Spi(context), context.getProvider(), context.getProtocol());
    }

    static SSLContext of(SSLContext context) {
        return new WantClientAuthContext(context);
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext context;

        Spi(SSLContext context) {
            this.context = context;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("already initialized");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return this.context.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            SSLServerSocketFactory factory = this.context.getServerSocketFactory();
            return new SSLServerSocketFactory() {
                private ServerSocket wanting(ServerSocket socket) {
                    ((SSLServerSocket) socket).setWantClientAuth(true);
                    return socket;
                }

                @Override
                public ServerSocket createServerSocket() throws IOException {
                    return this.wanting(factory.createServerSocket());
                }

                @Override
                public ServerSocket createServerSocket(int port) throws IOException {
                    return this.wanting(factory.createServerSocket(port));
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                    return this.wanting(factory.createServerSocket(port, backlog));
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                    return this.wanting(factory.createServerSocket(port, backlog, address));
                }

                @Override
                public String[] getDefaultCipherSuites() {
                    return factory.getDefaultCipherSuites();
                }

                @Override
                public String[] getSupportedCipherSuites() {
                    return factory.getSupportedCipherSuites();
                }
            };
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine engine = this.context.createSSLEngine();
            engine.setWantClientAuth(true);
            return engine;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = this.context.createSSLEngine(host, port);
            engine.setWantClientAuth(true);
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return this.context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return this.context.getClientSessionContext();
        }
    }
}
