package org.wildfly.extras.sip.container.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.URI;

/**
 * Proxies each call to the targets of the context parameter {@code proxy.targets} (several: parallel forking),
 * stays in the call's path (record-route), and counts the call's requests in its SIP session.
 */
@javax.servlet.sip.annotation.SipServlet(name = "proxy")
public class RecordRoutingProxy extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        if (request.getMethod().equals("CANCEL")) {
            return; // the container cancels the branches; the 487 goes upstream as the best response
        }
        int count = countRequest(request.getSession());
        request.setHeader("X-Seen", Integer.toString(count)); // a proxy may add headers before forwarding
        if (!request.isInitial()) {
            return; // a request of the record-routed dialog: the container forwards it when we return
        }
        SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
        List<URI> targets = new ArrayList<>();
        for (String target : this.getServletContext().getInitParameter("proxy.targets").split(",")) {
            targets.add(factory.createURI(target.trim()));
        }
        Proxy proxy = request.getProxy();
        proxy.setRecordRoute(true);  // in-dialog requests (ACK, BYE, re-INVITE, INFO) come back through us
        proxy.setSupervised(true);   // we see the responses in doResponse
        proxy.setParallel(true);     // all targets at once; the first 2xx wins, the others get CANCEL
        proxy.proxyTo(targets);
    }

    @Override
    protected void doResponse(SipServletResponse response) {
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            response.setHeader("X-Counter", response.getSession().getAttribute("requests").toString());
        }
    }

    private static int countRequest(SipSession session) {
        Integer count = (Integer) session.getAttribute("requests");
        int next = (count != null) ? count + 1 : 1;
        session.setAttribute("requests", next); // session attributes are replicated in a distributable application
        return next;
    }
}
