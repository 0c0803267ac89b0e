package org.wildfly.extras.sip.test.app.roles;

import java.io.IOException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerListener;

/**
 * Hangs up a call the application placed when its timer fires, and says so in the server log (once per timer); answers
 * a ringing call ({@code uas-later}) when its timer fires.
 */
public class HangUpTimer implements TimerListener {

    /** The info of the timer that answers a ringing call ({@code uas-later}). */
    static final String ANSWER = "answer";

    @Override
    public void timeout(ServletTimer timer) {
        if (ANSWER.equals(timer.getInfo())) {
            this.answer(timer);
            return;
        }
        SipSession session = timer.getApplicationSession().getSipSession((String) timer.getInfo());
        int count = RolesServlet.count(timer.getApplicationSession());
        System.out.println("ROLES hang-up timer fired on " + RolesServlet.node() + " for " + timer.getApplicationSession().getId());
        try {
            SipServletRequest bye = session.createRequest("BYE");
            bye.setHeader("X-Count", Integer.toString(count));
            bye.setHeader("X-Node", RolesServlet.node());
            bye.send();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers the INVITE the application kept, unless the caller gave up meanwhile. */
    private void answer(ServletTimer timer) {
        SipServletRequest invite = (SipServletRequest) timer.getApplicationSession().getAttribute(RolesServlet.INVITE);
        if (invite == null || invite.isCommitted()) {
            return;
        }
        try {
            javax.servlet.sip.SipServletResponse ok = invite.createResponse(200);
            ok.setHeader("X-Counter", timer.getApplicationSession().getAttribute(RolesServlet.COUNT).toString());
            ok.setHeader("X-Node", RolesServlet.node());
            ok.send();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
