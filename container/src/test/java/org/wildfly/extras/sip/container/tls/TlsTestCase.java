package org.wildfly.extras.sip.container.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContext;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.HostResources;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * SIP over TLS with real TLS connections on loopback and a self-signed key made at test time: the container's TLS
 * listening point answers an OPTIONS and carries a whole call, and the container reaches a {@code sips:} target over TLS.
 */
class TlsTestCase {

    private static SelfSignedKeys keys;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private HostResources resources;
    private int port;

    @BeforeAll
    static void keys() throws Exception {
        keys = SelfSignedKeys.generate("container-tls");
    }

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
        if (this.resources != null) {
            this.resources.shutdown();
        }
    }

    /** Starts a container with a UDP point and a TLS point (on the next port) and a UAS application. */
    private void start(javax.net.ssl.SSLContext tlsClient) throws Exception {
        int udp = FreePorts.udpAndTcp();
        this.port = FreePorts.udpAndTcp();
        this.resources = HostResources.standalone("tls-test", 2, tlsClient);
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", udp),
                new ListeningPoint(Transport.TLS, "127.0.0.1", this.port, keys.serverContext())), null, -1, 2), this.resources);
    }

    private ServletContext deploy() throws Exception {
        ServletContext context = TestServletContext.create("tls");
        this.container.deploy(SipApplicationDefinition.builder("tls", Map.of("uas", new Uas(this.events))).mainServlet("uas").sessionTimeoutMinutes(3)
                .servletContext(context).build());
        return context;
    }

    @Test
    void optionsOverTlsIsAnsweredOnTheConnection() throws Exception {
        this.start(null);
        try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.port)) {
            phone.send(request("OPTIONS", "sips:127.0.0.1:" + this.port, phone.localPort(), "tls-options", 1, null, null));
            String answer = phone.receive();
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
            assertTrue(TlsPeer.header(answer, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + phone.localPort()), answer);
            // the context's protocols, not the SIP stack's TLS 1.0 to 1.2
            assertEquals("TLSv1.3", phone.socket().getSession().getProtocol());
            assertTrue(answer.replace(" ", "").contains("Allow:INVITE,ACK,CANCEL,BYE,OPTIONS"), answer);
        }
        // the answer is counted once the stack has sent it, which may be just after the phone read it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long counted = 0;
        while (counted < 2 && System.nanoTime() < deadline) {
            counted = this.container.connectorStatistics().stream().filter(c -> c.listeningPoint().transport() == Transport.TLS)
                    .mapToLong(c -> c.messagesReceived() + c.messagesSent()).sum();
            Thread.sleep(20);
        }
        assertEquals(2, counted, "the TLS connector counts what it received and sent");
    }

    /** A peer that connects and never starts its handshake is disconnected, not kept with a thread for ever. */
    @Test
    void aConnectionWithoutHandshakeIsClosed() throws Exception {
        this.start(null);
        try (java.net.Socket silent = new java.net.Socket(InetAddress.getLoopbackAddress(), this.port)) {
            silent.setSoTimeout(60_000);
            try {
                // at most a TLS alert, then the end of the stream; no answer in 60 s throws SocketTimeoutException
                silent.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                // closed too
            }
        }
    }

    @Test
    void aCallOverTls() throws Exception {
        this.start(null);
        this.deploy();
        try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.port)) {
            String target = "sips:service@127.0.0.1:" + this.port;
            phone.send(request("INVITE", target, phone.localPort(), "tls-call", 1, null, null));
            String ok = phone.receive();
            while (ok.startsWith("SIP/2.0 1")) {
                ok = phone.receive();
            }
            assertTrue(ok.startsWith("SIP/2.0 200 "), ok);
            assertTrue(TlsPeer.header(ok, "Via").startsWith("SIP/2.0/TLS "), ok);
            String contact = TlsPeer.header(ok, "Contact");
            assertTrue(contact.startsWith("<sips:127.0.0.1:" + this.port), "the Contact of a TLS dialog is the TLS point's sips: URI (RFC 5630): " + contact);
            assertEquals("INVITE secure=true transport=TLS", this.events.poll(5, TimeUnit.SECONDS));
            String toTag = TlsPeer.header(ok, "To");
            String remote = contact.substring(1, contact.indexOf('>'));
            phone.send(request("ACK", remote, phone.localPort(), "tls-call", 1, toTag, null));
            assertEquals("ACK", this.events.poll(5, TimeUnit.SECONDS));
            phone.send(request("BYE", remote, phone.localPort(), "tls-call", 2, toTag, null));
            String byeAnswer = phone.receive();
            assertTrue(byeAnswer.startsWith("SIP/2.0 200 ") && TlsPeer.header(byeAnswer, "CSeq").equals("2 BYE"), byeAnswer);
            assertEquals("BYE", this.events.poll(5, TimeUnit.SECONDS));
        }
    }

    /** The application hangs up: its BYE reaches the caller on the caller's own connection, as the caller does not listen. */
    @Test
    void theApplicationHangsUpOverTheCallersConnection() throws Exception {
        this.start(null);
        this.deploy();
        try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.port)) {
            phone.send(request("INVITE", "sips:hangup@127.0.0.1:" + this.port, phone.localPort(), "tls-hangup", 1, null, null));
            String ok = phone.receive();
            while (ok.startsWith("SIP/2.0 1")) {
                ok = phone.receive();
            }
            assertTrue(ok.startsWith("SIP/2.0 200 "), ok);
            String contact = TlsPeer.header(ok, "Contact");
            phone.send(request("ACK", contact.substring(1, contact.indexOf('>')), phone.localPort(), "tls-hangup", 1, TlsPeer.header(ok, "To"), null));
            String bye = phone.receive();
            assertTrue(bye.startsWith("BYE sips:phone@127.0.0.1:" + phone.localPort() + " SIP/2.0"), bye);
            assertTrue(TlsPeer.header(bye, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + this.port), bye);
            phone.send(answer(bye, 200).replace(";tag=peer-1", "")); // the BYE's To already has the caller's tag
            assertEquals("INVITE secure=true transport=TLS", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("ACK", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("200 BYE", this.events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRequestToASipsTargetGoesOverTls() throws Exception {
        this.start(keys.clientContext());
        ServletContext context = this.deploy();
        try (SSLServerSocket server = (SSLServerSocket) keys.serverContext().getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> receivedOn = CompletableFuture.supplyAsync(() -> {
                try (TlsPeer peer = new TlsPeer((SSLSocket) server.accept())) {
                    String message = peer.receive();
                    peer.send(answer(message, 200));
                    Thread.sleep(500); // leave the connection up while the answer is read
                    return peer.socket().getSession().getProtocol() + "\n" + message;
                } catch (IOException | InterruptedException e) {
                    return "failed: " + e;
                }
            });
            SipFactory factory = (SipFactory) context.getAttribute(SipServlet.SIP_FACTORY);
            String target = "sips:service@127.0.0.1:" + server.getLocalPort();
            factory.createRequest(factory.createApplicationSession(), "MESSAGE", "sips:app@127.0.0.1", target).send();
            String[] received = receivedOn.get(15, TimeUnit.SECONDS).split("\n", 2);
            assertEquals("TLSv1.3", received[0], "the client context's protocols, not the SIP stack's TLS 1.0 to 1.2");
            String message = received[1];
            assertTrue(message.startsWith("MESSAGE " + target + " SIP/2.0"), message);
            assertTrue(TlsPeer.header(message, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + this.port), message);
            assertEquals("200 MESSAGE", this.events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSipsTargetWhoseCertificateTheClientContextDoesNotTrustIsNotReached() throws Exception {
        this.start(SelfSignedKeys.generate("stranger").clientContext()); // trusts another key only
        ServletContext context = this.deploy();
        try (SSLServerSocket server = (SSLServerSocket) keys.serverContext().getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                try (TlsPeer peer = new TlsPeer((SSLSocket) server.accept())) {
                    return assertThrows(IOException.class, peer::receive);
                } catch (IOException e) {
                    return e;
                }
            });
            SipFactory factory = (SipFactory) context.getAttribute(SipServlet.SIP_FACTORY);
            try {
                factory.createRequest(factory.createApplicationSession(), "MESSAGE", "sips:app@127.0.0.1", "sips:service@127.0.0.1:" + server.getLocalPort()).send();
            } catch (IOException e) {
                this.events.add("send failed: " + e.getMessage());
            }
            Throwable failure = refused.get(15, TimeUnit.SECONDS);
            assertNotNull(failure);
            assertTrue(failure instanceof SSLHandshakeException || failure.getCause() instanceof SSLHandshakeException || failure instanceof java.net.SocketException,
                    "the container broke off the handshake: " + failure);
            String outcome = this.events.poll(5, TimeUnit.SECONDS);
            assertTrue(outcome != null && outcome.startsWith("send failed: "), "the application's send() throws: " + outcome);
        }
    }

    /**
     * A record-routing proxy between a caller over TLS and a {@code sips:} callee: both hops are TLS, and the
     * Record-Route is the TLS point's {@code sips:} URI, so the dialog's requests come back over TLS (RFC 5630).
     */
    @Test
    void aProxyRecordRoutesTlsDialogsWithItsSipsUri() throws Exception {
        this.start(keys.clientContext());
        try (SSLServerSocket server = (SSLServerSocket) keys.serverContext().getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String callee = "sips:callee@127.0.0.1:" + server.getLocalPort();
            this.container.deploy(SipApplicationDefinition.builder("tls-proxy", Map.of("proxy", new SipServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doInvite(SipServletRequest request) throws jakarta.servlet.ServletException, IOException {
                    javax.servlet.sip.Proxy proxy = request.getProxy();
                    proxy.setRecordRoute(true);
                    proxy.proxyTo(((SipFactory) this.getServletContext().getAttribute(SipServlet.SIP_FACTORY)).createURI(callee));
                }
            })).mainServlet("proxy").sessionTimeoutMinutes(3).servletContext(TestServletContext.create("tls-proxy")).build());
            CompletableFuture<String> forwarded = CompletableFuture.supplyAsync(() -> {
                try (TlsPeer peer = new TlsPeer((SSLSocket) server.accept())) {
                    String invite = peer.receive();
                    peer.send(answer(invite, 200).replace("Content-Length: 0", "Record-Route: " + TlsPeer.header(invite, "Record-Route") + "\r\nContact: <" + callee
                            + ">\r\nContent-Length: 0"));
                    Thread.sleep(500);
                    return invite;
                } catch (IOException | InterruptedException e) {
                    return "failed: " + e;
                }
            });
            try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.port)) {
                phone.send(request("INVITE", "sips:callee@127.0.0.1:" + this.port, phone.localPort(), "tls-proxy", 1, null, null));
                String invite = forwarded.get(15, TimeUnit.SECONDS);
                assertTrue(invite.startsWith("INVITE " + callee + " SIP/2.0"), invite);
                assertTrue(TlsPeer.header(invite, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + this.port), invite);
                assertTrue(TlsPeer.header(invite, "Record-Route").startsWith("<sips:127.0.0.1:" + this.port + ";"), invite);
                String ok = phone.receive();
                while (ok.startsWith("SIP/2.0 1")) {
                    ok = phone.receive();
                }
                assertTrue(ok.startsWith("SIP/2.0 200 "), ok);
                assertTrue(TlsPeer.header(ok, "Record-Route").startsWith("<sips:127.0.0.1:" + this.port + ";"), ok);
            }
        }
    }

    /** A trusted certificate that names another host than the one the request goes to is refused (RFC 5922). */
    @Test
    void aSipsTargetWhoseCertificateNamesAnotherHostIsNotReached() throws Exception {
        SelfSignedKeys elsewhere = SelfSignedKeys.generate("elsewhere", "dns:sip.elsewhere.example");
        this.start(elsewhere.clientContext()); // trusts that key
        ServletContext context = this.deploy();
        try (SSLServerSocket server = (SSLServerSocket) elsewhere.serverContext().getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                try (TlsPeer peer = new TlsPeer((SSLSocket) server.accept())) {
                    return assertThrows(IOException.class, peer::receive);
                } catch (IOException e) {
                    return e;
                }
            });
            SipFactory factory = (SipFactory) context.getAttribute(SipServlet.SIP_FACTORY);
            IOException failed = assertThrows(IOException.class, () -> factory.createRequest(factory.createApplicationSession(), "MESSAGE", "sips:app@127.0.0.1",
                    "sips:service@127.0.0.1:" + server.getLocalPort()).send());
            assertTrue(failed.getMessage().contains("127.0.0.1"), failed.getMessage());
            assertNotNull(refused.get(15, TimeUnit.SECONDS));
        }
    }

    static String request(String method, String uri, int localPort, String callId, int cseq, String to, String body) {
        String content = (body != null) ? body : "";
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + callId + "-" + cseq + method.charAt(0) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sips:phone@127.0.0.1>;tag=phone-1\r\n"
                + "To: " + ((to != null) ? to : "<" + uri + ">") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sips:phone@127.0.0.1:" + localPort + ">\r\n"
                + "Content-Length: " + content.length() + "\r\n\r\n" + content;
    }

    /** A response to a request: its Via, From, To (with a tag), Call-ID and CSeq. */
    static String answer(String request, int status) {
        return "SIP/2.0 " + status + " OK\r\n"
                + "Via: " + TlsPeer.header(request, "Via") + "\r\n"
                + "From: " + TlsPeer.header(request, "From") + "\r\n"
                + "To: " + TlsPeer.header(request, "To") + ";tag=peer-1\r\n"
                + "Call-ID: " + TlsPeer.header(request, "Call-ID") + "\r\n"
                + "CSeq: " + TlsPeer.header(request, "CSeq") + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Answers INVITE and BYE with 200, and says what it saw. */
    static final class Uas extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Uas(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            this.events.add("INVITE secure=" + request.isSecure() + " transport=" + request.getTransport());
            request.createResponse(200).send();
        }

        @Override
        protected void doAck(SipServletRequest request) throws IOException {
            this.events.add("ACK");
            if (request.getRequestURI().toString().contains("hangup") || request.getTo().getURI().toString().contains("hangup")) {
                request.getSession().createRequest("BYE").send();
            }
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            this.events.add("BYE");
            request.createResponse(200).send();
        }

        @Override
        protected void doResponse(SipServletResponse response) throws jakarta.servlet.ServletException, IOException {
            this.events.add(response.getStatus() + " " + response.getMethod());
        }
    }
}
