package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * Bad input does not grow into the log: a big malformed datagram is one short line with the peer and the reason, and
 * its 400 goes back; a stream of mutated messages is a few lines, never a stack trace or the messages' bytes; and
 * the UDP listener still serves after it. The log is what an operator reads: it is captured at the JUL level the
 * server logs at (INFO and above).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputLoggingTestCase {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger sipLogger = Logger.getLogger("org.wildfly.extras.sip");
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                BadInputLoggingTestCase.this.records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SipContainer container;
    private int port;

    @BeforeAll
    void start() throws IOException {
        this.sipLogger.addHandler(this.recorder);
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
    }

    @AfterAll
    void stop() {
        try {
            if (this.container != null) {
                this.container.close();
            }
        } finally {
            this.sipLogger.removeHandler(this.recorder);
        }
    }

    @BeforeEach
    void forget() {
        this.records.clear();
    }

    @Order(1)
    @Test
    void aBigDatagramWithoutCSeqIsOneShortLineAndGetsItsBadRequest() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String callId = "big-" + UUID.randomUUID();
            String body = "a".repeat(59_000);
            probe.send("OPTIONS sip:callee@127.0.0.1:" + this.port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=big\r\nTo: <sip:callee@127.0.0.1>\r\nCall-ID: " + callId + "\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, this.port);
            String answer = probe.receive();
            assertNotNull(answer, "a request without CSeq is answered (RFC 4475 §3.3.1: ideally 400)");
            assertTrue(answer.startsWith("SIP/2.0 400 "), answer);
            assertTrue(answer.contains(callId), answer);
            assertTrue(answer.length() < 1000, "the 400 does not echo the request: " + answer.length() + " bytes");
        }
        List<String> lines = this.lines();
        assertEquals(1, lines.size(), () -> "one line for one bad message: " + lines);
        String line = lines.get(0);
        assertTrue(line.length() < 300, line);
        assertTrue(line.contains("127.0.0.1:") && line.contains("CSeq"), "the line names the peer and the reason: " + line);
        assertTrue(this.records.stream().allMatch(record -> record.getThrown() == null), "no stack trace for bad input");
    }

    @Order(2)
    @Test
    void aStreamOfMutatedMessagesIsAFewLinesAndTheListenerStillServes() throws Exception {
        Random random = new Random(4475);
        int sent = 0;
        try (UdpProbe probe = new UdpProbe()) {
            for (int index = 0; index < 500; index++) {
                byte[] message = options(probe.port(), "fuzz-" + index).getBytes(StandardCharsets.UTF_8);
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    message[random.nextInt(message.length)] = (byte) random.nextInt(256);
                }
                if (index % 50 == 0) {
                    message = new byte[1 + random.nextInt(30_000)]; // noise (UTF-8 on the wire: up to twice as long)
                    random.nextBytes(message);
                }
                probe.send(new String(message, StandardCharsets.ISO_8859_1), this.port);
                sent++;
            }
            // what the container sent back to the mutations is of no interest here
            while (probe.receive() != null) {
                // drain
            }
            String callId = "alive-" + UUID.randomUUID();
            probe.send(options(probe.port(), callId), this.port);
            String answer;
            do {
                answer = probe.receive();
            } while (answer != null && !answer.contains(callId));
            assertNotNull(answer, "the UDP listener still answers after " + sent + " mutated messages");
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        }
        List<String> lines = this.lines();
        long characters = lines.stream().mapToLong(String::length).sum();
        // the bad-input log and the stack's log each say at most DEFAULT_LINES a minute, plus a count
        assertTrue(lines.size() <= 2 * (BadInputLog.DEFAULT_LINES + 1), () -> lines.size() + " lines for " + 500 + " bad messages: " + lines);
        assertTrue(characters < 10_000, characters + " characters logged");
        assertTrue(this.records.stream().allMatch(record -> record.getThrown() == null), "no stack trace for bad input");
        assertNull(lines.stream().filter(line -> line.matches(".*\\[-?\\d+, -?\\d+.*")).findFirst().orElse(null), "no bytes as numbers");
    }

    private List<String> lines() {
        SimpleFormatter formatter = new SimpleFormatter();
        return this.records.stream().filter(record -> !record.getLoggerName().endsWith("SipContainer")).map(formatter::formatMessage).toList();
    }

    private String options(int probePort, String callId) {
        return "OPTIONS sip:callee@127.0.0.1:" + this.port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + probePort + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=fuzz\r\nTo: <sip:callee@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}
