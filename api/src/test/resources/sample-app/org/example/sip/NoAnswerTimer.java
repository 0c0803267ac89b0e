package org.example.sip;

import java.io.Serializable;
import java.util.Iterator;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.annotation.SipListener;

/**
 * Ends an application session whose call was not answered in time.
 */
@SipListener(applicationName = "sample", description = "No-answer timer")
public class NoAnswerTimer implements TimerListener {

    @Override
    public void timeout(ServletTimer timer) {
        Serializable info = timer.getInfo();
        SipApplicationSession application = timer.getApplicationSession();
        if (!"no-answer".equals(info) || !application.isValid()) {
            return;
        }
        for (Iterator<?> sessions = application.getSessions("SIP"); sessions.hasNext();) {
            SipSession session = (SipSession) sessions.next();
            if (session.getState() != SipSession.State.CONFIRMED) {
                session.setInvalidateWhenReady(true);
            }
        }
        if (application.isReadyToInvalidate()) {
            application.invalidate();
        } else {
            application.setInvalidateWhenReady(true);
        }
    }
}
