package org.wildfly.extras.sip.container.security;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/** Answers every request 200 and tells who sent it, as the container authenticated the caller. */
public class ProtectedServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    /** What the servlet saw: method, remote user, whether in role caller, and in role customer (its security-role-ref to caller). */
    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();
    /** The subject of the certificate chain each request carried as javax.servlet.request.X509Certificate, or "none". */
    static final BlockingQueue<String> CERTIFICATES = new LinkedBlockingQueue<>();

    @Override
    protected void doRequest(SipServletRequest request) throws IOException {
        if (request.getMethod().equals("ACK")) {
            return;
        }
        SEEN.add(request.getMethod() + " user=" + request.getRemoteUser() + " caller=" + request.isUserInRole("caller") + " customer=" + request.isUserInRole("customer")
                + (request.getUserPrincipal() != null ? " principal=" + request.getUserPrincipal().getName() : ""));
        Object chain = request.getAttribute("javax.servlet.request.X509Certificate");
        CERTIFICATES.add((chain instanceof java.security.cert.X509Certificate[] certificates) ? certificates[0].getSubjectX500Principal().getName() : "none");
        request.createResponse(200).send();
    }
}
