package javax.servlet.sip;

import java.util.EventListener;

/**
 * Notified when a SIP servlet of the application has been initialized; useful for servlets with
 * {@code load-on-startup} that send requests of their own.
 *
 * @since 1.1
 */
public interface SipServletListener extends EventListener {

    /**
     * Called after a servlet's {@code init} returned.
     *
     * @param ce the event naming the servlet
     */
    void servletInitialized(SipServletContextEvent ce);
}
