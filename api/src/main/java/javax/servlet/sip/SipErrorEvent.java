package javax.servlet.sip;

import java.util.EventObject;

/**
 * A transaction error reported to {@link SipErrorListener}s: a 2xx without ACK or a reliable provisional
 * response without PRACK.
 */
public class SipErrorEvent extends EventObject {

    private static final long serialVersionUID = 1L;

    private final transient SipServletResponse response;

    /**
     * Creates an error event.
     *
     * @param request the request the error relates to; it is the event's source
     * @param response the response the error relates to
     */
    public SipErrorEvent(SipServletRequest request, SipServletResponse response) {
        super(request);
        this.response = response;
    }

    /**
     * Returns the request the error relates to.
     *
     * @return the request
     */
    public SipServletRequest getRequest() {
        return (SipServletRequest) this.getSource();
    }

    /**
     * Returns the response the error relates to.
     *
     * @return the response
     */
    public SipServletResponse getResponse() {
        return this.response;
    }
}
