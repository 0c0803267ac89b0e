package org.example.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.URI;

/**
 * A record-routing proxy that forks calls to two devices and passes registrations on with a Path header.
 */
@javax.servlet.sip.annotation.SipServlet(name = "proxy", applicationName = "sample")
public class ProxyServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    private transient SipFactory factory;

    @Override
    public void init() throws ServletException {
        this.factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!req.isInitial()) {
            return;
        }
        Proxy proxy;
        try {
            proxy = req.getProxy();
        } catch (TooManyHopsException e) {
            req.createResponse(SipServletResponse.SC_TOO_MANY_HOPS).send();
            return;
        }
        proxy.setRecordRoute(true);
        proxy.setSupervised(true);
        proxy.setParallel(true);
        proxy.setRecurse(false);
        proxy.setProxyTimeout(20);
        SipURI recordRoute = proxy.getRecordRouteURI();
        recordRoute.setParameter("leg", "in");
        List<URI> targets = new ArrayList<>();
        targets.add(this.factory.createURI("sip:bob@192.0.2.10"));
        targets.add(this.factory.createURI("sip:bob@192.0.2.11;transport=tcp"));
        List<ProxyBranch> branches = proxy.createProxyBranches(targets);
        branches.get(0).setProxyBranchTimeout(10);
        proxy.startProxy();
    }

    @Override
    protected void doRegister(SipServletRequest req) throws ServletException, IOException {
        Proxy proxy = req.getProxy();
        proxy.setAddToPath(true);
        proxy.getPathURI().setParameter("node", "edge");
        proxy.proxyTo(req.getRequestURI());
    }

    @Override
    protected void doBranchResponse(SipServletResponse resp) throws ServletException, IOException {
        ProxyBranch branch = resp.getProxyBranch();
        this.log("branch " + branch.getRequest().getRequestURI() + " answered " + resp.getStatus());
        if (resp.getStatus() == SipServletResponse.SC_BUSY_HERE) {
            for (ProxyBranch other : branch.getProxy().getProxyBranches()) {
                if (other != branch && other.isStarted()) {
                    other.cancel(new String[] { "SIP" }, new int[] { 486 }, new String[] { "Busy elsewhere" });
                }
            }
        }
    }
}
