package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * What an application sees of a received MESSAGE and of the response it builds, where the javadoc of JSR 289 says what
 * must happen: every header named, values read back as given, the exceptions each method declares.
 */
class MessageContractsTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void receivedMessageAndItsResponseKeepTheirContracts() throws Exception {
        CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("contracts", Map.of("checker", new Checker(seen))).mainServlet("checker").sessionTimeoutMinutes(1)
                .servletContext(TestServletContext.create("contracts")).build());
        byte[] body = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (UdpProbe probe = new UdpProbe()) {
            String head = "MESSAGE sip:service@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bKcontracts-1\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:service@127.0.0.1>\r\nFrom: <sip:alice@127.0.0.1>;tag=c1\r\nCall-ID: contracts-1\r\n"
                    + "CSeq: 1 MESSAGE\r\nAccept-Language: fr;q=0.5, en, de;q=0\r\nCall-Info: <http://www.example.com/alice/photo.jpg;size=large>;purpose=icon\r\n"
                    + "X-Empty-Check: one\r\nContent-Type: text/plain;charset=ISO-8859-1\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] datagram = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, datagram, 0, head.length());
            System.arraycopy(body, 0, datagram, head.length(), body.length);
            probe.send(datagram, port);
            String answer = probe.receive();
            assertNotNull(answer);
        }
        Map<String, String> results = seen.get(10, TimeUnit.SECONDS);
        Map<String, String> expected = new TreeMap<>();
        expected.put("header names", "[Accept-Language, Call-ID, Call-Info, Content-Length, Content-Type, CSeq, From, Max-Forwards, To, Via, X-Empty-Check]");
        expected.put("accept language", "en");
        expected.put("accept languages", "[en, fr]");
        expected.put("content", "caf\u00e9");
        expected.put("call-info", "<http://www.example.com/alice/photo.jpg;size=large>;purpose=icon");
        expected.put("call-info purpose", "icon");
        expected.put("setHeader(name, null)", "NullPointerException");
        expected.put("addHeader(name, null)", "NullPointerException");
        expected.put("setHeader(null, value)", "NullPointerException");
        expected.put("getAttribute(null)", "NullPointerException");
        expected.put("added address without brackets", "sip:bob@example.com");
        expected.put("setCharacterEncoding(unknown) on the request", "UnsupportedEncodingException");
        expected.put("Content-Length", "4");
        expected.put("setContentLength on the received request", "IllegalStateException");
        expected.put("response content", "na\u00efve");
        assertEquals(expected, new TreeMap<>(results));
    }

    /** Reads and writes what the test checks, each answer in one line, then answers 200. */
    static final class Checker extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient CompletableFuture<Map<String, String>> seen;

        Checker(CompletableFuture<Map<String, String>> seen) {
            this.seen = seen;
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            Map<String, String> results = new TreeMap<>();
            try {
                List<String> names = new ArrayList<>();
                for (Iterator<String> i = request.getHeaderNames(); i.hasNext();) {
                    names.add(i.next());
                }
                names.sort(String.CASE_INSENSITIVE_ORDER);
                results.put("header names", names.toString());
                results.put("accept language", String.valueOf(request.getAcceptLanguage()));
                List<String> languages = new ArrayList<>();
                request.getAcceptLanguages().forEachRemaining(locale -> languages.add(locale.toString()));
                results.put("accept languages", languages.toString());
                results.put("content", String.valueOf(request.getContent()));
                results.put("call-info", String.valueOf(outcome(() -> request.getParameterableHeader("Call-Info"))));
                results.put("call-info purpose", String.valueOf(outcome(() -> request.getParameterableHeader("Call-Info").getParameter("purpose"))));
                SipServletResponse response = request.createResponse(200);
                results.put("setHeader(name, null)", outcome(() -> {
                    response.setHeader("X-Note", null);
                    return "accepted";
                }));
                results.put("addHeader(name, null)", outcome(() -> {
                    response.addHeader("X-Note", null);
                    return "accepted";
                }));
                results.put("setHeader(null, value)", outcome(() -> {
                    response.setHeader(null, "x");
                    return "accepted";
                }));
                results.put("getAttribute(null)", outcome(() -> String.valueOf(request.getAttribute(null))));
                response.addAddressHeader("P-Asserted-Identity", ((javax.servlet.sip.SipFactory) this.getServletContext().getAttribute(SIP_FACTORY)).createAddress("sip:bob@example.com"), false);
                results.put("added address without brackets", response.getHeader("P-Asserted-Identity"));
                results.put("setCharacterEncoding(unknown) on the request", outcome(() -> {
                    request.setCharacterEncoding("no-such-charset");
                    return "accepted";
                }));
                results.put("Content-Length", request.getHeader("Content-Length"));
                results.put("setContentLength on the received request", outcome(() -> {
                    request.setContentLength(2);
                    return "accepted";
                }));
                response.setContent("na\u00efve", "text/plain;charset=ISO-8859-1");
                results.put("response content", String.valueOf(response.getContent()));
                response.send();
            } catch (RuntimeException | javax.servlet.sip.ServletParseException e) {
                results.put("failed", e.toString());
            }
            this.seen.complete(results);
        }

        private static String outcome(ThrowingSupplier<Object> action) {
            try {
                return String.valueOf(action.get());
            } catch (Exception e) {
                return e.getClass().getSimpleName();
            }
        }

        @FunctionalInterface
        interface ThrowingSupplier<T> {
            T get() throws Exception;
        }
    }
}
