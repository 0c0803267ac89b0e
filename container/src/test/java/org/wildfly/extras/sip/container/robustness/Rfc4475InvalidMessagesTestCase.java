package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SipProbe;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The invalid messages of RFC 4475 §3.1.2 (and the semantic ones of §3.3 a transport can tell), sent over UDP and over
 * TCP to a container running a UAS application: each gets the answer the RFC expects of a UAS, no servlet or stack
 * thread fails, and the container still serves afterwards. Over TCP the answer comes on the request's connection,
 * which stays open unless the defect broke the message's framing.
 * The messages are written for this test; each carries the defect of its RFC case, not the RFC's text.
 *
 * <p>Every answer must also be a well-framed response to the request's Call-ID and CSeq with a To tag; a servlet
 * failure logged at ERROR or a dead thread fails the case, and a well-formed OPTIONS must be served after each case,
 * a full sipp call after all of them.
 * Where the RFC lets an element either reject or process a message ({@link Outcome#REJECT_OR_PROCESS}), the test
 * asserts a final answer that is not a 5xx; {@link Case#observed()} records which of the two the container does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Rfc4475InvalidMessagesTestCase {

    private static final String CRLF = "\r\n";
    private static final Pattern STATUS_LINE = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final Pattern HEADER_LINE = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+[ \\t]*:[^\\r\\n]*");
    private static final Pattern CONTINUATION = Pattern.compile("[ \\t]+[^\\r\\n]*");
    private static final Pattern CALL_ID = Pattern.compile("^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final List<LogRecord> failures = new CopyOnWriteArrayList<>();
    private final Logger containerLogger = Logger.getLogger("org.wildfly.extras.sip");
    private final Handler failureRecorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                Rfc4475InvalidMessagesTestCase.this.failures.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    private SipContainer container;
    private int port;

    /** What RFC 4475 expects of a UAS that receives the message. */
    enum Outcome {
        /** A 400 (Bad Request) final response. */
        BAD_REQUEST,
        /** An error final response (4xx): the RFC asks for "an error" without naming it. */
        CLIENT_ERROR,
        /** A 501 (Not Implemented) or 405 (Method Not Allowed): a method no application takes (RFC 3261 §8.2.1, §21.5.2). */
        UNKNOWN_METHOD,
        /** A 505 (Version Not Supported). */
        VERSION_NOT_SUPPORTED,
        /** A 501 (Not Implemented) is preferred, a 400 is acceptable. */
        NOT_IMPLEMENTED_OR_BAD_REQUEST,
        /** The element may reject it with 400 or be liberal and process it: a final answer, never a 5xx. */
        REJECT_OR_PROCESS,
        /** A malformed response: dropped, nothing is sent back. */
        DROPPED
    }

    /**
     * One case of RFC 4475 §3.1.2.
     * @param section the RFC section
     * @param defect what is wrong with the message
     * @param expected what the RFC expects of a UAS
     * @param method the request method, or {@code null} for a response
     * @param observed what this container answers, and who: documents the choice it makes where the RFC allows two
     * @param knownGap {@code null}, or an RFC 3261 rule the answer is known to break, whose check is skipped
     * @param message the message, from the container's port, the probe's port and a Call-ID
     */
    record Case(String section, String defect, Outcome expected, String method, String observed, String knownGap, Message message) {
        @Override
        public String toString() {
            return this.section + " " + this.defect;
        }
    }

    /** Writes the datagram of a case. */
    @FunctionalInterface
    interface Message {
        String write(int containerPort, int probePort, String callId);
    }

    @BeforeAll
    void start() throws IOException, ServletException {
        this.containerLogger.addHandler(this.failureRecorder);
        this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> this.uncaught.add(e));
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port), new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 4));
        this.container.deploy(SipApplicationDefinition.builder("torture", Map.of("uas", new CallServlet(this.served))).mainServlet("uas")
                .sessionTimeoutMinutes(3).servletContext(servletContext()).build());
    }

    @AfterAll
    void stop() {
        try {
            if (this.container != null) {
                this.container.close();
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
            this.containerLogger.removeHandler(this.failureRecorder);
        }
    }

    /** Over TCP, the request waits for the body its Content-Length announces: the connection's read timeout ends it (TcpLimitsTestCase). */
    private static final Set<String> WAITS_FOR_MORE_ON_TCP = Set.of("3.1.2.2");
    /** Over TCP, these defects leave no way to tell where the next message starts: the answer is followed by the close. */
    private static final Set<String> BREAKS_TCP_FRAMING = Set.of("3.1.2.3", "3.3.8");

    static Stream<Arguments> casesOverEachTransport() {
        return Stream.of(Transport.UDP, Transport.TCP).flatMap(transport -> cases().map(rfcCase -> Arguments.of(transport, rfcCase)));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("3.1.2.1", "Extraneous Header Field Separators", Outcome.BAD_REQUEST, "INVITE", "400, from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                "Via: SIP/2.0/UDP 127.0.0.1:" + probe + ";branch=z9hG4bK-3121;;,;,,",
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;;tag=c3121",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: \"Caller\" <sip:caller@127.0.0.1:" + probe + ">;;;;",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.2", "Content Length Larger Than Message", Outcome.BAD_REQUEST, "INVITE", "400, from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3122"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3122",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                "Content-Length: 4321", sdp())),
                new Case("3.1.2.3", "Negative Content-Length", Outcome.CLIENT_ERROR, "INVITE", "400, from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3123"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3123",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                "Content-Length: -512", sdp())),
                new Case("3.1.2.4", "Request Scalar Fields with Overlarge Values", Outcome.BAD_REQUEST, "REGISTER", "400, from the transport's checks (CSeq not below 2^31)", null,
                        (port, probe, callId) -> request("REGISTER sip:127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3124"),
                                "Max-Forwards: 4000",
                                "From: <sip:caller@127.0.0.1>;tag=c3124",
                                "To: <sip:caller@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 55340232221128654848 REGISTER",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">;expires=987654321987654",
                                "Expires: 77777777777777777777",
                                null, "")),
                new Case("3.1.2.5", "Response Scalar Fields with Overlarge Values", Outcome.DROPPED, null, "dropped by the stack", null,
                        (port, probe, callId) -> response("SIP/2.0 503 Service Unavailable",
                                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-3125",
                                "From: <sip:callee@127.0.0.1>;tag=u3125",
                                "To: <sip:caller@127.0.0.1:" + probe + ">;tag=c3125",
                                "Call-ID: " + callId,
                                "CSeq: 92233720368547758080 OPTIONS",
                                "Retry-After: 123456789012345678901234",
                                "Warning: 3999 127.0.0.1 \"a warn-code of four digits\"")),
                new Case("3.1.2.6", "Unterminated Quoted String in Display Name", Outcome.REJECT_OR_PROCESS, "INVITE", "rejected: 400 from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3126"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3126",
                                "To: \"Callee, the one with an open quote <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.7", "<> Enclosing Request-URI", Outcome.REJECT_OR_PROCESS, "INVITE", "rejected: 400 from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE <sip:callee@127.0.0.1:" + port + "> SIP/2.0",
                                via(probe, "3127"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3127",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.8", "Malformed SIP Request-URI (embedded LWS)", Outcome.REJECT_OR_PROCESS, "INVITE", "rejected: 400 from the stack's parser", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + "; transport=udp SIP/2.0",
                                via(probe, "3128"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3128",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.9", "Multiple SP Separating Request-Line Elements", Outcome.REJECT_OR_PROCESS, "INVITE", "processed: the extra SP is ignored, the servlet answers 200", null,
                        (port, probe, callId) -> request("INVITE   sip:callee@127.0.0.1:" + port + "    SIP/2.0",
                                via(probe, "3129"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3129",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.10", "SP Characters at End of Request-Line", Outcome.REJECT_OR_PROCESS, "OPTIONS", "processed: the trailing SP is ignored, the servlet answers 200", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0   ",
                                via(probe, "31210"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31210",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                null, "")),
                new Case("3.1.2.11", "Escaped Headers in SIP Request-URI", Outcome.REJECT_OR_PROCESS, "INVITE", "processed: the servlet answers 200; nothing acts on the URI's headers", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + "?Subject=lunch%20at%20noon&Priority=urgent SIP/2.0",
                                via(probe, "31211"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31211",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.12", "Invalid Time Zone in Date Header Field", Outcome.REJECT_OR_PROCESS, "INVITE", "processed: the Date is not used, the servlet answers 200", null,
                        (port, probe, callId) -> request("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31212"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31212",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 INVITE",
                                "Date: Tue, 15 Mar 2011 09:30:00 PST",
                                "Contact: <sip:caller@127.0.0.1:" + probe + ">",
                                "Content-Type: application/sdp",
                                null, sdp())),
                new Case("3.1.2.13", "Failure to Enclose name-addr URI in <>", Outcome.REJECT_OR_PROCESS, "REGISTER", "processed: the servlet answers 200; nothing reads the Contact before it", null,
                        (port, probe, callId) -> request("REGISTER sip:127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31213"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31213",
                                "To: <sip:caller@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 REGISTER",
                                "Contact: sip:caller@127.0.0.1:" + probe + "?Subject=see%20you%20soon",
                                null, "")),
                new Case("3.1.2.14", "Spaces within addr-spec", Outcome.REJECT_OR_PROCESS, "OPTIONS", "processed: the spaces are ignored, the servlet answers 200 with the To rewritten without them", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31214"),
                                "Max-Forwards: 70",
                                "From: \"Caller\" <sip:caller@127.0.0.1>;tag=c31214",
                                "To: \"Callee\" <  sip:callee@127.0.0.1  >",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                null, "")),
                new Case("3.1.2.15", "Non-token Characters in Display Name", Outcome.REJECT_OR_PROCESS, "OPTIONS", "processed: the display names are quoted, the servlet answers 200 with From and To quoted", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31215"),
                                "Max-Forwards: 70",
                                "From: Smith, Ann <sip:caller@127.0.0.1>;tag=c31215",
                                "To: Jones, Bo <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                null, "")),
                new Case("3.1.2.16", "Unknown Protocol Version", Outcome.VERSION_NOT_SUPPORTED, "OPTIONS", "505, from the transport (its parser marks the version)", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/4.0",
                                "Via: SIP/4.0/UDP 127.0.0.1:" + probe + ";branch=z9hG4bK-31216",
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31216",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                null, "")),
                new Case("3.1.2.17", "Start Line and CSeq Method Mismatch", Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks (the CSeq method is not the request's)", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31217"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31217",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 5 INVITE",
                                null, "")),
                new Case("3.1.2.18", "Unknown Method with CSeq Method Mismatch", Outcome.NOT_IMPLEMENTED_OR_BAD_REQUEST, "FROBNICATE", "400, from the transport's checks (the CSeq method is not the request's), before any servlet could answer 501", null,
                        (port, probe, callId) -> request("FROBNICATE sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "31218"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c31218",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 5 INVITE",
                                null, "")),
                new Case("3.1.2.19", "Overlarge Response Code", Outcome.DROPPED, null, "dropped by the stack", null,
                        (port, probe, callId) -> response("SIP/2.0 8589934597 far beyond any status class",
                                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-31219",
                                "From: <sip:callee@127.0.0.1>;tag=u31219",
                                "To: <sip:caller@127.0.0.1:" + probe + ">;tag=c31219",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS")),
                new Case("3.1.1.2", "Wide Range of Valid Characters in the Method", Outcome.UNKNOWN_METHOD, "!interesting-Method0123456789_*+`.%indeed'~", "501, from the transport: the method has lower-case letters, which the stack cannot carry", null,
                        (port, probe, callId) -> request("!interesting-Method0123456789_*+`.%indeed'~ sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3112") + ";+unusual~param=!weird`value'",
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3112;~odd-param=%token%",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~",
                                null, "")),
                new Case("3261 7.1", "Lower-case Method (methods are case-sensitive: an unknown one)", Outcome.UNKNOWN_METHOD, "options", "501, from the transport: the method has lower-case letters, which the stack cannot carry", null,
                        (port, probe, callId) -> request("options sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "32617"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c32617",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 options",
                                null, "")),
                new Case("3.3.1", "Missing Required Header Field (CSeq)", Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3331"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3331",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                null, "")),
                duplicate("Call-ID", (probe, callId) -> "Call-ID: second-" + callId),
                duplicate("CSeq", (probe, callId) -> "CSeq: 2 OPTIONS"),
                duplicate("From", (probe, callId) -> "From: <sip:other@127.0.0.1>;tag=other"),
                duplicate("To", (probe, callId) -> "To: <sip:other@127.0.0.1>"),
                duplicate("Max-Forwards", (probe, callId) -> "Max-Forwards: 69"),
                new Case("3.3.8", "Multiple Content-Length Values", Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks (TCP: then the connection closes)", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "3338"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c3338",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                "Content-Length: 0\r\nContent-Length: 5", "")),
                new Case("3261 8.1.1.5", "CSeq Number of 2^31", Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                via(probe, "326118"),
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c326118",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 2147483648 OPTIONS",
                                null, "")),
                new Case("3261 18.2.1", "Via Transport Not the One the Request Came Over (SCTP)", Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks", null,
                        (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                                "Via: SIP/2.0/SCTP 127.0.0.1:" + probe + ";branch=z9hG4bK-326121",
                                "Max-Forwards: 70",
                                "From: <sip:caller@127.0.0.1>;tag=c326121",
                                "To: <sip:callee@127.0.0.1>",
                                "Call-ID: " + callId,
                                "CSeq: 1 OPTIONS",
                                null, "")));
    }

    /** RFC 4475 §3.3.7: a header field that takes one value, twice. */
    private static Case duplicate(String name, java.util.function.BiFunction<Integer, String, String> second) {
        return new Case("3.3.7", "Multiple Values in Single Value Required Field " + name, Outcome.BAD_REQUEST, "OPTIONS", "400, from the transport's checks", null,
                (port, probe, callId) -> request("OPTIONS sip:callee@127.0.0.1:" + port + " SIP/2.0",
                        via(probe, "3337"),
                        "Max-Forwards: 70",
                        "From: <sip:caller@127.0.0.1>;tag=c3337",
                        "To: <sip:callee@127.0.0.1>",
                        "Call-ID: " + callId,
                        "CSeq: 1 OPTIONS",
                        second.apply(probe, callId),
                        null, ""));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesOverEachTransport")
    void invalidMessageGetsTheAnswerTheRfcExpects(Transport transport, Case rfcCase) throws Exception {
        assumeFalse(transport == Transport.TCP && WAITS_FOR_MORE_ON_TCP.contains(rfcCase.section()), "over TCP the request waits for the rest of its body");
        String callId = "rfc4475-" + rfcCase.section().replace(' ', '-') + "-" + UUID.randomUUID();
        try (SipProbe probe = SipProbe.open(transport, this.port)) {
            String message = overTransport(rfcCase.message().write(this.port, probe.port(), callId), transport);
            probe.send(message, this.port);
            String answer = finalAnswer(probe, callId);
            int status = (answer != null) ? status(answer) : -1;
            switch (rfcCase.expected()) {
                case BAD_REQUEST -> assertEquals(400, status, () -> "expected 400, got " + answer);
                case CLIENT_ERROR -> assertTrue(status >= 400 && status < 500, () -> "expected a 4xx, got " + answer);
                case UNKNOWN_METHOD -> assertTrue(status == 501 || status == 405, () -> "expected 501 or 405, got " + answer);
                case VERSION_NOT_SUPPORTED -> assertEquals(505, status, () -> "expected 505, got " + answer);
                case NOT_IMPLEMENTED_OR_BAD_REQUEST -> assertTrue(status == 501 || status == 400, () -> "expected 501 or 400, got " + answer);
                case REJECT_OR_PROCESS -> assertTrue(status >= 200 && status < 500 || status >= 600, () -> "expected a final answer that is not a 5xx, got " + answer);
                case DROPPED -> assertNull(answer, () -> "a malformed response is dropped, yet this came back: " + answer);
                default -> fail(rfcCase.expected().toString());
            }
            if (answer != null) {
                assertWellFormed(answer);
                assertEquals(normalized(header(message, "CSeq", "CSeq")), normalized(header(answer, "CSeq", "CSeq")), () -> "the answer is to the request's CSeq: " + answer);
                if (rfcCase.knownGap() == null) {
                    assertTrue(header(answer, "To", "t").matches("(?i).*;\\s*tag\\s*=.*"), () -> "a final answer carries a To tag (RFC 3261 §8.2.6.2): " + answer);
                }
            }
            if (rfcCase.expected() != Outcome.REJECT_OR_PROCESS && rfcCase.expected() != Outcome.NOT_IMPLEMENTED_OR_BAD_REQUEST && rfcCase.expected() != Outcome.UNKNOWN_METHOD) {
                assertFalse(this.served.contains(callId), "a message the RFC wants rejected never reaches the servlet");
            }
            if (answer != null && "INVITE".equals(rfcCase.method()) && !probe.closedByPeer()) {
                probe.send(overTransport(ack(answer, this.port, probe.port()), transport), this.port);
            }
            assertTrue(this.failures.isEmpty(), () -> "the container logged a failure: " + describe(this.failures));
            assertTrue(this.uncaught.isEmpty(), () -> "a thread died: " + this.uncaught);
            if (transport == Transport.TCP && BREAKS_TCP_FRAMING.contains(rfcCase.section())) {
                try (SipProbe fresh = SipProbe.open(transport, this.port)) {
                    assertOptionsServed(fresh);
                }
            } else {
                assertFalse(probe.closedByPeer(), "the container keeps a connection whose framing is intact");
                assertOptionsServed(probe);
            }
        }
    }

    /**
     * @return the message with its Via naming the transport it goes over, and a branch of its own: the stack matches a
     *         server transaction by branch alone, so the same branch over both transports would meet the first's
     */
    private static String overTransport(String message, Transport transport) {
        return message.replaceAll("(SIP/\\d\\.\\d)/UDP ", "$1/" + transport.name() + " ")
                .replaceAll("branch=z9hG4bK-(?!" + transport.name() + "-)", "branch=z9hG4bK-" + transport.name() + "-");
    }

    @Order(2)
    @Test
    void aFullCallIsServedAfterAllCases() throws Exception {
        Sipp.Result result = Sipp.run("uas-call-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertTrue(this.failures.isEmpty(), () -> "the container logged a failure: " + describe(this.failures));
        assertTrue(this.uncaught.isEmpty(), () -> "a thread died: " + this.uncaught);
    }

    /**
     * Not an RFC 4475 case: the order of one connection's messages, which the transport must keep. An ACK and the BYE
     * right behind it, in one TCP write, reach the application in that order: the BYE's 200 counts the ACK.
     */
    @Order(3)
    @Test
    void overTcpAnAckAndTheByeInTheSameWriteReachTheApplicationInOrder() throws Exception {
        try (org.wildfly.extras.sip.container.transport.TcpProbe probe = new org.wildfly.extras.sip.container.transport.TcpProbe(this.port)) {
            String callId = "order-" + UUID.randomUUID();
            String target = "sip:callee@127.0.0.1:" + this.port + ";transport=tcp";
            probe.send(overTransport(request("INVITE " + target + " SIP/2.0",
                    via(probe.port(), "order-invite-" + callId),
                    "Max-Forwards: 70",
                    "From: <sip:caller@127.0.0.1>;tag=order",
                    "To: <sip:callee@127.0.0.1>",
                    "Call-ID: " + callId,
                    "CSeq: 1 INVITE",
                    "Contact: <sip:caller@127.0.0.1:" + probe.port() + ";transport=tcp>",
                    "Content-Type: application/sdp",
                    null, sdp()), Transport.TCP), this.port);
            String ok = finalAnswer(probe, callId);
            assertNotNull(ok, "the INVITE is answered");
            assertEquals(200, status(ok), ok);
            String to = header(ok, "To", "t");
            String ack = request("ACK " + target + " SIP/2.0", via(probe.port(), "order-ack-" + callId), "Max-Forwards: 70",
                    "From: <sip:caller@127.0.0.1>;tag=order", "To: " + to, "Call-ID: " + callId, "CSeq: 1 ACK", null, "");
            String bye = request("BYE " + target + " SIP/2.0", via(probe.port(), "order-bye-" + callId), "Max-Forwards: 70",
                    "From: <sip:caller@127.0.0.1>;tag=order", "To: " + to, "Call-ID: " + callId, "CSeq: 2 BYE", null, "");
            probe.send(overTransport(ack + bye, Transport.TCP), this.port);
            String byeOk = finalAnswer(probe, callId);
            assertNotNull(byeOk, "the BYE is answered");
            assertEquals("2 BYE", normalized(header(byeOk, "CSeq", "CSeq")), byeOk);
            assertEquals("3", header(byeOk, "X-Request-Count", "X-Request-Count").trim(), "the application saw the INVITE, the ACK, then the BYE: " + byeOk);
        }
    }

    /** Cheaply checks that the container serves: a well-formed OPTIONS gets the servlet's 200. */
    private void assertOptionsServed(SipProbe probe) throws IOException {
        String callId = "still-serving-" + UUID.randomUUID();
        probe.send(overTransport(request("OPTIONS sip:callee@127.0.0.1:" + this.port + " SIP/2.0",
                via(probe.port(), UUID.randomUUID().toString()),
                "Max-Forwards: 70",
                "From: <sip:caller@127.0.0.1>;tag=alive",
                "To: <sip:callee@127.0.0.1>",
                "Call-ID: " + callId,
                "CSeq: 1 OPTIONS",
                null, ""), probe.transport()), this.port);
        String answer = finalAnswer(probe, callId);
        assertNotNull(answer, "the container no longer answers a well-formed OPTIONS");
        assertEquals(200, status(answer), answer);
        assertTrue(this.served.contains(callId), "the servlet answered the OPTIONS");
    }

    /** @return the first final response to the Call-ID, skipping provisional ones and unrelated datagrams; {@code null} if none comes */
    private static String finalAnswer(SipProbe probe, String callId) throws IOException {
        for (String datagram = probe.receive(); datagram != null; datagram = probe.receive()) {
            Matcher status = STATUS_LINE.matcher(datagram);
            if (!status.find()) {
                fail("not a response: " + datagram);
            }
            if (Integer.parseInt(status.group(1)) < 200) {
                continue;
            }
            Matcher id = CALL_ID.matcher(datagram);
            if (id.find() && id.group(1).equals(callId)) {
                return datagram;
            }
        }
        return null;
    }

    /** Checks the framing of an answer: one status line, then header fields (or their continuations) up to an empty line. */
    private static void assertWellFormed(String answer) {
        int end = answer.indexOf(CRLF + CRLF);
        assertTrue(end > 0, () -> "no empty line ends the header fields: " + answer);
        String[] lines = answer.substring(0, end).split(CRLF, -1);
        assertTrue(lines[0].matches("SIP/2\\.0 [1-6]\\d\\d [^\\p{Cntrl}]*"), () -> "malformed status line in: " + answer);
        for (int index = 1; index < lines.length; index++) {
            String line = lines[index];
            assertTrue(HEADER_LINE.matcher(line).matches() || (index > 1 && CONTINUATION.matcher(line).matches()), () -> "malformed header line \"" + line + "\" in: " + answer);
        }
    }

    private static String normalized(String value) {
        return value.trim().replaceAll("\\s+", " ");
    }

    private static int status(String response) {
        Matcher status = STATUS_LINE.matcher(response);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }

    /** @return an ACK for a final answer to an INVITE: in the INVITE's transaction for a non-2xx, a new one for a 2xx */
    private static String ack(String answer, int containerPort, int probePort) {
        int status = status(answer);
        String branch = (status >= 300) ? header(answer, "Via", "v").replaceAll("(?s).*;branch=([^;,\\s]+).*", "$1") : "z9hG4bK-ack-" + UUID.randomUUID();
        return request("ACK sip:callee@127.0.0.1:" + containerPort + " SIP/2.0",
                via(probePort, branch.startsWith("z9hG4bK-") ? branch.substring("z9hG4bK-".length()) : branch),
                "Max-Forwards: 70",
                "From: " + header(answer, "From", "f"),
                "To: " + header(answer, "To", "t"),
                "Call-ID: " + header(answer, "Call-ID", "i"),
                "CSeq: " + header(answer, "CSeq", "CSeq").replaceAll("\\s.*", "") + " ACK",
                null, "");
    }

    private static String header(String message, String name, String compact) {
        Matcher matcher = Pattern.compile("^(?:" + Pattern.quote(name) + "|" + Pattern.quote(compact) + ")[ \\t]*:[ \\t]*(.*?)\\r?$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE).matcher(message);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String via(int probePort, String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + probePort + ";branch=z9hG4bK-" + branch;
    }

    /**
     * @param startLine the request line
     * @param lines the header fields, then the Content-Length field ({@code null} for the body's true length), then the body
     * @return the request
     */
    private static String request(String startLine, String... lines) {
        StringBuilder message = new StringBuilder(startLine).append(CRLF);
        for (int index = 0; index < lines.length - 2; index++) {
            message.append(lines[index]).append(CRLF);
        }
        String body = lines[lines.length - 1];
        String contentLength = lines[lines.length - 2];
        message.append((contentLength != null) ? contentLength : "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append(CRLF);
        return message.append(CRLF).append(body).toString();
    }

    private static String response(String statusLine, String... headers) {
        StringBuilder message = new StringBuilder(statusLine).append(CRLF);
        for (String header : headers) {
            message.append(header).append(CRLF);
        }
        return message.append("Content-Length: 0").append(CRLF).append(CRLF).toString();
    }

    private static String sdp() {
        return "v=0\r\no=caller 4475 1 IN IP4 127.0.0.1\r\ns=torture\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            text.append('\n').append(record.getLoggerName()).append(": ").append(record.getMessage());
            if (record.getThrown() != null) {
                text.append(" (").append(record.getThrown()).append(')');
            }
        }
        return text.toString();
    }

    private static ServletContext servletContext() {
        return (ServletContext) Proxy.newProxyInstance(Rfc4475InvalidMessagesTestCase.class.getClassLoader(), new Class<?>[] { ServletContext.class }, (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "getServletContextName":
                case "getContextPath":
                    return "torture";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == arguments[0];
                case "toString":
                    return "ServletContext of torture";
                default:
                    return null;
            }
        });
    }

    /**
     * A UAS that answers calls (180, 200 with SDP, then BYE with the request count that sipp checks), OPTIONS and
     * REGISTER with 200, and records each Call-ID it sees; extension methods get {@link SipServlet}'s 501.
     */
    static final class CallServlet extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> served;

        CallServlet(Set<String> served) {
            this.served = served;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            this.served.add(request.getCallId());
            super.doRequest(request);
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            request.getSession().setAttribute("count", 1);
            request.createResponse(180).send();
            SipServletResponse ok = request.createResponse(200);
            ok.setContent("v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", "application/sdp");
            ok.send();
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.count(request);
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("X-Request-Count", Integer.toString(this.count(request)));
            ok.send();
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }

        @Override
        protected void doRegister(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }

        private int count(SipServletRequest request) {
            Object count = request.getSession().getAttribute("count");
            int next = ((count instanceof Integer known) ? known : 0) + 1;
            request.getSession().setAttribute("count", next);
            return next;
        }
    }
}
