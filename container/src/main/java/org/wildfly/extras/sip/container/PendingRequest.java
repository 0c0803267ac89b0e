package org.wildfly.extras.sip.container;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawResponse;

/**
 * A request the application sent, waiting for its final response: what its client transaction carries.
 * For an INVITE, the To tag of the 2xx it took.
 */
record PendingRequest(Deployment deployment, String applicationSessionId, SipServletRequestImpl request, AtomicInteger finalResponses,
        AtomicReference<String> successTag) {

    PendingRequest(Deployment deployment, String applicationSessionId, SipServletRequestImpl request) {
        this(deployment, applicationSessionId, request, new AtomicInteger(), new AtomicReference<>());
    }

    /**
     * @return whether a response is the 2xx to an INVITE that was already taken, sent again by the same UAS (same To tag);
     *         the first one of a dialog is recorded here
     */
    boolean isSuccessRetransmission(RawResponse raw) {
        if (raw.status() < 200 || raw.status() >= 300 || !this.request.getMethod().equals("INVITE")) {
            return false;
        }
        String toTag;
        try {
            toTag = Dialogs.tag(raw.headers(), HeaderNames.TO);
        } catch (SyntaxException e) {
            return false;
        }
        if (toTag == null) {
            return false;
        }
        return !this.successTag.compareAndSet(null, toTag) && toTag.equals(this.successTag.get());
    }
}
