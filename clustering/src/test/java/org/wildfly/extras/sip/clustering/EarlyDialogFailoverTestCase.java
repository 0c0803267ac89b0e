package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.UnitOfWork;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * Calls in set-up outlive their node: two nodes behind the shipped balancer, a {@code <distributable/>} application, and
 * the node that rings a call dies before the call is answered or given up. The survivor answers the call, or cancels
 * it, from what the application session holds.
 */
class EarlyDialogFailoverTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    /**
     * A UAS that rings, keeps the INVITE in its application session and answers it from a ServletTimer: its node dies
     * while the phone rings; the survivor fires the timer, sends the 200 (through the balancer's transaction, to the
     * caller), and takes the ACK and the BYE.
     */
    @Test
    void uasAnswersFromATimerAfterItsNodeDied() throws Exception {
        this.cluster = new BalancedCluster("late", name -> new LateAnswer(name, this.events), "A", "B");
        Sipp.Server caller = Sipp.startClient("ringing-uac.xml", "u1", this.cluster.balancerPort(), "-timeout", "40s");
        String ringing = this.awaitEvent("INVITE on ");
        this.cluster.crash(ringing);
        String survivor = ringing.equals("A") ? "B" : "A";

        Sipp.Result result = caller.await();
        assertTrue(result.passed(), "caller:\n" + result.output() + "\n" + this.cluster.balancerLog());
        List<String> later = this.remainingEvents();
        assertEquals(List.of("answered on " + survivor, "ACK on " + survivor, "BYE on " + survivor), later, "the survivor answered the call it took over");
    }

    /** The same UAS, and the caller gives up while it rings, after the node died: 200 to the CANCEL, 487 to the INVITE. */
    @Test
    void callerCancelsAfterTheRingingNodeDied() throws Exception {
        this.cluster = new BalancedCluster("late", name -> new LateAnswer(name, this.events), "A", "B");
        Sipp.Server caller = Sipp.startClient("ringing-cancel-uac.xml", "u1", this.cluster.balancerPort(), "-s", "never", "-timeout", "40s");
        String ringing = this.awaitEvent("INVITE on ");
        this.cluster.crash(ringing);
        String survivor = ringing.equals("A") ? "B" : "A";

        Sipp.Result result = caller.await();
        assertTrue(result.passed(), "caller:\n" + result.output() + "\n" + this.cluster.balancerLog());
        assertEquals(List.of("CANCEL on " + survivor), this.remainingEvents(), "the survivor showed the CANCEL to the application, and did not answer");
    }

    private List<String> remainingEvents() throws InterruptedException {
        Thread.sleep(500);
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        return later;
    }

    private String awaitEvent(String prefix) throws InterruptedException, IOException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(15, TimeUnit.SECONDS); event != null; event = this.events.poll(15, TimeUnit.SECONDS)) {
            seen.add(event);
            if (event.startsWith(prefix)) {
                return event.substring(prefix.length());
            }
        }
        throw new AssertionError("no event " + prefix + "... through the balancer, only " + seen + "\n" + this.cluster.balancerLog());
    }

    /**
     * Rings at once, keeps the INVITE as an attribute of the application session, and answers it six seconds later from a
     * ServletTimer, naming the node that answered (X-Node); a call to user "never" is never answered.
     */
    static final class LateAnswer extends SipServlet implements TimerListener {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        LateAnswer(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws ServletException, IOException {
            request.createResponse(180).send();
            SipApplicationSession call = request.getApplicationSession();
            call.setAttribute("invite", request);
            if (!"never".equals(((javax.servlet.sip.SipURI) request.getRequestURI()).getUser())) {
                TimerService timers = (TimerService) this.getServletContext().getAttribute(SipServlet.TIMER_SERVICE);
                timers.createTimer(call, 6000, false, "answer");
            }
            this.tell("INVITE");
        }

        @Override
        public void timeout(ServletTimer timer) {
            SipServletRequest invite = (SipServletRequest) timer.getApplicationSession().getAttribute("invite");
            if (invite.isCommitted()) {
                return; // cancelled meanwhile
            }
            try {
                SipServletResponse ok = invite.createResponse(200);
                ok.setHeader("X-Node", this.node);
                ok.send();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            this.tell("answered");
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.tell("ACK");
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
            this.tell("BYE");
        }

        @Override
        protected void doCancel(SipServletRequest request) {
            this.tell("CANCEL");
        }

        private void tell(String what) {
            String event = what + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event)); // once the message's changes are written
        }
    }
}
