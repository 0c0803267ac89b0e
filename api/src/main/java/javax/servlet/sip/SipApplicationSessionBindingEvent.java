package javax.servlet.sip;

import java.util.EventObject;

/**
 * An attribute bound to, unbound from or replaced in a {@link SipApplicationSession}. It goes to
 * {@link SipApplicationSessionBindingListener}s (the value itself) and
 * {@link SipApplicationSessionAttributeListener}s.
 *
 * @since 1.1
 */
public class SipApplicationSessionBindingEvent extends EventObject {

    private static final long serialVersionUID = 1L;

    /** The attribute name. */
    private final String name;

    /**
     * Creates an event about an attribute of an application session.
     *
     * @param session the application session
     * @param name the attribute name
     */
    public SipApplicationSessionBindingEvent(SipApplicationSession session, String name) {
        super(session);
        this.name = name;
    }

    /**
     * Returns the attribute name.
     *
     * @return the name
     */
    public String getName() {
        return this.name;
    }

    /**
     * Returns the application session the attribute belongs to.
     *
     * @return the application session
     */
    public SipApplicationSession getApplicationSession() {
        return (SipApplicationSession) this.getSource();
    }
}
