package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified of errors in transactions the application acts in as a user agent server.
 */
public interface SipErrorListener extends EventListener {

    /**
     * Called when no ACK arrived for a 2xx response to an INVITE the application sent.
     *
     * @param ee the event with the INVITE and the 2xx response
     */
    void noAckReceived(SipErrorEvent ee);

    /**
     * Called when no PRACK arrived for a reliable provisional response the application sent.
     *
     * @param ee the event with the INVITE and the provisional response
     */
    void noPrackReceived(SipErrorEvent ee);
}
