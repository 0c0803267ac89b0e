package javax.servlet.sip;

import java.util.EventListener;

/**
 * Receives the expiry of {@link ServletTimer}s; an application has at most one.
 */
public interface TimerListener extends EventListener {

    /**
     * Called when a timer expires.
     *
     * @param timer the timer
     */
    void timeout(ServletTimer timer);
}
