package org.wildfly.extras.sip.container.message;

import java.io.IOException;

/**
 * The container's user agent core, as messages see it: it sends them and keeps sessions and dialogs in step.
 */
public interface MessageSender {

    /**
     * Sends a response to a received request through the request's server transaction.
     * @param response the response, not yet committed
     * @throws IOException if it could not be sent
     */
    void send(SipServletResponseImpl response) throws IOException;

    /**
     * Sends a request the application created.
     * @param request the request, not yet committed
     * @throws IOException if it could not be sent
     */
    void send(SipServletRequestImpl request) throws IOException;

    /**
     * Creates the ACK of a received 2xx to an INVITE the application sent, within the dialog the 2xx confirmed.
     * @param response the 2xx
     * @return the ACK, not yet sent
     */
    SipServletRequestImpl createAck(SipServletResponseImpl response);
}
