package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A node taken out of service ({@link SipContainer#suspend()}, what WildFly's {@code :suspend} and
 * {@code :shutdown(suspend-timeout=...)} do): a new call gets 503 with Retry-After at once, while a call set up before
 * goes on to its end, over the wire: its INFO and BYE are answered, a servlet timer fires and its application sends a
 * request in the dialog and gets the answer, a ringing call is cancelled. The suspension completes when the last call
 * ends, and once resumed the node takes calls again. The caller is a hand-written UDP user agent, so that each step
 * happens in a known order around the suspension.
 */
class SuspendTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (this.container != null) {
            try {
                // a graceful close: the servlet that answered the last BYE finishes its work first
                this.container.suspend().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a test that failed mid-call: close anyway
            }
            this.container.close();
        }
    }

    @Test
    void aSuspendedNodeRefusesNewCallsAndServesTheCallInProgressToItsEnd() throws Exception {
        this.start(false);
        try (Caller caller = new Caller(this.port)) {
            Call call = caller.call("answer", "call-in-progress");
            assertEquals(200, call.status(), call.lastMessage);
            caller.ack(call);

            CompletableFuture<Void> drained = this.container.suspend().toCompletableFuture();
            assertEquals(SipContainer.State.SUSPENDING, this.container.state());

            Call refused = caller.call("answer", "new-call");
            assertEquals(503, refused.status(), "a new call is refused: " + refused.lastMessage);
            assertTrue(refused.lastMessage.contains("\r\nRetry-After: 30\r\n"), refused.lastMessage);
            caller.ackRefused(refused);
            assertEquals(200, caller.options(), "the balancer's probe is answered while a call is in progress");

            // the INFO starts a servlet timer, which sends an INFO of its own to the caller
            List<String> infoExchange = caller.inDialog(call, "INFO", 2);
            assertTrue(infoExchange.contains("response 200 INFO"), "the caller's INFO is answered: " + infoExchange);
            assertTrue(infoExchange.contains("request INFO"), "the application's INFO reaches the caller: " + infoExchange);
            assertEquals("INFO answered 200", this.events.poll(10, TimeUnit.SECONDS), "the application gets the caller's answer to its INFO");
            assertEquals(1, this.container.callsInProgress());
            assertFalse(drained.isDone(), "a call is in progress");

            List<String> byeExchange = caller.inDialog(call, "BYE", 1);
            assertEquals(List.of("response 200 BYE"), byeExchange);
            drained.get(10, TimeUnit.SECONDS);
            assertEquals(0, this.container.callsInProgress());
            assertEquals(SipContainer.State.SUSPENDED, this.container.state());
            assertEquals(503, caller.options(), "the balancer's probe gets 503 once no call needs this node: the balancer takes it out");

            this.container.resume();
            assertEquals(SipContainer.State.RUNNING, this.container.state());
            assertEquals(200, caller.options());
            Call after = caller.call("answer", "after-resume");
            assertEquals(200, after.status(), after.lastMessage);
            caller.ack(after);
            assertEquals(List.of("response 200 BYE"), caller.inDialog(after, "BYE", 1));
        }
    }

    @Test
    void aRingingCallIsCancelledWhileSuspended() throws Exception {
        this.start(false);
        try (Caller caller = new Caller(this.port)) {
            Call ringing = caller.call("ringing", "ringing-call");
            assertEquals(180, ringing.status(), ringing.lastMessage);
            CompletableFuture<Void> drained = this.container.suspend().toCompletableFuture();
            assertFalse(drained.isDone(), "a ringing call is in progress");

            assertEquals(List.of("CANCEL 200", "INVITE 487"), caller.cancel(ringing));
            assertEquals("CANCEL", this.events.poll(10, TimeUnit.SECONDS), "the application hears of the CANCEL");
            drained.get(10, TimeUnit.SECONDS);
            assertEquals(SipContainer.State.SUSPENDED, this.container.state());
        }
    }

    @Test
    void aResumeBeforeTheCallsEndedCancelsTheSuspension() throws Exception {
        this.start(false);
        try (Caller caller = new Caller(this.port)) {
            Call call = caller.call("answer", "resumed-call");
            caller.ack(call);
            CompletableFuture<Void> drained = this.container.suspend().toCompletableFuture();
            this.container.resume();
            ExecutionException cancelled = assertThrows(ExecutionException.class, () -> drained.get(10, TimeUnit.SECONDS));
            assertTrue(cancelled.getCause() instanceof CancellationException, cancelled.toString());
            Call next = caller.call("answer", "new-after-resume");
            assertEquals(200, next.status(), next.lastMessage);
            caller.ack(next);
            assertEquals(List.of("response 200 BYE"), caller.inDialog(call, "BYE", 1));
            assertEquals(List.of("response 200 BYE"), caller.inDialog(next, "BYE", 1));
        }
    }

    /** A node suspended before it opened, as a WildFly server started with --start-mode=suspend: it stays out until resumed. */
    @Test
    void aNodeStartedSuspendedTakesNoCallUntilResumed() throws Exception {
        this.start(true);
        assertEquals(SipContainer.State.STARTING, this.container.state());
        this.container.suspend().toCompletableFuture().get(10, TimeUnit.SECONDS); // no call: at once
        this.container.open();
        assertEquals(SipContainer.State.SUSPENDED, this.container.state());
        try (Caller caller = new Caller(this.port)) {
            assertEquals(503, caller.options(), "no call needs this node: the balancer keeps it out");
            Call refused = caller.call("answer", "while-suspended");
            assertEquals(503, refused.status(), refused.lastMessage);
            caller.ackRefused(refused);

            this.container.resume();
            assertEquals(200, caller.options());
            Call call = caller.call("answer", "resumed");
            assertEquals(200, call.status(), call.lastMessage);
            caller.ack(call);
            assertEquals(List.of("response 200 BYE"), caller.inDialog(call, "BYE", 1));
        }
    }

    private void start(boolean unavailableUntilOpened) throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        SipContainer.Configuration configuration = new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2);
        this.container = SipContainer.start(unavailableUntilOpened ? configuration.unavailableUntilOpened() : configuration);
        Answering servlet = new Answering(this.events);
        this.container.deploy(SipApplicationDefinition.builder("answering", Map.of("answer", servlet)).mainServlet("answer").listeners(List.of(servlet))
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("answering")).build());
    }

    /** Answers a call to "answer", rings for ever on any other; an INFO starts a timer that sends an INFO back. */
    static final class Answering extends SipServlet implements TimerListener {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Answering(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            if (request.getTo().getURI().toString().startsWith("sip:answer@")) {
                request.createResponse(200).send();
            } else {
                request.createResponse(180).send();
            }
        }

        @Override
        protected void doInfo(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
            TimerService timers = (TimerService) this.getServletContext().getAttribute(TIMER_SERVICE);
            timers.createTimer(request.getApplicationSession(), 50, false, request.getSession().getId());
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
            request.getApplicationSession().invalidate();
        }

        @Override
        protected void doCancel(SipServletRequest request) {
            this.events.add("CANCEL");
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            this.events.add(response.getMethod() + " answered " + response.getStatus());
        }

        @Override
        public void timeout(ServletTimer timer) {
            SipSession session = timer.getApplicationSession().getSipSession((String) timer.getInfo());
            try {
                session.createRequest("INFO").send();
            } catch (IOException e) {
                this.events.add("INFO not sent: " + e);
            }
        }
    }

    /** A call as the caller knows it: its Call-ID, the last message received, and the To of its answer. */
    static final class Call {
        final String callId;
        final AtomicInteger cseq = new AtomicInteger(1);
        String lastMessage;
        String to;

        Call(String callId) {
            this.callId = callId;
        }

        int status() {
            return (this.lastMessage != null && this.lastMessage.startsWith("SIP/2.0 ")) ? Integer.parseInt(this.lastMessage.substring(8, 11)) : -1;
        }
    }

    /** A user agent on a UDP socket of its own, sending hand-written requests and answering the container's requests 200. */
    static final class Caller implements AutoCloseable {
        private final UdpProbe probe;
        private final int port;
        private int branches;

        Caller(int port) throws IOException {
            this.probe = new UdpProbe();
            this.port = port;
        }

        /** Sends an INVITE and reads up to its final response, or a 180 for a call that rings. */
        Call call(String user, String name) throws IOException {
            Call call = new Call(name + "-" + System.nanoTime());
            call.to = "To: <sip:" + user + "@127.0.0.1:" + this.port + ">";
            this.probe.send(this.request("INVITE", call, "1 INVITE", "z9hG4bK-" + call.callId + "-invite"), this.port);
            for (String message = this.receive(call); message != null; message = this.receive(call)) {
                call.lastMessage = message;
                if (call.status() >= 180) {
                    call.to = header(message, "To");
                    return call;
                }
            }
            return call;
        }

        void ack(Call call) throws IOException {
            this.probe.send(this.request("ACK", call, "1 ACK", this.branch()), this.port);
        }

        /** The ACK of a refusal, in the INVITE's transaction (RFC 3261 §17.1.1.3). */
        void ackRefused(Call call) throws IOException {
            this.probe.send(this.request("ACK", call, "1 ACK", "z9hG4bK-" + call.callId + "-invite"), this.port);
        }

        /** Sends a request in the call's dialog; reads the given number of messages, answering requests 200. */
        List<String> inDialog(Call call, String method, int messages) throws IOException {
            this.probe.send(this.request(method, call, call.cseq.incrementAndGet() + " " + method, this.branch()), this.port);
            List<String> seen = new ArrayList<>();
            while (seen.size() < messages) {
                String message = this.receive(call);
                if (message == null) {
                    break;
                }
                if (message.startsWith("SIP/2.0 ")) {
                    seen.add("response " + message.substring(8, 11) + " " + header(message, "CSeq").replaceAll(".* ", ""));
                } else {
                    String requestMethod = message.substring(0, message.indexOf(' '));
                    seen.add("request " + requestMethod);
                    this.probe.send(ok(message), this.port);
                }
            }
            return seen;
        }

        /** Cancels a ringing call: the CANCEL's answer and the INVITE's; the 487 acknowledged. */
        List<String> cancel(Call call) throws IOException {
            String request = this.request("CANCEL", call, "1 CANCEL", "z9hG4bK-" + call.callId + "-invite");
            this.probe.send(request.replace(header(request, "To"), "To: <sip:ringing@127.0.0.1:" + this.port + ">"), this.port);
            List<String> seen = new ArrayList<>();
            for (String message = this.receive(call); message != null && seen.size() < 2; message = this.receive(call)) {
                call.lastMessage = message;
                if (call.status() >= 200) {
                    seen.add(header(message, "CSeq").replaceAll(".* ", "") + " " + call.status());
                    if (message.contains("CSeq: 1 INVITE")) {
                        call.to = header(message, "To");
                        this.ackRefused(call);
                    }
                }
            }
            return seen;
        }

        /** Sends OPTIONS to the node itself, as the balancer's probe does; returns the status of its answer. */
        int options() throws IOException {
            Call probe = new Call("probe-" + System.nanoTime());
            probe.to = "To: <sip:127.0.0.1:" + this.port + ">";
            String request = this.request("OPTIONS", probe, "1 OPTIONS", this.branch());
            this.probe.send(request.replace("sip:caller@", "sip:balancer@"), this.port);
            String answer = this.receive(probe);
            assertNotNull(answer, "OPTIONS unanswered");
            return Integer.parseInt(answer.substring(8, 11));
        }

        /** @return the next message of a call, past those of others (a 200 sent again before its ACK arrived) */
        private String receive(Call call) throws IOException {
            for (String message = this.probe.receive(); message != null; message = this.probe.receive()) {
                if (header(message, "Call-ID").equals("Call-ID: " + call.callId)) {
                    return message;
                }
            }
            return null;
        }

        private String request(String method, Call call, String cseq, String branch) {
            String uri = call.to.replaceAll(".*<(sip:[^>]*)>.*", "$1");
            return method + " " + uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + this.probe.port() + ";branch=" + branch + "\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=" + call.callId + "\r\n"
                    + call.to + "\r\n"
                    + "Call-ID: " + call.callId + "\r\n"
                    + "CSeq: " + cseq + "\r\n"
                    + "Contact: <sip:caller@127.0.0.1:" + this.probe.port() + ">\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        private String branch() {
            return "z9hG4bK-branch-" + (++this.branches) + "-" + System.nanoTime();
        }

        /** The 200 to a request of the container's, with its Via, From, To, Call-ID and CSeq. */
        private static String ok(String request) {
            StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
            for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
                response.append(header(request, name)).append("\r\n");
            }
            return response.append("Content-Length: 0\r\n\r\n").toString();
        }

        private static String header(String message, String name) {
            return message.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1)).findFirst().orElse(name + ":");
        }

        @Override
        public void close() {
            this.probe.close();
        }
    }
}
