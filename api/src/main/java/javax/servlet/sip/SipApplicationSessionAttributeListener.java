package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified when attributes of the application's application sessions change.
 *
 * @since 1.1
 */
public interface SipApplicationSessionAttributeListener extends EventListener {

    /**
     * Called after an attribute was added to an application session.
     *
     * @param ev the event
     */
    void attributeAdded(SipApplicationSessionBindingEvent ev);

    /**
     * Called after an attribute was removed from an application session.
     *
     * @param ev the event
     */
    void attributeRemoved(SipApplicationSessionBindingEvent ev);

    /**
     * Called after an attribute of an application session was given a new value.
     *
     * @param ev the event
     */
    void attributeReplaced(SipApplicationSessionBindingEvent ev);
}
