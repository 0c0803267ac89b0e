package org.wildfly.extras.sip.container.deployed;

import java.io.IOException;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipServlet;

/** Declared by annotation: counts the messages of each sender in the application session the sender's key selects. */
@SipServlet(name = "chat", applicationName = "mapped")
public class ChatServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;

    @SipApplicationKey
    public static String sender(SipServletRequest request) {
        return ((javax.servlet.sip.SipURI) request.getFrom().getURI()).getUser();
    }

    @Override
    protected void doMessage(SipServletRequest request) throws IOException {
        SipApplicationSession session = request.getApplicationSession();
        Integer count = (Integer) session.getAttribute("messages");
        session.setAttribute("messages", (count == null) ? 1 : count + 1);
        session.setInvalidateWhenReady(false); // kept for the sender's next message
        DeployedApplicationTestCase.EVENTS.add("chat " + session.getAttribute("messages") + " " + session.getId());
        request.createResponse(200).send();
    }
}
