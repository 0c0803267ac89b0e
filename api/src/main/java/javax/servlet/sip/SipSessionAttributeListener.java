package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified when attributes of the application's SIP sessions change.
 */
public interface SipSessionAttributeListener extends EventListener {

    /**
     * Called after an attribute was added to a session.
     *
     * @param ev the event
     */
    void attributeAdded(SipSessionBindingEvent ev);

    /**
     * Called after an attribute was removed from a session.
     *
     * @param ev the event
     */
    void attributeRemoved(SipSessionBindingEvent ev);

    /**
     * Called after an attribute of a session was given a new value.
     *
     * @param ev the event
     */
    void attributeReplaced(SipSessionBindingEvent ev);
}
