package org.wildfly.extras.sip.test.app.secure;

import java.io.IOException;
import java.security.cert.X509Certificate;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Answers every request 200 and says, in headers of the answer, who the container let in: the remote user, whether in
 * role {@code caller}, the subject of the client certificate the request carried, and the transport it came over.
 */
@javax.servlet.sip.annotation.SipServlet(name = "who")
public class WhoServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws IOException {
        if (request.getMethod().equals("ACK")) {
            return;
        }
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        response.setHeader("X-Remote-User", String.valueOf(request.getRemoteUser()));
        response.setHeader("X-Caller-Role", Boolean.toString(request.isUserInRole("caller")));
        Object chain = request.getAttribute("javax.servlet.request.X509Certificate");
        response.setHeader("X-Client-Certificate", (chain instanceof X509Certificate[] certificates && certificates.length > 0)
                ? certificates[0].getSubjectX500Principal().getName() : "none");
        response.setHeader("X-Transport", request.getTransport());
        response.send();
    }
}
