package org.wildfly.extras.sip.test.app.uas;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;

import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerService;

/**
 * Answers OPTIONS and MESSAGE, and takes calls; every response names the application that sent it, the answer to
 * OPTIONS says whether {@code @Resource} gave the servlet its application's SipFactory and TimerService, and the answer
 * to MESSAGE how many seconds its application session has left.
 */
@javax.servlet.sip.annotation.SipServlet(name = "uas")
public class UasServlet extends SipServlet {

    static final String APPLICATION_HEADER = "X-Sip-Application";
    static final String EXPIRES_IN_HEADER = "X-Expires-In-Seconds";

    @Resource
    private SipFactory sipFactory;

    @Resource
    private static TimerService timerService;

    @Override
    protected void doOptions(SipServletRequest request) throws ServletException, IOException {
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        response.setHeader(APPLICATION_HEADER, request.getApplicationSession().getApplicationName());
        // what @Resource gave this servlet is what the container put into its servlet context
        boolean instance = this.sipFactory != null && this.sipFactory.equals(this.getServletContext().getAttribute(SIP_FACTORY));
        boolean shared = timerService != null && timerService.equals(this.getServletContext().getAttribute(TIMER_SERVICE));
        response.setHeader("X-Injected", "SipFactory=" + instance + ", static TimerService=" + shared);
        response.send();
    }

    @Override
    protected void doMessage(SipServletRequest request) throws ServletException, IOException {
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        String application = request.getApplicationSession().getApplicationName();
        response.setHeader(APPLICATION_HEADER, application);
        // the application's JNDI names, looked up on the thread the container runs the servlet on
        String lookup;
        try {
            Object factory = new javax.naming.InitialContext().lookup("java:comp/env/sip/" + application + "/SipFactory");
            lookup = Boolean.toString(factory.equals(this.getServletContext().getAttribute(SIP_FACTORY)));
        } catch (javax.naming.NamingException | RuntimeException e) {
            lookup = e.getClass().getSimpleName();
        }
        response.setHeader("X-Jndi-SipFactory", lookup);
        // how long the application session has left: the application's session timeout, or the server's default one
        long expiration = request.getApplicationSession().getExpirationTime();
        response.setHeader(EXPIRES_IN_HEADER, (expiration > 0) ? Long.toString((expiration - System.currentTimeMillis()) / 1000) : "never");
        response.send();
        // a MESSAGE leaves its application session until it expires, so that the management model has sessions to count
        request.getApplicationSession().setInvalidateWhenReady(false);
    }

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        request.createResponse(SipServletResponse.SC_RINGING).send();
        this.answer(request, SipServletResponse.SC_OK);
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the call is up; the caller hangs up
    }

    @Override
    protected void doBye(SipServletRequest request) throws ServletException, IOException {
        this.answer(request, SipServletResponse.SC_OK);
    }

    private void answer(SipServletRequest request, int status) throws IOException {
        SipServletResponse response = request.createResponse(status);
        response.setHeader(APPLICATION_HEADER, request.getApplicationSession().getApplicationName());
        response.send();
    }
}
