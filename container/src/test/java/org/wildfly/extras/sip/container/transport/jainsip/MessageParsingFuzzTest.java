package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.text.ParseException;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;

import org.junit.jupiter.api.BeforeAll;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * Whatever bytes arrive, the path from the wire to the container's first look at a request fails only as a parse
 * error, which the transport answers with 400 or drops: never with another exception, which the stack's threads
 * would log with the whole datagram and a stack trace, or die of.
 *
 * <p>Every build replays the inputs under {@code MessageParsingFuzzTestInputs/} (each a finding, fixed, kept);
 * {@code JAZZER_FUZZ=1 mvn -pl container test -Dtest=MessageParsingFuzzTest} fuzzes, see docs/operations.md.
 */
class MessageParsingFuzzTest {

    /** As the stack's channels do: a bad header the message cannot do without fails it; any other is set aside. */
    private static final ParseExceptionListener STACK_RULES = (error, message, header, text, messageText) -> {
        if (header == null || header == From.class || header == To.class || header == CSeq.class || header == Via.class || header == CallID.class
                || header == ContentLength.class || header == RequestLine.class || header == StatusLine.class) {
            throw error;
        }
        message.addUnparsed(text);
    };

    private final MessageParser parser = new JainSipMessageParserFactory().createMessageParser(null);

    @BeforeAll
    static void configureTheStack() throws IOException {
        // a stack as the container configures it, listening nowhere: the parser logs through the stack's logger
        JainSipTransport.start("fuzz", List.of(), new IgnoringHandler()).close();
    }

    @FuzzTest(maxDuration = "30s")
    void aMessageFailsOnlyAsAParseError(byte[] bytes) throws Exception {
        if (bytes == null) {
            return; // the fuzzer's way of saying "no value"; the transport never has null
        }
        SIPMessage message;
        try {
            message = this.parser.parseSIPMessage(bytes, true, false, STACK_RULES);
        } catch (ParseException e) {
            return; // the transport's 400, or a dropped response
        }
        if (message instanceof SIPRequest request && request.getRequestLine() != null) {
            RawRequest raw = JainSipMessages.toRaw(request);
            raw.encode(); // every field's text, which the container writes from the parsed header when it first reads it
            try {
                // the dispatcher's first look (InboundDispatcher.requestReceived), then what routing reads
                Dialogs.tag(raw.headers(), HeaderNames.TO);
                Dialogs.tag(raw.headers(), HeaderNames.FROM);
                Dialogs.cseqNumber(raw.headers());
                SipGrammar.parseUri(raw.requestUri());
                String contact = raw.headers().first(HeaderNames.CONTACT);
                if (contact != null) {
                    SipGrammar.parseAddress(contact);
                }
            } catch (SyntaxException e) {
                // the dispatcher's 400
            }
        } else if (message instanceof SIPResponse response && response.getStatusLine() != null) {
            JainSipMessages.toRaw(response).encode();
        }
    }
}
