package org.wildfly.extras.sip.test.router;

import java.io.Serializable;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;

/**
 * A custom application router: an initial request goes to the deployed application that its request-URI's user part
 * names ({@code sip:second@host} to application {@code second}), whatever the order the applications were deployed in.
 */
public class UserPartRouter implements SipApplicationRouter {

    private final Set<String> deployed = ConcurrentHashMap.newKeySet();

    @Override
    public void init() {
        // nothing to read: the deployed applications are all it needs
    }

    @Override
    public void init(Properties properties) {
        this.init();
    }

    @Override
    public void destroy() {
        this.deployed.clear();
    }

    @Override
    public void applicationDeployed(List<String> names) {
        this.deployed.addAll(names);
    }

    @Override
    public void applicationUndeployed(List<String> names) {
        this.deployed.removeAll(names);
    }

    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest request, SipApplicationRoutingRegion region, SipApplicationRoutingDirective directive,
            SipTargetedRequestInfo targeted, Serializable state) {
        if (state != null || !(request.getRequestURI() instanceof SipURI uri) || !this.deployed.contains(uri.getUser())) {
            return null;
        }
        return new SipApplicationRouterInfo(uri.getUser(), SipApplicationRoutingRegion.NEUTRAL_REGION, null, null, SipRouteModifier.NO_ROUTE, "routed");
    }
}
