package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.Refusal;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;

/**
 * Whether this node takes new calls, as its host decides (WildFly's {@code :suspend}, {@code :shutdown} with a
 * suspend-timeout, a server started suspended). A suspended node refuses a new call with a stateless 503 and
 * Retry-After, before any state is kept for it, as {@link OverloadControl} does: a balancer in front sends it to another
 * node. It serves everything of its calls in progress: requests within a dialog, CANCEL, ACK, responses, timers, and
 * what its applications send. Its suspension completes once no call is in progress here.
 * <p>
 * A balancer's keep-alive OPTIONS is answered as usual while calls are in progress, so that the balancer keeps the node
 * in its set and its calls' requests, dispatched by Call-ID over the nodes it sees up, keep reaching it (an application
 * that is not distributable has them nowhere else); once none is in progress, OPTIONS gets 503 too, and the balancer
 * takes the node out of its set.
 */
final class Suspension {

    private static final System.Logger LOGGER = System.getLogger(Suspension.class.getName());
    /** A suspended node is out for a while (a restart, a maintenance): a caller that honours this comes back later. */
    static final int RETRY_AFTER_SECONDS = 30;
    /** Requests never refused: they belong to a transaction or a call in progress even without a To tag. */
    private static final Set<String> CALL_METHODS = Set.of("ACK", "BYE", "CANCEL", "PRACK");
    /** How often a suspended node looks whether its last call ended. */
    private static final long DRAIN_CHECK_MILLIS = 100;

    private final IntSupplier callsInProgress;
    private final IntSupplier queuedTasks;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier open;
    private volatile boolean suspended;
    private CompletableFuture<Void> drained;
    private ScheduledFuture<?> drainCheck;

    /**
     * @param callsInProgress the calls in progress on this node
     * @param queuedTasks the messages and timers of this node waiting for, or in, their servlet thread
     * @param scheduler runs the check for the end of the last call
     * @param open whether the node has opened to calls: a suspension and resumption of each boot are no news for the log
     */
    Suspension(IntSupplier callsInProgress, IntSupplier queuedTasks, ScheduledExecutorService scheduler, BooleanSupplier open) {
        this.callsInProgress = callsInProgress;
        this.queuedTasks = queuedTasks;
        this.scheduler = scheduler;
        this.open = open;
    }

    private Level news() {
        return this.open.getAsBoolean() ? Level.INFO : Level.DEBUG;
    }

    /** @return whether the node refuses new calls */
    boolean suspended() {
        return this.suspended;
    }

    /** @return whether the node is suspended with no call in progress and nothing left to do */
    boolean drained() {
        return this.suspended && this.callsInProgress.getAsInt() == 0 && this.queuedTasks.getAsInt() == 0;
    }

    /**
     * Refuses new calls from now on.
     * @return completes once no call is in progress here; cancelled if the node resumes first
     */
    synchronized CompletionStage<Void> suspend() {
        if (!this.suspended) {
            this.suspended = true;
            LOGGER.log(this.news(), "SIP node suspended: new calls are refused with 503, the {0} calls in progress go on", Integer.toString(this.callsInProgress.getAsInt()));
        }
        if (this.drained == null) {
            this.drained = new CompletableFuture<>();
            if (!this.completeIfDrained()) {
                this.drainCheck = this.scheduler.scheduleWithFixedDelay(this::completeIfDrained, DRAIN_CHECK_MILLIS, DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        return this.drained.copy();
    }

    /** Takes new calls again; a suspension still waiting for calls to end is cancelled. */
    synchronized void resume() {
        if (!this.suspended) {
            return;
        }
        this.suspended = false;
        this.stopDrainCheck();
        if (this.drained != null) {
            this.drained.cancel(false);
            this.drained = null;
        }
        LOGGER.log(this.news(), "SIP node resumed: it takes new calls");
    }

    private synchronized boolean completeIfDrained() {
        if (this.drained == null || !this.drained()) {
            return false;
        }
        this.stopDrainCheck();
        if (this.drained.complete(null)) {
            LOGGER.log(this.news(), "SIP node drained: no call in progress");
        }
        return true;
    }

    private void stopDrainCheck() {
        if (this.drainCheck != null) {
            this.drainCheck.cancel(false);
            this.drainCheck = null;
        }
    }

    /** @return how to refuse a request while suspended, or {@code null} to take it */
    Refusal screen(RawRequest request) {
        if (!this.suspended || CALL_METHODS.contains(request.method()) || !OverloadControl.isInitial(request)) {
            return null;
        }
        if (request.method().equals("OPTIONS") && this.callsInProgress.getAsInt() > 0) {
            return null; // a balancer's probe: keep this node in its set while its calls need it
        }
        if (InitialRequests.encodedApplicationSessionId(request.requestUri()) != null) {
            return null; // joins an application session of this node (SipApplicationSession.encodeURI): part of its call
        }
        return new Refusal(503, "Service Unavailable (suspended)", RETRY_AFTER_SECONDS);
    }

    /**
     * @param handler the inbound path
     * @return the inbound path, with this node's suspension screening its requests before anything else does
     */
    SipMessageHandler screening(SipMessageHandler handler) {
        return new SipMessageHandler() {
            @Override
            public Refusal screen(RawRequest request) {
                Refusal refusal = Suspension.this.screen(request);
                return (refusal != null) ? refusal : handler.screen(request);
            }

            @Override
            public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
                handler.requestReceived(request, transaction, peer);
            }

            @Override
            public void responseReceived(RawResponse response, ClientTransaction transaction) {
                handler.responseReceived(response, transaction);
            }

            @Override
            public void transactionTimedOut(ClientTransaction transaction) {
                handler.transactionTimedOut(transaction);
            }
        };
    }
}
