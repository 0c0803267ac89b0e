package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a TCP stream is cut into messages, within the limits. */
class StreamFramerTestCase {

    private static final String OPTIONS = "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n";

    /** Records what the framer finds. */
    private static final class Found implements StreamFramer.Sink {
        final List<String> messages = new ArrayList<>();
        int keepAlives;
        String tooLarge;
        String broken;
        byte[] brokenHeader;

        @Override
        public void message(byte[] message) {
            this.messages.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void keepAlive() {
            this.keepAlives++;
        }

        @Override
        public void tooLarge(byte[] header, long contentLength) {
            this.tooLarge = new String(header, StandardCharsets.UTF_8) + contentLength;
        }

        @Override
        public void broken(byte[] header, String reason) {
            this.broken = reason;
            this.brokenHeader = header;
        }
    }

    private static boolean feed(StreamFramer framer, String text, Found found) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return framer.feed(bytes, 0, bytes.length, 0, found);
    }

    @Test
    void messagesArriveWholeWhateverTheirPiecesAndTwoInOneReadArriveBoth() {
        String first = OPTIONS + "Content-Length: 5\r\n\r\nhello";
        String second = OPTIONS + "l: 0\r\n\r\n";
        String stream = "\r\n" + first + second;
        Found found = new Found();
        StreamFramer framer = new StreamFramer(4096, 8192);
        for (int index = 0; index < stream.length(); index += 7) {
            assertTrue(feed(framer, stream.substring(index, Math.min(stream.length(), index + 7)), found));
        }
        assertEquals(List.of(first, second), found.messages);
        assertFalse(framer.midMessage());

        Found together = new Found();
        assertTrue(feed(new StreamFramer(4096, 8192), first + second, together));
        assertEquals(List.of(first, second), together.messages);
    }

    @Test
    void aBodyPastTheMessageLimitIsSkippedNotHeldAndTheNextMessageIsRead() {
        Found found = new Found();
        StreamFramer framer = new StreamFramer(4096, 8192);
        assertTrue(feed(framer, OPTIONS + "Content-Length: 1000000\r\n\r\n" + "x".repeat(100), found));
        assertTrue(found.tooLarge.endsWith("1000000"));
        assertTrue(framer.midMessage(), "the rest of the body is still to come");
        assertEquals(0, framer.held(), "nothing of it is kept");
        assertTrue(feed(framer, "x".repeat(1000000 - 100) + OPTIONS + "Content-Length: 0\r\n\r\n", found));
        assertEquals(1, found.messages.size());
    }

    @Test
    void aHeaderSectionPastItsLimitBreaksTheFraming() {
        Found found = new Found();
        StreamFramer framer = new StreamFramer(4096, 8192);
        assertFalse(feed(framer, OPTIONS + "X-Filler: " + "y".repeat(5000), found));
        assertTrue(found.broken.contains("4096"), found.broken);
        assertNull(found.brokenHeader, "nothing whole to answer");
        assertFalse(feed(framer, OPTIONS + "Content-Length: 0\r\n\r\n", found), "nothing more is read");
        assertTrue(found.messages.isEmpty());
    }

    @Test
    void twoOrABadContentLengthBreakTheFramingWithTheHeaderToAnswer() {
        for (String lengths : new String[] { "Content-Length: 0\r\nContent-Length: 5\r\n", "Content-Length: -512\r\n", "Content-Length: 12ab\r\n" }) {
            Found found = new Found();
            assertFalse(feed(new StreamFramer(4096, 8192), OPTIONS + lengths + "\r\n", found));
            assertTrue(found.brokenHeader != null && found.broken != null, lengths);
        }
    }

    @Test
    void aDoubleCrlfBetweenMessagesIsAKeepAlive() {
        Found found = new Found();
        assertTrue(feed(new StreamFramer(4096, 8192), "\r\n\r\n\r\n\r\n", found));
        assertEquals(2, found.keepAlives);
        assertTrue(found.messages.isEmpty());
    }
}
