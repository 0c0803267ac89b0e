package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;

import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;

/** The container's own answers to requests no application answers: refusals, 100 Trying, 503 while starting. */
final class Replies {

    private static final System.Logger LOGGER = System.getLogger(Replies.class.getName());

    private Replies() {
    }

    /** Answers a request with a status of the container's own; nothing for an ACK (no transaction). */
    static void reject(RawRequest request, ServerTransaction transaction, int status, String reason) {
        if (transaction != null) {
            respond(request, transaction, answer(request, status, reason));
        }
    }

    /**
     * Answers 503 with Retry-After while the container is not open to calls (starting, or still deploying its
     * applications): a balancer keeps the node out, and a caller tries again.
     */
    static void starting(RawRequest request, ServerTransaction transaction) {
        RawResponse starting = answer(request, 503, "Service Unavailable (starting)");
        starting.headers().set(HeaderNames.RETRY_AFTER, "5");
        respond(request, transaction, starting);
    }

    /**
     * Answers a request of a call this node does not hold (its application or session is not here): 481, or, on a
     * suspended node, 503 with Retry-After. A node that leaves undeploys its applications before it stops listening;
     * its calls live on in the other nodes, and the balancer sends a request answered 503 to the next node at once.
     * @param suspended whether the host suspended this node
     */
    static void notHere(RawRequest request, ServerTransaction transaction, boolean suspended) {
        if (suspended) {
            leaving(request, transaction);
        } else {
            reject(request, transaction, 481, null);
        }
    }

    /**
     * Answers 503 with Retry-After a request of a call that a suspended node does not hold (any more): the balancer sends
     * it to the next node, which holds the call.
     */
    static void leaving(RawRequest request, ServerTransaction transaction) {
        if (transaction != null) {
            RawResponse leaving = answer(request, 503, "Service Unavailable (leaving)");
            leaving.headers().set(HeaderNames.RETRY_AFTER, Integer.toString(Suspension.RETRY_AFTER_SECONDS));
            respond(request, transaction, leaving);
        }
    }

    /** @return a response of the container's own, with a To tag if final */
    static RawResponse answer(RawRequest request, int status, String reason) {
        RawResponse response = RawResponse.answering(request, status, reason);
        if (status > 100) {
            withToTag(response);
        }
        return response;
    }

    /** Sends a response through a server transaction; a transport that cannot send it is only logged. */
    static void respond(RawRequest request, ServerTransaction transaction, RawResponse response) {
        if (transaction == null) {
            return; // an ACK: nothing to answer
        }
        try {
            transaction.respond(response);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer {0} to {1}, Call-ID {2}: {3}", response.status(), request.method(), request.callId(), e.getMessage());
        }
    }

    /**
     * A response a hop forwards upstream (RFC 3261 §16.7): a copy whose Vias are those of the request as received, not
     * the downstream's with ours removed; robust against a downstream that mangles them, or writes them from another
     * request (a CANCEL's).
     * @param response the response from downstream
     * @param received the request as this hop received it
     * @return the response to send upstream
     */
    static RawResponse upstream(RawResponse response, RawRequest received) {
        RawResponse forwarded = response.copy();
        forwarded.headers().remove(HeaderNames.VIA);
        for (String via : received.headers().all(HeaderNames.VIA)) {
            forwarded.headers().add(HeaderNames.VIA, via);
        }
        return forwarded;
    }

    /** Gives a response of the container's own a To tag, if the request had none (RFC 3261 §8.2.6.2). */
    static RawResponse withToTag(RawResponse response) {
        String to = response.headers().first(HeaderNames.TO);
        if (to != null && !to.contains("tag=")) {
            response.headers().set(HeaderNames.TO, to + ";tag=" + SessionKeys.newTag("x"));
        }
        return response;
    }
}
