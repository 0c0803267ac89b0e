package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.servlet.Servlet;
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
    private final CountDownLatch testOver = new CountDownLatch(1);
    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        this.testOver.countDown();
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
        String survivor = this.killWhileRinging(name -> new LateAnswer(name, this.events), "INVITE on ", "ringing-uac.xml", null);
        assertEquals(List.of("answered on " + survivor, "ACK on " + survivor, "BYE on " + survivor), this.remainingEvents(), "the survivor answered the call it took over");
    }

    /** The same UAS, and the caller gives up while it rings, after the node died: 200 to the CANCEL, 487 to the INVITE. */
    @Test
    void callerCancelsAfterTheRingingNodeDied() throws Exception {
        String survivor = this.killWhileRinging(name -> new LateAnswer(name, this.events), "INVITE on ", "ringing-cancel-uac.xml", null, "-s", "never");
        assertEquals(List.of("CANCEL on " + survivor), this.remainingEvents(), "the survivor showed the CANCEL to the application, and did not answer");
    }

    /**
     * A B2BUA whose node dies while the callee rings: the callee's 200 (which the balancer sends to the survivor, the
     * node that sent the INVITE being dead) is relayed by the survivor to the caller, the caller's ACK and BYE reach
     * the callee.
     */
    @Test
    void bridgedCallAnsweredAfterTheBridgesNodeDied() throws Exception {
        String survivor = this.killWhileRinging(name -> new RingingBridge(name, this.events), "180 on ", "ringing-to-callee-uac.xml", "ringing-callee-uas.xml");
        assertEquals(List.of("200 on " + survivor, "ACK on " + survivor, "BYE on " + survivor, "200 on " + survivor), this.remainingEvents(),
                "the survivor relayed the answer, the ACK and the BYE");
    }

    /** The caller gives up a bridged call while the callee rings, after the B2BUA's node died: 200, 487, the callee's leg cancelled. */
    @Test
    void callerCancelsABridgedCallAfterTheBridgesNodeDied() throws Exception {
        String survivor = this.killWhileRinging(name -> new RingingBridge(name, this.events), "180 on ", "ringing-cancel-to-callee-uac.xml", "cancelled-callee-uas.xml");
        assertEquals(List.of("CANCEL on " + survivor), this.remainingEvents(), "the survivor cancelled the callee's leg");
    }

    /**
     * A record-routing proxy whose node dies while the callee rings: the callee's 200 reaches the survivor, which forwards
     * it to the caller as the proxy would have; the caller's ACK and BYE are proxied by the survivor to the callee.
     */
    @Test
    void proxiedCallAnsweredAfterTheProxysNodeDied() throws Exception {
        String survivor = this.killWhileRinging(name -> new RingingProxy(name, this.events), "180 on ", "ringing-through-proxy-uac.xml", "ringing-callee-uas.xml");
        assertEquals(List.of("ACK on " + survivor, "BYE on " + survivor), this.remainingEvents(), "the survivor proxied the rest of the call");
    }

    /** The caller gives up a proxied call while it rings, after the proxy's node died: 200, 487, and the callee's leg cancelled. */
    @Test
    void callerCancelsAProxiedCallAfterTheProxysNodeDied() throws Exception {
        String survivor = this.killWhileRinging(name -> new RingingProxy(name, this.events), "180 on ", "ringing-cancel-to-callee-uac.xml", "cancelled-callee-uas.xml");
        assertEquals(List.of("CANCEL on " + survivor), this.remainingEvents(), "the survivor showed the CANCEL to the application");
    }

    /**
     * A UAS slow to take a new call (it asks a database before it rings): its node dies while the first INVITE is still
     * in the servlet, before anything of the call was stored. The balancer, once its probes find the node down, sends the
     * INVITE it had not had answered to the survivor, which starts the call: the caller is rung and answered by it, not
     * left without an answer until the balancer's 408.
     */
    @Test
    void callWhoseNodeDiedBeforeItRangIsStartedOnTheSurvivor() throws Exception {
        AtomicBoolean firstCall = new AtomicBoolean(true);
        String survivor = this.killWhileRinging(name -> new SlowToRing(name, this.events, firstCall, this.testOver), "INVITE on ", "ringing-uac.xml", null);
        assertEquals(List.of("INVITE on " + survivor, "ACK on " + survivor, "BYE on " + survivor), this.remainingEvents(),
                "the survivor took the INVITE as a new call, and the rest of the call");
    }

    /**
     * Starts a two-node cluster of an application, places a call through the balancer (to a callee, if one is named),
     * kills the node that rings it as soon as the application tells so, and checks that both phones finish their
     * scenario through the survivor.
     * @return the survivor's name
     */
    private String killWhileRinging(Function<String, Servlet> application, String ringingEvent, String callerScenario, String calleeScenario, String... callerOptions)
            throws Exception {
        this.cluster = new BalancedCluster("early", application, "A", "B");
        Sipp.Server callee = (calleeScenario != null) ? Sipp.startServer(calleeScenario, "u1", "-timeout", "40s") : null;
        List<String> options = new ArrayList<>(List.of(callerOptions));
        options.addAll(List.of("-timeout", "40s"));
        if (callee != null) {
            options.addAll(List.of("-key", "callee_port", Integer.toString(callee.port())));
        }
        Sipp.Server caller = Sipp.startClient(callerScenario, "u1", this.cluster.balancerPort(), options.toArray(String[]::new));
        String ringing = this.awaitEvent(ringingEvent);
        this.cluster.crash(ringing);

        Sipp.Result called = caller.await();
        Sipp.Result answered = (callee != null) ? callee.await() : null;
        assertTrue(called.passed(), "caller:\n" + called.output() + "\ncallee:\n" + ((answered != null) ? answered.output() : "none") + "\n" + this.cluster.balancerLog());
        assertTrue(answered == null || answered.passed(), () -> "callee:\n" + answered.output());
        return ringing.equals("A") ? "B" : "A";
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
     * Rings and answers at once, naming its node (X-Node), except for the first INVITE it is given in the cluster: that
     * one it holds, in the servlet, until the test is over (its node is killed meanwhile).
     */
    static final class SlowToRing extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;
        private final transient AtomicBoolean firstCall;
        private final transient CountDownLatch testOver;

        SlowToRing(String node, BlockingQueue<String> events, AtomicBoolean firstCall, CountDownLatch testOver) {
            this.node = node;
            this.events = events;
            this.firstCall = firstCall;
            this.testOver = testOver;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            this.events.add("INVITE on " + this.node); // at once: the unit of work does not end on the node that holds it
            if (this.firstCall.compareAndSet(true, false)) {
                try {
                    this.testOver.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            request.createResponse(180).send();
            try {
                // a 200 right behind its 180 can overtake it in the balancer (two worker processes relay them side by
                // side), and the caller's scenario waits for the 180 first: a CI run lost the call so
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("X-Node", this.node);
            ok.send();
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.events.add("ACK on " + this.node);
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
            this.events.add("BYE on " + this.node);
        }
    }

    /**
     * Bridges a call to its request-URI (B2buaHelper, linked legs), relays responses leg to leg naming the node that
     * relayed them (X-Node), acknowledges the callee's 2xx when the caller acknowledges, and relays the BYE.
     */
    static final class RingingBridge extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        RingingBridge(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            javax.servlet.sip.B2buaHelper helper = request.getB2buaHelper();
            if (request.getMethod().equals("CANCEL")) {
                helper.createCancel(helper.getLinkedSession(request.getSession())).send();
                this.tell("CANCEL");
                return;
            }
            if (request.isInitial()) {
                SipServletRequest outgoing = helper.createRequest(request, true, null);
                outgoing.setRequestURI(request.getRequestURI());
                outgoing.send();
                this.tell(request.getMethod());
                return;
            }
            javax.servlet.sip.SipSession otherLeg = helper.getLinkedSession(request.getSession());
            if (request.getMethod().equals("ACK")) {
                for (javax.servlet.sip.SipServletMessage pending : helper.getPendingMessages(otherLeg, javax.servlet.sip.UAMode.UAC)) {
                    if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                        response.createAck().send();
                    }
                }
                this.tell("ACK");
                return;
            }
            helper.createRequest(otherLeg, request, null).send();
            this.tell(request.getMethod());
        }

        @Override
        protected void doResponse(SipServletResponse response) throws IOException {
            if (response.getMethod().equals("CANCEL") || response.getStatus() == 100) {
                return;
            }
            SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
            if (original == null || original.isCommitted()) {
                return;
            }
            SipServletResponse relayed;
            try {
                relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
            } catch (IllegalStateException e) {
                this.events.add("relay failed on " + this.node + ": " + e.getMessage()); // now: the unit of work may end in the throw
                throw e;
            }
            relayed.setHeader("X-Node", this.node);
            relayed.send();
            this.tell(Integer.toString(response.getStatus()));
        }

        private void tell(String what) {
            String event = what + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event));
        }
    }

    /** Proxies a call to its request-URI, record-routing and supervised; tells of each request and of a 180 it sees. */
    static final class RingingProxy extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        RingingProxy(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            if (request.isInitial()) {
                javax.servlet.sip.Proxy proxy = request.getProxy();
                proxy.setRecordRoute(true);
                proxy.setSupervised(true);
                proxy.proxyTo(request.getRequestURI());
            }
            this.tell(request.getMethod());
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            if (response.getMethod().equals("INVITE") && response.getStatus() == 180) {
                this.tell("180");
            }
        }

        private void tell(String what) {
            String event = what + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event));
        }
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
