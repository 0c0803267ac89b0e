package javax.servlet.sip;

import java.util.EventListener;

/**
 * Implemented by an attribute value that wants to know when its application session is passivated (for example
 * written to another node) and activated again.
 *
 * @since 1.1
 */
public interface SipApplicationSessionActivationListener extends EventListener {

    /**
     * Called before the application session is passivated.
     *
     * @param se the event
     */
    void sessionWillPassivate(SipApplicationSessionEvent se);

    /**
     * Called after the application session was activated.
     *
     * @param se the event
     */
    void sessionDidActivate(SipApplicationSessionEvent se);
}
