package javax.servlet.sip;

import java.io.Serializable;

/**
 * A timer created by the {@link TimerService}; on expiry the container calls the application's
 * {@link TimerListener}.
 */
public interface ServletTimer {

    /**
     * Returns this timer's id, unique within its application session.
     *
     * @return the id
     * @since 1.1
     */
    String getId();

    /**
     * Returns the application session this timer belongs to.
     *
     * @return the application session
     */
    SipApplicationSession getApplicationSession();

    /**
     * Returns the information given when the timer was created.
     *
     * @return the information, or {@code null}
     */
    Serializable getInfo();

    /**
     * Returns when the most recent expiry was scheduled to happen, in milliseconds since the epoch.
     *
     * @return the scheduled time of the latest run
     */
    long scheduledExecutionTime();

    /**
     * Cancels this timer; a repeating timer stops repeating.
     */
    void cancel();

    /**
     * Returns the time until the next expiry.
     *
     * @return the remaining milliseconds
     * @since 1.1
     */
    long getTimeRemaining();
}
