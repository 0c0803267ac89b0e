package org.wildfly.extras.sip.container.dialog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * The dialog rules of RFC 3261 §12: setting up a dialog's state from the messages that create it, and building requests within it.
 */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * The state of a dialog we create as UAS by answering {@code request} with {@code response} (RFC 3261 §12.1.1).
     * @param request the dialog-creating request (INVITE, SUBSCRIBE, ...)
     * @param response our 1xx (with To tag) or 2xx response to it
     * @return the UAS dialog
     * @throws SyntaxException if a header the dialog needs is malformed
     */
    public static DialogState asUas(RawRequest request, RawResponse response) throws SyntaxException {
        AddressSyntax from = address(request.headers(), HeaderNames.FROM);
        AddressSyntax to = address(response.headers(), HeaderNames.TO);
        List<String> routeSet = new ArrayList<>(request.headers().all(HeaderNames.RECORD_ROUTE));
        return new DialogState(DialogState.Role.UAS, request.callId(), to.parameters().get("tag"), from.parameters().get("tag"),
                withoutTag(to), withoutTag(from), 0, cseqNumber(request.headers()), contactUri(request.headers()), routeSet,
                isSips(request.requestUri()), (response.status() < 200) ? DialogState.State.EARLY : DialogState.State.CONFIRMED);
    }

    /**
     * The state of a dialog we take part in as UAC, set up by {@code response} to our {@code request} (RFC 3261 §12.1.2).
     * @param request our dialog-creating request
     * @param response a 1xx with a To tag or a 2xx
     * @return the UAC dialog
     * @throws SyntaxException if a header the dialog needs is malformed
     */
    public static DialogState asUac(RawRequest request, RawResponse response) throws SyntaxException {
        AddressSyntax from = address(request.headers(), HeaderNames.FROM);
        AddressSyntax to = address(response.headers(), HeaderNames.TO);
        List<String> routeSet = new ArrayList<>(response.headers().all(HeaderNames.RECORD_ROUTE));
        Collections.reverse(routeSet);
        return new DialogState(DialogState.Role.UAC, request.callId(), from.parameters().get("tag"), to.parameters().get("tag"),
                withoutTag(from), withoutTag(to), cseqNumber(request.headers()), -1, contactUri(response.headers()), routeSet,
                isSips(request.requestUri()), (response.status() < 200) ? DialogState.State.EARLY : DialogState.State.CONFIRMED);
    }

    /**
     * A request within the dialog (RFC 3261 §12.2.1.1): request-URI, Route, From, To, Call-ID and CSeq set;
     * Via, Contact and Max-Forwards are the sender's to add.
     * @param dialog the dialog, whose local CSeq advances unless the method is ACK or CANCEL
     * @param method the method
     * @param sequence for ACK and CANCEL, the CSeq number of the INVITE they go with; ignored otherwise
     * @return the request
     * @throws SyntaxException if a stored route is malformed
     */
    public static RawRequest request(DialogState dialog, String method, long sequence) throws SyntaxException {
        HeaderFields headers = new HeaderFields();
        String requestUri = dialog.remoteTarget();
        List<String> routes = dialog.routeSet();
        if (!routes.isEmpty()) {
            AddressSyntax first = SipGrammar.parseAddress(routes.get(0));
            boolean loose = first.uri() instanceof SipUriSyntax uri && uri.parameters().contains("lr");
            if (loose) {
                routes.forEach(route -> headers.add(HeaderNames.ROUTE, route));
            } else {
                // strict routing (RFC 2543 peers): the first route becomes the request-URI, the remote target the last route
                SipUriSyntax uri = (SipUriSyntax) first.uri().copy();
                uri.parameters().remove("method");
                uri.headers().clear();
                requestUri = uri.toString();
                routes.subList(1, routes.size()).forEach(route -> headers.add(HeaderNames.ROUTE, route));
                headers.add(HeaderNames.ROUTE, '<' + dialog.remoteTarget() + '>');
            }
        }
        boolean follower = method.equals("ACK") || method.equals("CANCEL");
        long number = follower ? sequence : dialog.nextLocalSequence();
        headers.add(HeaderNames.FROM, withTag(dialog.localAddress(), dialog.localTag()));
        headers.add(HeaderNames.TO, withTag(dialog.remoteAddress(), dialog.remoteTag()));
        headers.add(HeaderNames.CALL_ID, dialog.callId());
        headers.add(HeaderNames.CSEQ, number + " " + method);
        return new RawRequest(method, requestUri, headers, null);
    }

    /** @return the CSeq number of a message */
    public static long cseqNumber(HeaderFields headers) throws SyntaxException {
        String cseq = headers.first(HeaderNames.CSEQ);
        if (cseq == null) {
            throw new SyntaxException("Missing CSeq", "", 0);
        }
        int space = cseq.indexOf(' ');
        try {
            return Long.parseLong((space > 0) ? cseq.substring(0, space) : cseq);
        } catch (NumberFormatException e) {
            throw new SyntaxException("Bad CSeq number", cseq, 0);
        }
    }

    /** @return the CSeq number of a message, or -1 if it has none that parses (a message the transport let through) */
    public static long cseqNumberOrNone(HeaderFields headers) {
        try {
            return cseqNumber(headers);
        } catch (SyntaxException e) {
            return -1;
        }
    }

    /** @return the tag of the From or To header, or {@code null} */
    public static String tag(HeaderFields headers, String name) throws SyntaxException {
        return address(headers, name).parameters().get("tag");
    }

    private static AddressSyntax address(HeaderFields headers, String name) throws SyntaxException {
        String value = headers.first(name);
        if (value == null) {
            throw new SyntaxException("Missing " + name, "", 0);
        }
        return SipGrammar.parseAddress(value);
    }

    private static String contactUri(HeaderFields headers) throws SyntaxException {
        String contact = headers.first(HeaderNames.CONTACT);
        return (contact != null) ? SipGrammar.parseAddress(contact).uri().toString() : null;
    }

    /** @return the address as text, without its {@code tag} parameter */
    public static String withoutTag(AddressSyntax address) {
        AddressSyntax copy = address.copy();
        copy.parameters().remove("tag");
        return copy.toString();
    }

    private static String withTag(String address, String tag) throws SyntaxException {
        if (tag == null) {
            return address;
        }
        AddressSyntax parsed = SipGrammar.parseAddress(address);
        parsed.parameters().set("tag", tag);
        return parsed.toString();
    }

    private static boolean isSips(String requestUri) {
        return requestUri.regionMatches(true, 0, "sips:", 0, 5);
    }
}
