package org.wildfly.extras.sip.container.dialog;

import java.util.Locale;

import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;

/**
 * The dialogs of subscriptions (RFC 6665 §4, RFC 3515 for REFER): a 2xx to SUBSCRIBE or REFER, or a NOTIFY that comes
 * first, sets up a dialog; the dialog lives as long as one of its subscriptions does; a NOTIFY with
 * {@code Subscription-State: terminated} ends the subscription it names.
 */
public final class Subscriptions {

    private static final String EVENT = "Event";
    private static final String SUBSCRIPTION_STATE = "Subscription-State";

    private Subscriptions() {
    }

    /** @return whether the method starts a subscription: SUBSCRIBE, or REFER with its implied subscription */
    public static boolean subscribes(String method) {
        return method.equals("SUBSCRIBE") || method.equals("REFER");
    }

    /**
     * @param request a SUBSCRIBE, REFER or NOTIFY
     * @return the subscription it names ({@link DialogState#subscription}); a REFER's is "refer", with its CSeq as id
     *         when sent in a dialog that exists already (RFC 3515 §2.4.6)
     */
    public static String of(RawRequest request, boolean inDialog) {
        if (request.method().equals("REFER")) {
            return inDialog ? "refer;id=" + Dialogs.cseqNumberOrNone(request.headers()) : "refer";
        }
        return DialogState.subscription(request.headers().first(EVENT), "unknown");
    }

    /** @return whether a NOTIFY ends its subscription (RFC 6665 §4.1.3: {@code Subscription-State: terminated}) */
    public static boolean terminates(RawRequest notify) {
        String state = notify.headers().first(SUBSCRIPTION_STATE);
        return state != null && state.trim().toLowerCase(Locale.ROOT).startsWith("terminated");
    }

    /**
     * A UAC's dialog set up by a NOTIFY that came before the 2xx to its SUBSCRIBE or REFER (RFC 6665 §4.1.2.4): the
     * route set is the NOTIFY's Record-Route in order, the remote target its Contact, as a UAS sets up a dialog.
     * @param subscribe the SUBSCRIBE or REFER we sent, as sent
     * @param notify the NOTIFY received
     * @return the confirmed dialog
     * @throws SyntaxException if a header the dialog needs is malformed
     */
    public static DialogState fromNotify(RawRequest subscribe, RawRequest notify) throws SyntaxException {
        RawResponse asAnswer = RawResponse.answering(subscribe, 200, null);
        asAnswer.headers().set(HeaderNames.TO, notify.headers().first(HeaderNames.FROM));
        java.util.List<String> routes = new java.util.ArrayList<>(notify.headers().all(HeaderNames.RECORD_ROUTE));
        java.util.Collections.reverse(routes); // asUac reverses a response's Record-Route; a NOTIFY's is taken in order
        routes.forEach(route -> asAnswer.headers().add(HeaderNames.RECORD_ROUTE, route));
        String contact = notify.headers().first(HeaderNames.CONTACT);
        if (contact != null) {
            asAnswer.headers().add(HeaderNames.CONTACT, contact);
        }
        DialogState dialog = Dialogs.asUac(subscribe, asAnswer);
        dialog.acceptRemoteSequence(Dialogs.cseqNumber(notify.headers()));
        return dialog;
    }
}
