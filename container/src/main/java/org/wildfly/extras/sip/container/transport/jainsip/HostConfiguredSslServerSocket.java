package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server socket made by the host's SSL context, which keeps that context's protocols, cipher suites and client
 * authentication: the stack sets its own on every server socket (TLS 1.0 to 1.2, four cipher suites of RFC 3261's day,
 * client certificates wanted), and those calls are ignored here. Everything else goes to the socket the context made.
 */
final class HostConfiguredSslServerSocket extends SSLServerSocket {

    private final SSLServerSocket socket;

    HostConfiguredSslServerSocket(SSLServerSocket socket) throws IOException {
        this.socket = socket;
    }

    @Override
    public Socket accept() throws IOException {
        return this.socket.accept();
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    @Override
    public boolean isClosed() {
        return this.socket.isClosed();
    }

    @Override
    public boolean isBound() {
        return this.socket.isBound();
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        this.socket.bind(endpoint, backlog);
    }

    @Override
    public InetAddress getInetAddress() {
        return this.socket.getInetAddress();
    }

    @Override
    public int getLocalPort() {
        return this.socket.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return this.socket.getLocalSocketAddress();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        this.socket.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws IOException {
        return this.socket.getSoTimeout();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return this.socket.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        // the host's context chose them
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return this.socket.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return this.socket.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return this.socket.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        // the host's context chose them
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // the host's context chose it
    }

    @Override
    public boolean getNeedClientAuth() {
        return this.socket.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        // the host's context chose it
    }

    @Override
    public boolean getWantClientAuth() {
        return this.socket.getWantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        // a listening point is a server
    }

    @Override
    public boolean getUseClientMode() {
        return this.socket.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        this.socket.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return this.socket.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return this.socket.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        // the host's context chose them
    }

    @Override
    public String toString() {
        return this.socket.toString();
    }
}
