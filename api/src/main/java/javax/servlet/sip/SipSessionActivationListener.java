package javax.servlet.sip;

import java.util.EventListener;

/**
 * Implemented by an attribute value that wants to know when its SIP session is passivated (for example written to
 * another node) and activated again.
 *
 * @since 1.1
 */
public interface SipSessionActivationListener extends EventListener {

    /**
     * Called before the session is passivated.
     *
     * @param se the event
     */
    void sessionWillPassivate(SipSessionEvent se);

    /**
     * Called after the session was activated.
     *
     * @param se the event
     */
    void sessionDidActivate(SipSessionEvent se);
}
