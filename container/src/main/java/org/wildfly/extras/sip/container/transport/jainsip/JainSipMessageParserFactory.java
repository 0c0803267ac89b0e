package org.wildfly.extras.sip.container.transport.jainsip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's parser, plus what it forgets: it reads any SIP version as "SIP/2.0", so a request of another version
 * could not get the 505 that RFC 3261 §8.2.1 (and RFC 4475 §3.1.2.16) asks for. This parser marks such messages.
 * The stack instantiates it by name (property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}).
 */
public class JainSipMessageParserFactory implements MessageParserFactory {

    /** The application data of a message whose start line names a SIP version other than 2.0. */
    static final Object UNSUPPORTED_VERSION = new Object();

    private static final MessageParser PARSER = new VersionCheckingParser(new StringMsgParser());

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return PARSER;
    }

    private record VersionCheckingParser(MessageParser parser) implements MessageParser {
        @Override
        public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener) throws ParseException {
            SIPMessage message = this.parser.parseSIPMessage(bytes, readBody, strict, listener);
            if (message != null && !isVersion2(bytes)) {
                message.setApplicationData(UNSUPPORTED_VERSION);
            }
            return message;
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
}
