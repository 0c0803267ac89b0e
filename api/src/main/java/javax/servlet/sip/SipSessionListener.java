package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified when SIP sessions of the application are created, destroyed or ready to be invalidated.
 */
public interface SipSessionListener extends EventListener {

    /**
     * Called after a session was created.
     *
     * @param se the event
     */
    void sessionCreated(SipSessionEvent se);

    /**
     * Called when a session is about to be destroyed.
     *
     * @param se the event
     */
    void sessionDestroyed(SipSessionEvent se);

    /**
     * Called when a session that is to be invalidated when ready has become ready.
     *
     * @param se the event
     * @since 1.1
     */
    void sessionReadyToInvalidate(SipSessionEvent se);
}
