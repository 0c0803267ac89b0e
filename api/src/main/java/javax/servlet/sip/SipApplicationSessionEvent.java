package javax.servlet.sip;

import java.util.EventObject;

/**
 * A change in the life of a {@link SipApplicationSession}.
 */
public class SipApplicationSessionEvent extends EventObject {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an event about an application session.
     *
     * @param appSession the application session
     */
    public SipApplicationSessionEvent(SipApplicationSession appSession) {
        super(appSession);
    }

    /**
     * Returns the application session the event is about.
     *
     * @return the application session
     */
    public SipApplicationSession getApplicationSession() {
        return (SipApplicationSession) this.getSource();
    }
}
