package javax.servlet.sip;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;

/**
 * The initialization of a SIP servlet, reported to {@link SipServletListener}s.
 *
 * @since 1.1
 */
public class SipServletContextEvent extends ServletContextEvent {

    private static final long serialVersionUID = 1L;

    /** The servlet that was initialized. */
    private final SipServlet servlet;

    /**
     * Creates an event for a servlet of an application.
     *
     * @param context the application's servlet context; it is the event's source
     * @param servlet the servlet that was initialized
     */
    public SipServletContextEvent(ServletContext context, SipServlet servlet) {
        super(context);
        this.servlet = servlet;
    }

    /**
     * Returns the servlet that was initialized.
     *
     * @return the servlet
     */
    public SipServlet getSipServlet() {
        return this.servlet;
    }
}
