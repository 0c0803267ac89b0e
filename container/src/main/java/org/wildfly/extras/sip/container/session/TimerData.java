package org.wildfly.extras.sip.container.session;

import java.io.Serializable;

/**
 * A servlet timer as data (JSR 289 §22): it lives in its application session and moves with it, so that the node
 * that takes a session over fires its timers.
 * @param id the timer id, unique in its application session
 * @param info what the application attached to it
 * @param nextExecution when it fires next, in epoch milliseconds
 * @param period the period of a repeating timer in milliseconds; 0 for a one-shot timer
 * @param fixedDelay for a repeating timer: whether the period counts from the end of the last execution (fixed delay)
 *        rather than from its scheduled time (fixed rate)
 */
public record TimerData(String id, Serializable info, long nextExecution, long period, boolean fixedDelay) implements Serializable {
}
