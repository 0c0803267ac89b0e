package org.wildfly.extras.sip.container.transport.jainsip;

import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;

/** A handler for a transport started only to run the stack as the container configures it: it ignores every message. */
class IgnoringHandler implements SipMessageHandler {

    @Override
    public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
    }

    @Override
    public void responseReceived(RawResponse response, ClientTransaction transaction) {
    }

    @Override
    public void transactionTimedOut(ClientTransaction transaction) {
    }
}
