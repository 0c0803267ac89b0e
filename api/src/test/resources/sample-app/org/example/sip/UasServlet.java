package org.example.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;

import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.TimerService;
import javax.servlet.sip.URI;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * A user agent server: it answers calls, messages, options and registrations itself, and as a client retries
 * challenged requests with credentials.
 */
@javax.servlet.sip.annotation.SipServlet(name = "uas", loadOnStartup = 1, description = "Answers requests")
public class UasServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    private transient SipFactory factory;
    private transient TimerService timers;
    private transient SipSessionsUtil sessions;
    private transient List<SipURI> outbound;
    private transient boolean reliable;

    /**
     * Puts the calls of one caller in one application session.
     *
     * @param request an initial request
     * @return the key of its application session
     */
    @SipApplicationKey(applicationName = "sample")
    public static String callerKey(SipServletRequest request) {
        return request.getFrom().getURI().toString();
    }

    @Override
    public void init() throws ServletException {
        ServletContext context = this.getServletContext();
        this.factory = (SipFactory) context.getAttribute(SIP_FACTORY);
        this.timers = (TimerService) context.getAttribute(TIMER_SERVICE);
        this.sessions = (SipSessionsUtil) context.getAttribute(SIP_SESSIONS_UTIL);
        this.outbound = new ArrayList<>();
        Object interfaces = context.getAttribute(OUTBOUND_INTERFACES);
        if (interfaces instanceof List) {
            for (Object item : (List<?>) interfaces) {
                this.outbound.add((SipURI) item);
            }
        }
        Object supported = context.getAttribute(SUPPORTED);
        this.reliable = (supported instanceof List) && ((List<?>) supported).contains("100rel");
        this.log("RFCs: " + context.getAttribute(SUPPORTED_RFCs));
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!req.isInitial()) {
            req.createResponse(SipServletResponse.SC_OK).send();
            return;
        }
        URI target = req.getRequestURI();
        String user;
        if (target.isSipURI()) {
            SipURI sip = (SipURI) target;
            user = sip.getUser();
        } else if ("tel".equals(target.getScheme())) {
            TelURL tel = (TelURL) target;
            user = tel.isGlobal() ? tel.getPhoneNumber() : tel.getPhoneNumber() + "@" + tel.getPhoneContext();
        } else {
            req.createResponse(SipServletResponse.SC_UNSUPPORTED_URI_SCHEME).send();
            return;
        }
        if (user == null) {
            req.createResponse(SipServletResponse.SC_DOES_NOT_EXIT_ANYWHERE).send();
            return;
        }
        SipApplicationRoutingRegion region = req.getRegion();
        this.log("INVITE for " + user + " in region " + region.getLabel() + " for " + req.getSubscriberURI());

        SipSession session = req.getSession();
        SipSession replaced = this.sessions.getCorrespondingSipSession(session, "Replaces");
        if (replaced != null && replaced.getState() == SipSession.State.CONFIRMED) {
            replaced.createRequest("BYE").send();
        }
        session.setAttribute("record", new CallRecord(req.getCallId()));
        if (!this.outbound.isEmpty()) {
            SipURI local = this.outbound.get(0);
            this.log("answering from " + local.getHost() + ":" + local.getPort());
        }

        SipApplicationSession application = req.getApplicationSession();
        if (application.getAttribute("busy") != null) {
            req.createResponse(SipServletResponse.SC_TEMPORARLY_UNAVAILABLE).send();
            return;
        }
        application.setExpires(5);
        ServletTimer timer = this.timers.createTimer(application, 30_000L, true, "no-answer");
        application.setAttribute("timer", timer.getId());

        SipServletResponse ringing = req.createResponse(SipServletResponse.SC_RINGING);
        if (this.reliable) {
            try {
                ringing.sendReliably();
            } catch (Rel100Exception e) {
                this.log("not reliable: " + e.getMessage() + " (" + e.getReason() + ")");
                ringing.send();
            }
        } else {
            ringing.send();
        }
        SipServletResponse ok = req.createResponse(SipServletResponse.SC_OK);
        ok.setHeaderForm(SipServletMessage.HeaderForm.COMPACT);
        ok.setContent("v=0\r\n", "application/sdp");
        ok.send();
    }

    @Override
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        if (req.getSession().getState() == SipSession.State.CONFIRMED) {
            SipApplicationSession application = req.getApplicationSession();
            ServletTimer timer = application.getTimer((String) application.getAttribute("timer"));
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    @Override
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        req.createResponse(SipServletResponse.SC_OK).send();
        for (ServletTimer timer : req.getApplicationSession().getTimers()) {
            timer.cancel();
        }
        req.getSession().setInvalidateWhenReady(true);
    }

    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        Parameterable type = req.getParameterableHeader("Content-Type");
        String charset = (type != null) ? type.getParameter("charset") : null;
        Object content = req.getContent();
        this.log("message in " + charset + ": " + content);
        req.createResponse(SipServletResponse.SC_OK).send();
    }

    @Override
    protected void doRegister(SipServletRequest req) throws ServletException, IOException {
        SipServletResponse ok = req.createResponse(SipServletResponse.SC_OK);
        ListIterator<Address> contacts = req.getAddressHeaders("Contact");
        while (contacts.hasNext()) {
            Address contact = contacts.next();
            if (!contact.isWildcard() && contact.getExpires() != 0) {
                ok.addAddressHeader("Contact", contact, false);
            }
        }
        ok.send();
    }

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        SipServletResponse ok = req.createResponse(SipServletResponse.SC_OK);
        ok.addHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, REGISTER");
        ok.send();
    }

    @Override
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        int status = resp.getStatus();
        if (status == SipServletResponse.SC_UNAUTHORIZED || status == SipServletResponse.SC_PROXY_AUTHENTICATION_REQUIRED) {
            AuthInfo credentials = this.factory.createAuthInfo();
            Iterator<String> realms = resp.getChallengeRealms();
            while (realms.hasNext()) {
                credentials.addAuthInfo(status, realms.next(), "alice", "secret");
            }
            SipServletRequest retry = resp.getSession().createRequest(resp.getMethod());
            retry.addAuthHeader(resp, credentials);
            retry.send();
        }
    }

    /**
     * Sends a MESSAGE to a user, parsing the addresses.
     *
     * @param to the recipient's address
     * @param text the message
     * @throws IOException if it cannot be sent
     */
    public void sendMessage(String to, String text) throws IOException {
        SipApplicationSession application = this.factory.createApplicationSession();
        try {
            Address from = this.factory.createAddress("\"Sample\" <sip:sample@example.org>");
            SipServletRequest message = this.factory.createRequest(application, "MESSAGE", from, this.factory.createAddress(to));
            message.setContent(text, "text/plain; charset=UTF-8");
            message.send();
        } catch (ServletParseException e) {
            this.log("bad address " + to, e);
            application.invalidate();
        }
    }

    /**
     * Returns a link to the call's web page that keeps the HTTP session of a converged application.
     *
     * @param http the HTTP session of a web request
     * @return the link, or {@code null} outside a converged application
     */
    public static String callPage(HttpSession http) {
        if (!(http instanceof ConvergedHttpSession)) {
            return null;
        }
        ConvergedHttpSession converged = (ConvergedHttpSession) http;
        SipApplicationSession application = converged.getApplicationSession();
        int calls = 0;
        for (Iterator<?> sips = application.getSessions(SipApplicationSession.Protocol.SIP.name()); sips.hasNext();) {
            SipSession sip = (SipSession) sips.next();
            if (sip.isValid()) {
                calls++;
            }
        }
        Object self = application.getSession(http.getId(), SipApplicationSession.Protocol.HTTP);
        return (self == http) ? converged.encodeURL("/calls.jsp?n=" + calls, "https") : null;
    }
}
