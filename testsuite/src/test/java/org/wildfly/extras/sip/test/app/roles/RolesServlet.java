package org.wildfly.extras.sip.test.app.roles;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import javax.servlet.sip.UAMode;

/**
 * One application in every role, chosen by the initial request's {@code X-Role} header: {@code uas} (the default)
 * answers, {@code uas-later} rings and answers from a timer, {@code uas-slow} takes three seconds over a new call
 * before it rings and answers, {@code proxy} proxies to the request-URI with record-routing, {@code b2bua} calls the request-URI on a
 * second leg and relays between the legs; a call the application places itself ({@link UacServlet}) is {@code uac}.
 * Every request of a call is counted in its application session, and each message the application sends
 * tells the count ({@code X-Count} on requests, {@code X-Counter} on responses) and the node ({@code X-Node}): a count
 * that goes on across nodes shows that the session was replicated.
 */
public class RolesServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    static final String ROLE = "role";
    static final String COUNT = "count";
    static final String INVITE = "invite";

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        if (request.getMethod().equals("CANCEL")) {
            if (role(request.getApplicationSession()).equals("b2bua")) {
                B2buaHelper helper = request.getB2buaHelper();
                helper.createCancel(helper.getLinkedSession(request.getSession())).send();
            }
            return;
        }
        SipApplicationSession call = request.getApplicationSession();
        if (request.isInitial()) {
            String role = request.getHeader("X-Role");
            call.setAttribute(ROLE, (role != null) ? role : "uas");
        }
        int count = count(call);
        switch (role(call)) {
            case "proxy" -> this.proxy(request, count);
            case "b2bua" -> this.bridge(request, count);
            case "uas-later" -> {
                if (request.isInitial()) {
                    this.ring(request, count);
                } else {
                    this.answer(request, count);
                }
            }
            case "uas-slow" -> {
                if (request.isInitial()) {
                    this.ringSlowly(request, count);
                }
                this.answer(request, count);
            }
            default -> this.answer(request, count); // uas, and the UAS side of a call the application placed
        }
    }

    /**
     * Takes three seconds over a new call, in the servlet (as one that asks a slow service first), then rings for half a
     * second: a 200 sent right behind the 180 may overtake it in the balancer (its worker processes relay them side by
     * side), and a proxy drops a 180 that comes after the final answer.
     */
    private void ringSlowly(SipServletRequest request, int count) throws IOException {
        if (!pause(3000)) {
            return;
        }
        SipServletResponse ringing = request.createResponse(SipServletResponse.SC_RINGING);
        ringing.setHeader("X-Counter", Integer.toString(count));
        ringing.setHeader("X-Node", node());
        ringing.send();
        pause(500);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Rings, keeps the INVITE in the application session, and answers it from a ServletTimer eight seconds later
     * ({@link HangUpTimer}), on whichever node holds the call then; never, for an INVITE that says {@code X-Answer: never}.
     */
    private void ring(SipServletRequest request, int count) throws IOException {
        SipServletResponse ringing = request.createResponse(SipServletResponse.SC_RINGING);
        ringing.setHeader("X-Counter", Integer.toString(count));
        ringing.setHeader("X-Node", node());
        ringing.send();
        SipApplicationSession call = request.getApplicationSession();
        call.setAttribute(INVITE, request);
        if (!"never".equals(request.getHeader("X-Answer"))) {
            TimerService timers = (TimerService) this.getServletContext().getAttribute(SipServlet.TIMER_SERVICE);
            timers.createTimer(call, 8000, false, HangUpTimer.ANSWER);
        }
    }

    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        SipApplicationSession call = response.getApplicationSession();
        int count = (Integer) call.getAttribute(COUNT); // responses tell the count of requests; they add nothing
        switch (role(call)) {
            case "proxy" -> {
                if (response.getStatus() < 300) {
                    response.setHeader("X-Counter", Integer.toString(count));
                    response.setHeader("X-Node", node());
                }
            }
            case "b2bua" -> this.relay(response, count);
            case "uac" -> {
                if (response.getMethod().equals("INVITE") && response.getStatus() >= 200 && response.getStatus() < 300) {
                    response.createAck().send();
                }
            }
            default -> {
            }
        }
    }

    private void answer(SipServletRequest request, int count) throws IOException {
        if (request.getMethod().equals("ACK")) {
            return;
        }
        if (request.isInitial()) {
            request.getApplicationSession().setInvalidateWhenReady(true);
        }
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        response.setHeader("X-Counter", Integer.toString(count));
        response.setHeader("X-Node", node());
        response.send();
    }

    private void proxy(SipServletRequest request, int count) throws ServletException, IOException {
        request.setHeader("X-Count", Integer.toString(count));
        request.setHeader("X-Node", node());
        if (request.isInitial()) {
            Proxy proxy = request.getProxy();
            proxy.setRecordRoute(true);
            proxy.setSupervised(true);
            proxy.proxyTo(request.getRequestURI());
        }
    }

    private void bridge(SipServletRequest request, int count) throws ServletException, IOException {
        B2buaHelper helper = request.getB2buaHelper();
        Map<String, java.util.List<String>> headers = Map.of("X-Count", java.util.List.of(Integer.toString(count)), "X-Node", java.util.List.of(node()));
        if (request.isInitial()) {
            SipServletRequest outgoing = helper.createRequest(request, true, headers);
            outgoing.setRequestURI(request.getRequestURI());
            outgoing.removeHeader("X-Role");
            outgoing.send();
            return;
        }
        SipSession otherLeg = helper.getLinkedSession(request.getSession());
        if (request.getMethod().equals("ACK")) {
            for (SipServletMessage pending : helper.getPendingMessages(otherLeg, UAMode.UAC)) {
                if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                    SipServletRequest ack = response.createAck();
                    ack.setHeader("X-Count", Integer.toString(count));
                    ack.send();
                }
            }
            return;
        }
        SipServletRequest relayed = helper.createRequest(otherLeg, request, null);
        relayed.setHeader("X-Count", Integer.toString(count));
        relayed.setHeader("X-Node", node());
        relayed.send();
    }

    private void relay(SipServletResponse response, int count) throws IOException {
        if (response.getMethod().equals("CANCEL") || response.getStatus() == 100) {
            return;
        }
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (original == null || original.isCommitted()) {
            return;
        }
        SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
        relayed.setHeader("X-Counter", Integer.toString(count));
        relayed.setHeader("X-Node", node());
        relayed.send();
    }

    static String role(SipApplicationSession call) {
        Object role = call.getAttribute(ROLE);
        return (role != null) ? role.toString() : "uas";
    }

    static int count(SipApplicationSession call) {
        Integer count = (Integer) call.getAttribute(COUNT);
        int next = (count == null) ? 1 : count + 1;
        call.setAttribute(COUNT, next);
        return next;
    }

    static String node() {
        return System.getProperty("jboss.node.name", "?");
    }
}
