package org.wildfly.extras.sip.container;

import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.Refusal;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;

/**
 * The transport's handler while the container is built around the transport it started (which must listen first: its
 * bound ports go into the container's headers). A request that comes in that moment is answered 503; nothing else can.
 */
final class DeferredHandler implements SipMessageHandler {

    private volatile SipMessageHandler handler;

    /** @param handler takes every message from now on */
    void set(SipMessageHandler handler) {
        this.handler = handler;
    }

    @Override
    public Refusal screen(RawRequest request) {
        SipMessageHandler current = this.handler;
        return (current != null) ? current.screen(request) : null;
    }

    @Override
    public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
        SipMessageHandler current = this.handler;
        if (current != null) {
            current.requestReceived(request, transaction, peer);
        } else {
            Replies.starting(request, transaction); // nothing for an ACK, which has no transaction
        }
    }

    @Override
    public void responseReceived(RawResponse response, ClientTransaction transaction) {
        SipMessageHandler current = this.handler;
        if (current != null) {
            current.responseReceived(response, transaction);
        }
    }

    @Override
    public void transactionTimedOut(ClientTransaction transaction) {
        SipMessageHandler current = this.handler;
        if (current != null) {
            current.transactionTimedOut(transaction);
        }
    }
}
