package org.wildfly.extras.sip.container.transport.jainsip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.InboundChecks;
import org.wildfly.extras.sip.container.transport.MessageHead;

/**
 * The stack's parser, guarded. For a message received from a peer ({@link InboundOrigin}: a TCP connection of this
 * transport, or a datagram its UDP receiver took), it first makes {@link InboundChecks}, then parses; a request that
 * fails either is answered by the transport itself (400, or 501 for a method it cannot carry) and never reaches the
 * stack, a response that fails is dropped, and each gets one line in the {@link BadInputLog}, never a stack trace or the
 * message's bytes. The stack's own answers to bad requests were missing for the worst of them (no CSeq: a
 * NullPointerException logged with the datagram as a list of numbers) and over TCP it closed the connection instead.
 *
 * <p>It also marks what the stack's parser forgets: it reads any SIP version as "SIP/2.0", so a request of another
 * version could not get the 505 that RFC 3261 §8.2.1 (and RFC 4475 §3.1.2.16) asks for.
 * The stack instantiates it by name (property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}).
 */
public class JainSipMessageParserFactory implements MessageParserFactory {

    /** The application data of a message whose start line names a SIP version other than 2.0. */
    static final Object UNSUPPORTED_VERSION = new Object();

    private static final MessageParser PARSER = new GuardedParser(new StringMsgParser());
    private static final int MAX_REASON = 120;

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return PARSER;
    }

    private record GuardedParser(MessageParser parser) implements MessageParser {
        @Override
        public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener) throws ParseException {
            InboundOrigin origin = (listener instanceof InboundOrigin known) ? known : BoundedUdpMessageProcessor.takeCurrentOrigin();
            if (origin == null) {
                return this.parseUnguarded(bytes, readBody, strict, listener);
            }
            if (isBlank(bytes)) {
                return null; // a keep-alive
            }
            MessageHead head = MessageHead.parse(bytes);
            InboundChecks.Verdict verdict = InboundChecks.check(head, origin.transport());
            SIPMessage message = null;
            if (verdict == null) {
                try {
                    rejectViaComments(bytes);
                    message = this.parser.parseSIPMessage(bytes, readBody, strict, QUIET);
                } catch (ParseException e) {
                    verdict = new InboundChecks.Verdict(head.isRequest() ? 400 : 0, reasonText(e.getMessage()));
                } catch (RuntimeException | StackOverflowError e) {
                    verdict = new InboundChecks.Verdict(head.isRequest() ? 400 : 0, "malformed message (" + e.getClass().getSimpleName() + ")");
                }
            }
            if (verdict != null) {
                reject(origin, head, verdict, bytes.length);
                return null;
            }
            if (message != null && !isVersion2(bytes)) {
                message.setApplicationData(UNSUPPORTED_VERSION);
            }
            return message;
        }

        /** A message that is not from a peer of this transport's listening points (a test, a message the stack makes itself): parse errors are thrown. */
        private SIPMessage parseUnguarded(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener) throws ParseException {
            rejectViaComments(bytes);
            SIPMessage message;
            try {
                message = this.parser.parseSIPMessage(bytes, readBody, strict, listener);
            } catch (ParseException e) {
                ParseException clean = new ParseException(reasonText(e.getMessage()), e.getErrorOffset());
                clean.initCause(e);
                throw clean;
            } catch (RuntimeException | StackOverflowError e) {
                // the stack's parser fails on some malformed headers with other exceptions (a NumberFormatException for
                // an empty MIME-Version, found by MessageParsingFuzzTest): the message is as malformed, and gets the same
                // answer, instead of a stack trace with the datagram as a list of numbers in the log
                ParseException malformed = new ParseException("malformed message (" + e.getClass().getSimpleName() + ")", 0);
                malformed.initCause(e);
                throw malformed;
            }
            if (message != null && !isVersion2(bytes)) {
                message.setApplicationData(UNSUPPORTED_VERSION);
            }
            return message;
        }

        /**
         * Refuses a Via that holds a comment, before the stack's parser sees it. RFC 3261 has no comments in Via (RFC 2543
         * had); the stack still reads one, and one left open at the end of its line makes it append to the comment for
         * ever, until the heap is gone: one datagram took a node down (found by MessageParsingFuzzTest).
         * @param bytes the message
         * @throws ParseException if a Via header has a parenthesis outside a quoted string
         */
        static void rejectViaComments(byte[] bytes) throws ParseException {
            boolean inVia = false;
            int lineStart = 0;
            while (lineStart < bytes.length) {
                int lineEnd = lineStart;
                while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
                    lineEnd++;
                }
                int length = lineEnd - lineStart;
                if (length == 0 || (length == 1 && bytes[lineStart] == '\r')) {
                    return; // the end of the headers: the body is not the parser's business here
                }
                if (bytes[lineStart] != ' ' && bytes[lineStart] != '\t') {
                    inVia = isViaHeader(bytes, lineStart, lineEnd);
                }
                if (inVia && hasUnquotedParenthesis(bytes, lineStart, lineEnd)) {
                    throw new ParseException("Via with a comment", lineStart);
                }
                lineStart = lineEnd + 1;
            }
        }

        private static boolean isViaHeader(byte[] bytes, int start, int end) {
            int colon = start;
            while (colon < end && bytes[colon] != ':') {
                colon++;
            }
            String name = new String(bytes, start, colon - start, StandardCharsets.ISO_8859_1).trim();
            return colon < end && (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("v"));
        }

        private static boolean hasUnquotedParenthesis(byte[] bytes, int start, int end) {
            boolean quoted = false;
            for (int i = start; i < end; i++) {
                byte b = bytes[i];
                if (quoted && b == '\\') {
                    i++; // an escaped character in a quoted string
                } else if (b == '"') {
                    quoted = !quoted;
                } else if (!quoted && (b == '(' || b == ')')) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Answers a request the transport rejects (not an ACK: nothing answers an ACK) and tells the log.
     * @param origin where it came from
     * @param head its head
     * @param verdict what is wrong
     * @param size its length in bytes
     */
    static void reject(InboundOrigin origin, MessageHead head, InboundChecks.Verdict verdict, int size) {
        String what = head.methodForLog() + ", " + size + " bytes: " + verdict.reason();
        byte[] answer = (verdict.status() > 0 && !head.method().equals("ACK")) ? head.answer(verdict.status(), verdict.reasonPhrase()) : null;
        if (answer != null) {
            origin.badInput().report(origin.transport(), origin.peer(), what + "; answered " + verdict.status());
            origin.answer(answer);
        } else {
            origin.badInput().report(origin.transport(), origin.peer(), what + "; dropped");
        }
    }

    /** Like the stack's own listener for its channels, without their logging of the whole message: a bad mandatory field fails the message, another is kept unparsed. */
    private static final ParseExceptionListener QUIET = (exception, message, headerClass, header, text) -> {
        if (headerClass == null || headerClass.equals(From.class) || headerClass.equals(To.class) || headerClass.equals(CSeq.class)
                || headerClass.equals(Via.class) || headerClass.equals(CallID.class) || headerClass.equals(ContentLength.class)
                || headerClass.equals(RequestLine.class) || headerClass.equals(StatusLine.class)) {
            throw exception;
        }
        message.addUnparsed(header);
    };

    /**
     * The error as one line of printable text, without the parser's dumps of its own buffer ("[C@1b6d3586").
     * No "To" either: the stack adds the 400's To tag only if it finds no "tag" after the first "To" of the
     * response it builds, and this text comes first.
     * @param message the parser's message
     * @return the text for the reason phrase
     */
    static String reasonText(String message) {
        if (message == null) {
            return "malformed message";
        }
        String text = message.replaceAll("\\[C@\\p{XDigit}+", " ").replaceAll("[\\p{Cntrl}\\s]+", " ").replace("To", "to").trim();
        if (text.isEmpty()) {
            return "malformed message";
        }
        return (text.length() > MAX_REASON) ? text.substring(0, MAX_REASON) : text;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte next : bytes) {
            if (next != '\r' && next != '\n' && next != ' ' && next != '\t' && next != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVersion2(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).trim();
        String version = line.regionMatches(true, 0, "SIP/", 0, 4) ? line.split("\\s+", 2)[0] : line.substring(line.lastIndexOf(' ') + 1);
        return version.equalsIgnoreCase("SIP/2.0");
    }
}
