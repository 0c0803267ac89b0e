package org.wildfly.extras.sip.test.app.roles;

import java.io.IOException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerListener;

/** Hangs up a call the application placed when its timer fires, and says so in the server log (once per timer). */
public class HangUpTimer implements TimerListener {

    @Override
    public void timeout(ServletTimer timer) {
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
}
