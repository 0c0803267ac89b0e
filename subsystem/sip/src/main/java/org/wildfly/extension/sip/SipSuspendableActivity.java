package org.wildfly.extension.sip;

import java.util.concurrent.CompletionStage;

import org.jboss.as.server.suspend.ServerResumeContext;
import org.jboss.as.server.suspend.ServerSuspendContext;
import org.jboss.as.server.suspend.SuspendableActivity;
import org.wildfly.extras.sip.container.SipContainer;

/**
 * The SIP container in the server's suspend and resume: {@code :suspend}, {@code :shutdown(suspend-timeout=N)} and a
 * server started with {@code --start-mode=suspend} stop its new calls, and the server's suspension waits for its calls
 * in progress to end (up to the operation's suspend-timeout); {@code :resume}, or the end of a normal boot, takes new
 * calls again. Registered in the default priority group: before the Infinispan caches (last group), which a suspended
 * cluster member restarts, and which the distributable calls in progress still use.
 */
final class SipSuspendableActivity implements SuspendableActivity {

    private final SipContainer container;

    SipSuspendableActivity(SipContainer container) {
        this.container = container;
    }

    @Override
    public CompletionStage<Void> suspend(ServerSuspendContext context) {
        return this.container.suspend();
    }

    @Override
    public CompletionStage<Void> resume(ServerResumeContext context) {
        this.container.resume();
        return SuspendableActivity.COMPLETED;
    }
}
