package org.wildfly.extras.sip.container.transport.jainsip;

import java.util.Locale;
import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPClientTransactionImpl;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransaction;

/**
 * The stack as the transport runs it, with what costs too much in the reference implementation put right.
 *
 * <p>A CANCEL finds the transaction it cancels by its branch (RFC 3261 §9.2: the CANCEL's top Via branch is the
 * INVITE's, and the stack keys its transactions by branch), not by testing every transaction the stack holds. The
 * stack's own search is linear: under load, when callers give up on calls with CANCELs, each CANCEL cost the one
 * parsing thread a walk over thousands of transactions, and the node fell further behind the more it was asked to
 * cancel (an eighth of the busy node's samples in a two-node benchmark pushed past its capacity at 300 calls/s). A CANCEL whose branch lacks RFC 3261's
 * magic cookie (an RFC 2543 client) is still matched by the stack's search.
 *
 * <p>A client transaction does not send its request again while a response to it waits to be parsed
 * ({@link UnparsedResponses}), nor just after the JVM stood still, when its response may wait in the kernel
 * ({@link PauseWatch}).
 */
final class JainSipStack extends SipStackImpl {

    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final UnparsedResponses unparsedResponses = new UnparsedResponses();
    private final PauseWatch pauses;

    JainSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
        this.pauses = new PauseWatch(properties.getProperty("javax.sip.STACK_NAME"));
    }

    @Override
    public void stop() {
        this.pauses.close();
        super.stop();
    }

    @Override
    public SIPTransaction findCancelTransaction(SIPRequest cancel, boolean isServer) {
        String branch = transactionBranch(cancel);
        if (branch == null) {
            return super.findCancelTransaction(cancel, isServer);
        }
        SIPTransaction cancelled = this.findTransaction(branch, isServer);
        return (cancelled != null && cancelled.doesCancelMatchTransaction(cancel)) ? cancelled : null;
    }

    /**
     * @param request a request
     * @return its top Via's branch, lower-cased as the stack keys its transactions, if it names a transaction
     *         (RFC 3261's magic cookie); {@code null} for none or an RFC 2543 branch
     */
    static String transactionBranch(SIPRequest request) {
        Via top = request.getTopmostVia();
        String branch = (top != null) ? top.getBranch() : null;
        if (branch == null || !branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length())) {
            return null;
        }
        return branch.toLowerCase(Locale.ROOT);
    }

    /** @return the responses received over UDP that wait to be parsed */
    UnparsedResponses unparsedResponses() {
        return this.unparsedResponses;
    }

    @Override
    public SIPClientTransaction createClientTransaction(SIPRequest request, MessageChannel channel) {
        SIPClientTransaction transaction = new AnswerAwareClientTransaction(this, channel);
        transaction.setOriginalRequest(request);
        return transaction;
    }

    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        return new SteadyServerTransaction(this, channel); // the server transaction table is unlimited, as by default
    }

    /**
     * The stack's server transaction, which reads its last response once to send it again for a copy of the request: the
     * stack reads it twice, and the thread that sent it clears it in between once it has its bytes. A copy parsed in that
     * moment met a NullPointerException on the parsing thread and went unanswered.
     */
    private static final class SteadyServerTransaction extends SIPServerTransactionImpl {

        SteadyServerTransaction(JainSipStack stack, MessageChannel channel) {
            super(stack, channel);
        }

        @Override
        public void resendLastResponseAsBytes() throws java.io.IOException {
            SIPResponse response = this.lastResponse;
            if (response != null) {
                this.sendMessage(response);
            } else {
                super.resendLastResponseAsBytes(); // its bytes, kept before the response was cleared
            }
        }

        /**
         * A completed transaction keeps its request as bytes ({@code RELEASE_REFERENCES_STRATEGY} {@code Normal}), and at
         * its end the stack parsed them again, only to drop the request a moment later: a full parse of every BYE and
         * CANCEL on the timer thread. Hidden from the clean-up, they stay for {@code getRequest}, which parses them when
         * asked.
         */
        @Override
        public void cleanUp() {
            byte[] released = (this.originalRequest == null) ? this.originalRequestBytes : null;
            if (released == null) {
                super.cleanUp();
                return;
            }
            this.originalRequestBytes = null;
            try {
                super.cleanUp();
            } finally {
                this.originalRequestBytes = released;
            }
        }
    }

    /** The stack's client transaction, which does not resend its request when its answer may be in hand. */
    private static final class AnswerAwareClientTransaction extends SIPClientTransactionImpl {
        private final transient JainSipStack stack;

        AnswerAwareClientTransaction(JainSipStack stack, MessageChannel channel) {
            super(stack, channel);
            this.stack = stack;
        }

        @Override
        public void fireRetransmissionTimer() {
            if (this.stack.unparsedResponses.waitingFor(this.getBranch()) || this.stack.pauses.justResumed()) {
                return; // the timer goes on doubling: a later expiry resends if no response settled the transaction
            }
            super.fireRetransmissionTimer();
        }

        /** As {@link SteadyServerTransaction#cleanUp}: the stack's end of a transaction parsed its released request again. */
        @Override
        protected void cleanUpOnTerminated() {
            byte[] released = (this.originalRequest == null) ? this.originalRequestBytes : null;
            if (released == null) {
                super.cleanUpOnTerminated();
                return;
            }
            this.originalRequestBytes = null;
            try {
                super.cleanUpOnTerminated();
            } finally {
                this.originalRequestBytes = released;
            }
        }
    }
}
