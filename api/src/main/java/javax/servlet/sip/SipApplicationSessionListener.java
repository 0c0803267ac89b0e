package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified when application sessions are created, expire, are destroyed or become ready to be invalidated.
 */
public interface SipApplicationSessionListener extends EventListener {

    /**
     * Called after an application session was created.
     *
     * @param ev the event
     */
    void sessionCreated(SipApplicationSessionEvent ev);

    /**
     * Called when an application session is about to be destroyed.
     *
     * @param ev the event
     */
    void sessionDestroyed(SipApplicationSessionEvent ev);

    /**
     * Called when an application session expired; the listener may extend it with
     * {@link SipApplicationSession#setExpires(int)}.
     *
     * @param ev the event
     */
    void sessionExpired(SipApplicationSessionEvent ev);

    /**
     * Called when an application session that is to be invalidated when ready has become ready.
     *
     * @param ev the event
     * @since 1.1
     */
    void sessionReadyToInvalidate(SipApplicationSessionEvent ev);
}
