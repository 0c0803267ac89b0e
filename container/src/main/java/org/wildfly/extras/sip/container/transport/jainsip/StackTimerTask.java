package org.wildfly.extras.sip.container.transport.jainsip;

import gov.nist.javax.sip.stack.SIPStackTimerTask;

/** Periodic work of the transport's own on the stack's timer, which stops with the stack; tied to no transaction. */
final class StackTimerTask extends SIPStackTimerTask {

    private final Runnable work;

    StackTimerTask(Runnable work) {
        this.work = work;
    }

    @Override
    public void runTask() {
        this.work.run();
    }

    @Override
    public Object getThreadHash() {
        return null;
    }
}
