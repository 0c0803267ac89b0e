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
     * Sends a provisional response to an INVITE reliably (RFC 3262 §3): with Require: 100rel and its RSeq, again and
     * again until its PRACK comes.
     * @param response the response, 101 to 199, not yet committed
     * @throws IOException if it could not be sent
     */
    void sendReliably(SipServletResponseImpl response) throws IOException;

    /**
     * Creates the ACK of a received 2xx to an INVITE the application sent, within the dialog the 2xx confirmed.
     * @param response the 2xx
     * @return the ACK, not yet sent
     */
    SipServletRequestImpl createAck(SipServletResponseImpl response);

    /**
     * Creates the proxy of a received request ({@code SipServletRequest.getProxy()}).
     * @param request the request
     * @return its proxy
     */
    javax.servlet.sip.Proxy createProxy(SipServletRequestImpl request);

    /**
     * Creates the B2BUA helper of a received request ({@code SipServletRequest.getB2buaHelper()}).
     * @param request the request
     * @return its helper
     */
    javax.servlet.sip.B2buaHelper b2buaHelper(SipServletRequestImpl request);
}
