package javax.servlet.sip;

import java.io.Serializable;

/**
 * Creates {@link ServletTimer}s. The container publishes it as the context attribute
 * {@link SipServlet#TIMER_SERVICE}.
 */
public interface TimerService {

    /**
     * Creates a timer that expires once.
     *
     * @param appSession the application session the timer belongs to
     * @param delay the delay in milliseconds
     * @param isPersistent whether the timer must survive a restart or failover
     * @param info information handed back by {@link ServletTimer#getInfo()}
     * @return the timer
     * @throws IllegalStateException if the application session is invalid
     */
    ServletTimer createTimer(SipApplicationSession appSession, long delay, boolean isPersistent, Serializable info);

    /**
     * Creates a repeating timer.
     *
     * @param appSession the application session the timer belongs to
     * @param delay the delay before the first expiry, in milliseconds
     * @param period the time between expiries, in milliseconds
     * @param fixedDelay {@code true} for fixed-delay, {@code false} for fixed-rate repetition
     * @param isPersistent whether the timer must survive a restart or failover
     * @param info information handed back by {@link ServletTimer#getInfo()}
     * @return the timer
     * @throws IllegalStateException if the application session is invalid
     */
    ServletTimer createTimer(SipApplicationSession appSession, long delay, long period, boolean fixedDelay,
            boolean isPersistent, Serializable info);
}
