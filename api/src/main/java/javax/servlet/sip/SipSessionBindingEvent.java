package javax.servlet.sip;

import java.util.EventObject;

/**
 * An attribute bound to, unbound from or replaced in a {@link SipSession}. It goes to
 * {@link SipSessionBindingListener}s (the value itself) and {@link SipSessionAttributeListener}s.
 */
public class SipSessionBindingEvent extends EventObject {

    private static final long serialVersionUID = 1L;

    /** The attribute name. */
    private final String name;

    /**
     * Creates an event about an attribute of a session.
     *
     * @param session the session
     * @param name the attribute name
     */
    public SipSessionBindingEvent(SipSession session, String name) {
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
     * Returns the session the attribute belongs to.
     *
     * @return the session
     */
    public SipSession getSession() {
        return (SipSession) this.getSource();
    }
}
