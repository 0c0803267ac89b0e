package org.wildfly.extras.sip.container.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many SIP messages (requests and responses, retransmissions excepted where the stack absorbs them) a listening
 * point received and sent since it started.
 */
public final class MessageCounts {

    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    public void received() {
        this.received.increment();
    }

    public void sent() {
        this.sent.increment();
    }

    public long receivedCount() {
        return this.received.sum();
    }

    public long sentCount() {
        return this.sent.sum();
    }
}
