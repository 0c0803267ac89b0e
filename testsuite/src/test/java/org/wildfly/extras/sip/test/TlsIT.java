package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A TLS connector set up as docs/configuration.md says, with jboss-cli: an Elytron key store with a self-signed key
 * made by the server, a key manager, a server-ssl-context, and the connector on the layer's sip-tls binding. After a
 * reload, a SIP client over TLS that trusts that key gets its OPTIONS answered on the connection; the server-ssl-context's
 * client authentication applies; with a client-ssl-context, a UAC application calls a {@code sips:} target over TLS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1800;

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private int tlsPort() {
        return 5061 + PORT_OFFSET;
    }

    @Test
    @Order(1)
    void theLayerHasATlsSocketBindingButNoTlsConnector() throws Exception {
        ModelNode binding = server.cli().run("/socket-binding-group=standard-sockets/socket-binding=sip-tls:read-attribute(name=port)").response();
        assertEquals(5061, binding.get("result").asInt(), binding.toString());
        ModelNode connectors = server.cli().run("/subsystem=sip:read-children-names(child-type=connector)").response();
        assertEquals(java.util.List.of("tcp", "udp"), connectors.get("result").asList().stream().map(ModelNode::asString).sorted().toList());
    }

    @Test
    @Order(2)
    void aTlsConnectorWithoutSslContextIsRefusedSayingWhatToAdd() throws Exception {
        JBossCli.Result refused = server.cli().run("/subsystem=sip/connector=tls:add(socket-binding=sip-tls, transport=TLS)");
        assertFalse(refused.succeeded(), refused.output());
        assertTrue(refused.output().contains("A TLS connector needs the keys it presents: add ssl-context=<name> to connector tls"), refused.output());
    }

    @Test
    @Order(3)
    void aTlsConnectorOnAnElytronServerSslContextAnswersOverTls() throws Exception {
        JBossCli.Result setUp = server.cli().runScript(String.join("\n",
                "/subsystem=elytron/key-store=sip-tls:add(path=sip-tls.p12, relative-to=jboss.server.config.dir, type=PKCS12, credential-reference={clear-text=changeit})",
                "/subsystem=elytron/key-store=sip-tls:generate-key-pair(alias=sip, algorithm=RSA, key-size=2048, validity=365, distinguished-name=\"CN=localhost\")",
                "/subsystem=elytron/key-store=sip-tls:store()",
                "/subsystem=elytron/key-manager=sip-tls:add(key-store=sip-tls, credential-reference={clear-text=changeit})",
                "/subsystem=elytron/server-ssl-context=sip-tls:add(key-manager=sip-tls)",
                "/subsystem=sip/connector=tls:add(socket-binding=sip-tls, transport=TLS, ssl-context=sip-tls)",
                "reload") + "\n");
        assertTrue(setUp.succeeded(), setUp.output());
        server.awaitLogCount("WFLYSRV0025", 2); // started again after the reload

        SSLContext trusting = trusting(server.home().resolve("standalone/configuration/sip-tls.p12"));
        String answer = SipProbe.requestOverTls("OPTIONS", this.tlsPort(), trusting);
        assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        assertTrue(answer.contains("Via: SIP/2.0/TLS 127.0.0.1:"), answer);
        // UDP and TCP go on as before
        assertTrue(SipProbe.request("OPTIONS", server.sipPort()).startsWith("SIP/2.0 200 "));
        assertTrue(SipProbe.requestOverTcp("OPTIONS", server.sipPort()).startsWith("SIP/2.0 200 "));

        ModelNode received = server.cli().run("/subsystem=sip/connector=tls:read-attribute(name=messages-received)").response();
        assertEquals(1, received.get("result").asLong(), received.toString());
    }

    @Test
    @Order(4)
    void aClientThatDoesNotTrustTheKeyGetsNoAnswer() throws Exception {
        SSLContext strangers = SSLContext.getInstance("TLS");
        strangers.init(null, null, null); // the JVM's trust store, which does not hold the server's self-signed key
        try {
            String answer = SipProbe.requestOverTls("OPTIONS", this.tlsPort(), strangers);
            throw new AssertionError("answered without a trusted certificate: " + answer);
        } catch (SSLHandshakeException expected) {
            // the client refused the server's certificate
        }
    }

    /**
     * The server-ssl-context decides about client certificates, not the SIP stack: with need-client-auth, a client
     * without a certificate is refused and one whose certificate the context trusts is answered.
     */
    @Test
    @Order(5)
    void theServerSslContextDecidesWhetherClientsNeedACertificate() throws Exception {
        JBossCli.Result setUp = server.cli().runScript(String.join("\n",
                "/subsystem=elytron/trust-manager=sip-clients:add(key-store=sip-tls)",
                "/subsystem=elytron/server-ssl-context=sip-tls:write-attribute(name=trust-manager, value=sip-clients)",
                "/subsystem=elytron/server-ssl-context=sip-tls:write-attribute(name=need-client-auth, value=true)",
                "reload") + "\n");
        assertTrue(setUp.succeeded(), setUp.output());
        Path keyStore = server.home().resolve("standalone/configuration/sip-tls.p12");
        try {
            String answer = SipProbe.requestOverTls("OPTIONS", this.tlsPort(), trusting(keyStore));
            throw new AssertionError("answered a client without a certificate: " + answer);
        } catch (java.io.IOException expected) {
            // refused in the handshake (TLS 1.2) or right after it (TLS 1.3)
        }
        // a client presenting the key the server's trust manager trusts (the server's own, for the test)
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext withCertificate = SSLContext.getInstance("TLS");
        withCertificate.init(keyManagers.getKeyManagers(), trustManagers(keyStore), null);
        String answer = SipProbe.requestOverTls("OPTIONS", this.tlsPort(), withCertificate);
        assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
    }

    /**
     * A UAC application calls a {@code sips:} target: the container connects over TLS with the subsystem's
     * client-ssl-context, whose trust manager trusts the target's key, and the call goes INVITE, 200, ACK, BYE, 200 on
     * that connection.
     */
    @Test
    @Order(6)
    void theContainerCallsASipsTargetWithItsClientSslContext() throws Exception {
        JBossCli.Result setUp = server.cli().runScript(String.join("\n",
                "/subsystem=elytron/trust-manager=sip-trust:add(key-store=sip-tls)",
                "/subsystem=elytron/client-ssl-context=sip-client:add(trust-manager=sip-trust)",
                "/subsystem=sip:write-attribute(name=client-ssl-context, value=sip-client)",
                "reload") + "\n");
        assertTrue(setUp.succeeded(), setUp.output());
        Path keyStore = server.home().resolve("standalone/configuration/sip-tls.p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext callee = SSLContext.getInstance("TLS");
        callee.init(keyManagers.getKeyManagers(), trustManagers(keyStore), null);
        try (javax.net.ssl.SSLServerSocket listening = (javax.net.ssl.SSLServerSocket) callee.getServerSocketFactory().createServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(60_000);
            // localhost: the name in the key's certificate (CN=localhost), which the container checks
            String target = "sips:service@localhost:" + listening.getLocalPort();
            // the callee answers on its own thread: the application calls as it deploys, and the deployment waits for it
            java.util.concurrent.CompletableFuture<java.util.List<String>> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket connection = listening.accept()) {
                    connection.setSoTimeout(15_000);
                    InputStream in = connection.getInputStream();
                    java.io.OutputStream out = connection.getOutputStream();
                    String invite = readMessage(in);
                    out.write(answer(invite, "Contact: <" + target + ">\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    String ack = readMessage(in);
                    String bye = readMessage(in);
                    out.write(answer(bye, "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(500); // the connection stays up while the answer is read
                    return java.util.List.of(invite, ack, bye);
                } catch (java.io.IOException | InterruptedException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Path sar = SipApplications.uacSar("tls-uac.sar", target);
            JBossCli.Result deployed = server.cli().command("deploy " + sar);
            assertTrue(deployed.succeeded(), deployed.output());
            java.util.List<String> messages = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
            String invite = messages.get(0);
            assertTrue(invite.startsWith("INVITE " + target + " SIP/2.0"), invite);
            assertTrue(header(invite, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + this.tlsPort()), invite);
            assertTrue(header(invite, "Contact").contains("sips:"), invite);
            assertTrue(messages.get(1).startsWith("ACK " + target + " SIP/2.0"), messages.get(1));
            assertTrue(messages.get(2).startsWith("BYE " + target + " SIP/2.0"), messages.get(2));
        }
    }

    private static String answer(String request, String more) {
        String to = header(request, "To");
        return "SIP/2.0 200 OK\r\nVia: " + header(request, "Via") + "\r\nFrom: " + header(request, "From") + "\r\nTo: " + to + (to.contains(";tag=") ? "" : ";tag=callee")
                + "\r\nCall-ID: " + header(request, "Call-ID") + "\r\nCSeq: " + header(request, "CSeq") + "\r\n" + more + "Content-Length: 0\r\n\r\n";
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    /** Reads one SIP message off a stream: its head up to the empty line, then Content-Length bytes of body. */
    private static String readMessage(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        while (!head.toString(java.nio.charset.StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.IOException("Connection closed after: " + head.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (head.size() > 0 || (b != '\r' && b != '\n')) {
                head.write(b);
            }
        }
        String text = head.toString(java.nio.charset.StandardCharsets.UTF_8);
        String length = header(text, "Content-Length");
        return text + new String(in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A client context that trusts the certificate of the key the server generated into its key store. */
    private static SSLContext trusting(Path keyStore) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(keyStore), null);
        return context;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("sip", keys.getCertificate("sip"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }
}
