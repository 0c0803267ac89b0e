package org.wildfly.extras.sip.container.transport.jainsip;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

import javax.sip.header.CSeqHeader;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.URLParser;

import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawMessage;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;

/**
 * Converts between the container's text messages and the stack's parsed ones. Each header field of a message the
 * stack read keeps the stack's parsed header it came from ({@link HeaderFields.Field#parsed()}), and becomes text only
 * when the container reads it. When the container sends a field on unchanged (a proxy's branch, a relayed response, a
 * B2BUA's copy, the Via, From, To, Call-ID and CSeq of a response) the stack gets a copy of that header instead of
 * text to parse again. Only the fields the container wrote or changed are parsed, one by one, with the parser the
 * stack uses for a whole message.
 */
final class JainSipMessages {

    private static final System.Logger LOGGER = System.getLogger(JainSipMessages.class.getName());
    // RFC 3261 §8.1.1: a request cannot go without them
    private static final Set<String> MANDATORY = Set.of(HeaderNames.key(HeaderNames.TO), HeaderNames.key(HeaderNames.FROM), HeaderNames.key(HeaderNames.CSEQ),
            HeaderNames.key(HeaderNames.CALL_ID), HeaderNames.key(HeaderNames.MAX_FORWARDS), HeaderNames.key(HeaderNames.VIA));
    private static final Function<Object, String> VALUE_TEXT = header -> ((SIPHeader) header).getHeaderValue().trim();
    // the method as the peer wrote it: the stack's encoding puts every CSeq method in upper case
    private static final Function<Object, String> CSEQ_TEXT = header -> ((CSeqHeader) header).getSeqNumber() + " " + ((CSeqHeader) header).getMethod();

    private JainSipMessages() {
    }

    /** @return the stack's form of a request, to send */
    static SIPRequest toJain(RawRequest request) throws ParseException {
        SIPRequest message = new SIPRequest();
        message.setMethod(request.method());
        GenericURI uri = (request.parsedRequestUri() instanceof GenericURI parsed) ? (GenericURI) parsed.clone() : new URLParser(request.requestUri()).parse();
        message.setRequestURI(uri);
        attach(request, message);
        return message;
    }

    /** @return the stack's form of a response, to send */
    static SIPResponse toJain(RawResponse response) throws ParseException {
        SIPResponse message = new SIPResponse();
        message.setStatusCode(response.status());
        message.setReasonPhrase(response.reason());
        attach(response, message);
        return message;
    }

    private static void attach(RawMessage source, SIPMessage message) throws ParseException {
        for (HeaderFields.Field field : source.headers().fields()) {
            if (HeaderNames.same(field.name(), HeaderNames.CONTENT_LENGTH)) {
                continue; // the stack counts the body
            }
            SIPHeader header = (field.parsed() instanceof SIPHeader parsed) ? (SIPHeader) parsed.clone() : parse(field);
            if (header != null) {
                message.attachHeader(header, false, false);
            }
        }
        if (source.content().length > 0) {
            message.setMessageContent(source.content());
        }
    }

    /**
     * @return the stack's header for a field, or {@code null} for an optional field the stack cannot read: its
     *         message parser leaves those out (as it did when the container gave it text), the mandatory ones fail
     */
    private static SIPHeader parse(HeaderFields.Field field) throws ParseException {
        if (field.value().indexOf('\r') >= 0 || field.value().indexOf('\n') >= 0) {
            throw new ParseException(field.name() + " has a line break in its value", 0);
        }
        try {
            return ParserFactory.createParser(field.name() + ": " + field.value() + "\n").parse();
        } catch (ParseException e) {
            if (MANDATORY.contains(field.key())) {
                throw new ParseException(field.name() + ": " + e.getMessage(), e.getErrorOffset());
            }
            LOGGER.log(Level.DEBUG, "Leaving out {0}: {1}", field.name(), e.getMessage());
            return null;
        }
    }

    /** @return the container's form of a request the stack read, each field with its parsed header, its text written when read */
    static RawRequest toRaw(SIPRequest request) {
        return new RawRequest(request.getMethod(), request.getRequestURI().toString(), request.getRequestURI(), fields(request), request.getRawContent());
    }

    /** @return the container's form of a response the stack read, each field with its parsed header */
    static RawResponse toRaw(SIPResponse response) {
        return new RawResponse(response.getStatusCode(), response.getReasonPhrase(), fields(response), response.getRawContent());
    }

    private static HeaderFields fields(SIPMessage message) {
        HeaderFields fields = new HeaderFields();
        for (Iterator<SIPHeader> headers = message.getHeaders(); headers.hasNext();) {
            add(fields, headers.next());
        }
        return fields;
    }

    private static void add(HeaderFields fields, SIPHeader header) {
        if (header instanceof SIPHeaderList<?> list) {
            for (SIPHeader element : list) {
                add(fields, element);
            }
        } else if (header instanceof CSeqHeader) {
            fields.add(HeaderFields.Field.parsed(header.getName(), header, CSEQ_TEXT));
        } else if (!HeaderNames.same(header.getName(), HeaderNames.CONTENT_LENGTH)) {
            fields.add(HeaderFields.Field.parsed(header.getName(), header, VALUE_TEXT));
        }
    }
}
