package javax.servlet.sip;

import java.util.EventListener;

/**
 * Implemented by an attribute value that wants to know when it is bound to or unbound from a SIP session.
 */
public interface SipSessionBindingListener extends EventListener {

    /**
     * Called when this object is bound to a session.
     *
     * @param event the event naming the session and attribute
     */
    void valueBound(SipSessionBindingEvent event);

    /**
     * Called when this object is unbound from a session.
     *
     * @param event the event naming the session and attribute
     */
    void valueUnbound(SipSessionBindingEvent event);
}
