package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Forwards, as a transaction-stateful hop with no application (RFC 3261 §16.6, §16.7), an initial request received from
 * outside that the application router sends out by its routes (JSR 289 §15.4.1: {@code ROUTE} to an external route,
 * {@code ROUTE_BACK}), or that came back through a {@code ROUTE_BACK} with no application left for it. Its responses go
 * upstream through its server transaction, a CANCEL of it goes downstream. It record-routes (RFC 3261 §16.6 step 4) with
 * the cluster's address and a mark, so that the dialog's later requests, which peers such as sipp send to whoever sent
 * them the request, come back to any node and go on by their Route and request-URI. The transactions are node-local.
 */
final class RequestRelay {

    private static final System.Logger LOGGER = System.getLogger(RequestRelay.class.getName());
    /** The Record-Route parameter that marks a dialog this container relays without an application. */
    static final String RECORD_ROUTE_PARAMETER = "wfsip-relay";
    private static final Object CANCEL_OF_RELAYED = new Object();

    /** Pushes routes onto the request that leaves. */
    @FunctionalInterface
    interface Routing {
        void route(RawRequest request) throws IOException;
    }

    /** A relayed request: what a client transaction's responses and a CANCEL find. */
    static final class Relayed {
        private final RawRequest received;
        private final ServerTransaction upstream;
        private final RawRequest sent;
        private final AtomicBoolean answered = new AtomicBoolean();

        Relayed(RawRequest received, ServerTransaction upstream, RawRequest sent) {
            this.received = received;
            this.upstream = upstream;
            this.sent = sent;
        }
    }

    private final SipTransport transport;
    private final NodeAddresses addresses;
    // relayed INVITEs without a final response, by the branch of the Via they came with: their CANCELs carry it
    private final Map<String, Relayed> invites = new ConcurrentHashMap<>();

    RequestRelay(SipTransport transport, NodeAddresses addresses) {
        this.transport = transport;
        this.addresses = addresses;
    }

    /**
     * Sends a received request on: one hop less, the routes pushed, this node's Via on top.
     * @param received the request as received
     * @param upstream its server transaction
     * @param routing pushes the routes it leaves by
     * @param recordRoute whether it starts a dialog whose requests come back here ({@link #RECORD_ROUTE_PARAMETER})
     */
    void forward(RawRequest received, ServerTransaction upstream, Routing routing, boolean recordRoute) {
        int maxForwards;
        try {
            String value = received.headers().first(HeaderNames.MAX_FORWARDS);
            maxForwards = (value != null) ? Integer.parseInt(value.trim()) : 70;
        } catch (NumberFormatException e) {
            Replies.reject(received, upstream, 400, "Bad Request (Max-Forwards is not a number)");
            return;
        }
        if (maxForwards <= 0) {
            Replies.reject(received, upstream, 483, null);
            return;
        }
        RawRequest sent = received.copy();
        sent.headers().set(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards - 1));
        Relayed relayed = new Relayed(received, upstream, sent);
        String branch = PendingInvites.branch(received);
        try {
            routing.route(sent);
            if (recordRoute) {
                Peer previous = NodeAddresses.previousHop(received);
                boolean tcp = previous != null && previous.transport() == Transport.TCP;
                sent.headers().addFirst(HeaderNames.RECORD_ROUTE, "<" + this.addresses.recordRouteBase() + (tcp ? ";transport=tcp" : "") + ";lr;" + RECORD_ROUTE_PARAMETER + "=1>");
            }
            this.addresses.routeOutbound(sent);
            this.addresses.addTopVia(sent);
            if (received.method().equals("INVITE") && branch != null) {
                this.invites.put(branch, relayed);
            }
            this.transport.send(sent, relayed);
        } catch (IOException | RuntimeException e) {
            if (branch != null) {
                this.invites.remove(branch);
            }
            LOGGER.log(Level.WARNING, "Cannot send {0} of Call-ID {1} on by the application router''s routes: {2}", received.method(), received.callId(), e.getMessage());
            Replies.reject(received, upstream, 500, "Server Internal Error (cannot send on by the application router's routes)");
        }
    }

    /**
     * Sends on a request of a dialog this container relayed (its Route, popped, carried the mark): an ACK without a
     * transaction, any other request as {@link #forward} does, by its Route and request-URI.
     */
    void inDialog(RawRequest received, ServerTransaction upstream) {
        if (upstream != null) {
            this.forward(received, upstream, request -> {
            }, false);
            return;
        }
        RawRequest sent = received.copy();
        try {
            this.addresses.routeOutbound(sent);
            this.addresses.addTopVia(sent, Identifiers.derivedBranch(PendingInvites.branch(received) + " ACK"));
            this.transport.sendStateless(sent);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot send on the ACK of Call-ID {0}: {1}", received.callId(), e.getMessage());
        }
    }

    /** A response to a relayed request: upstream, without our Via; a 100 stays here (hop by hop, RFC 3261 §16.7). */
    void responded(Relayed relayed, RawResponse response) {
        if (response.status() == 100) {
            return;
        }
        if (response.status() >= 200 && !relayed.answered.compareAndSet(false, true) && response.status() >= 300) {
            return; // a final response after the final one: only 2xx go upstream more than once (RFC 3261 §16.7)
        }
        if (response.status() >= 200) {
            this.forget(relayed);
        }
        Replies.respond(relayed.received, relayed.upstream, Replies.upstream(response, relayed.received));
    }

    /** No final response in time downstream: 408 upstream (RFC 3261 §16.7 step 2). */
    void timedOut(Relayed relayed) {
        if (relayed.answered.compareAndSet(false, true)) {
            this.forget(relayed);
            Replies.reject(relayed.received, relayed.upstream, 408, null);
        }
    }

    /**
     * @param cancel a CANCEL received
     * @param transaction its server transaction
     * @return whether it cancels a relayed INVITE: it is then answered 200 and a CANCEL goes downstream
     */
    boolean cancel(RawRequest cancel, ServerTransaction transaction) {
        String branch = PendingInvites.branch(cancel);
        Relayed relayed = (branch != null) ? this.invites.get(branch) : null;
        if (relayed == null) {
            return false;
        }
        Replies.reject(cancel, transaction, 200, "OK");
        try {
            this.transport.send(relayed.sent.cancelling(), CANCEL_OF_RELAYED);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot send on the CANCEL of Call-ID {0}: {1}", cancel.callId(), e.toString());
        }
        return true;
    }

    /** @return whether a client transaction's attachment is the CANCEL of a relayed INVITE, whose response stays here */
    static boolean isCancelOfRelayed(Object attachment) {
        return attachment == CANCEL_OF_RELAYED;
    }

    private void forget(Relayed relayed) {
        String branch = PendingInvites.branch(relayed.received);
        if (branch != null) {
            this.invites.remove(branch, relayed);
        }
    }
}
