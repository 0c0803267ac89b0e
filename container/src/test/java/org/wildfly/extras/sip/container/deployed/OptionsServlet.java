package org.wildfly.extras.sip.container.deployed;

import java.io.IOException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/** Declared in sip.xml: answers OPTIONS, naming itself. */
public class OptionsServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        DeployedApplicationTestCase.EVENTS.add("options servlet " + request.getApplicationSession().getId());
        DeployedApplicationTestCase.EVENTS.add("init-param greeting=" + this.getInitParameter("greeting"));
        request.createResponse(200).send();
    }
}
