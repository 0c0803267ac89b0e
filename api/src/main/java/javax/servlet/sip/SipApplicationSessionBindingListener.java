package javax.servlet.sip;

import java.util.EventListener;

/**
 * Implemented by an attribute value that wants to know when it is bound to or unbound from an application
 * session.
 *
 * @since 1.1
 */
public interface SipApplicationSessionBindingListener extends EventListener {

    /**
     * Called when this object is bound to an application session.
     *
     * @param event the event naming the application session and attribute
     */
    void valueBound(SipApplicationSessionBindingEvent event);

    /**
     * Called when this object is unbound from an application session.
     *
     * @param event the event naming the application session and attribute
     */
    void valueUnbound(SipApplicationSessionBindingEvent event);
}
