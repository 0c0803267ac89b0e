package org.wildfly.extension.sip;

import java.util.concurrent.atomic.AtomicReference;

import org.wildfly.extras.sip.container.SipContainer;

/**
 * The SIP container this server runs, for the management model's live numbers (one {@code sip} subsystem per server).
 */
final class SipRuntime {

    private static final AtomicReference<SipContainer> CONTAINER = new AtomicReference<>();

    private SipRuntime() {
    }

    static void started(SipContainer container) {
        CONTAINER.set(container);
    }

    static void stopped(SipContainer container) {
        CONTAINER.compareAndSet(container, null);
    }

    /** @return the running container, or {@code null} */
    static SipContainer container() {
        return CONTAINER.get();
    }
}
