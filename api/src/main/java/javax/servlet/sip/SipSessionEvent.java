package javax.servlet.sip;

import java.util.EventObject;

/**
 * A change in the life of a {@link SipSession}.
 */
public class SipSessionEvent extends EventObject {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an event about a session.
     *
     * @param source the session
     */
    public SipSessionEvent(SipSession source) {
        super(source);
    }

    /**
     * Returns the session the event is about.
     *
     * @return the session
     */
    public SipSession getSession() {
        return (SipSession) this.getSource();
    }
}
