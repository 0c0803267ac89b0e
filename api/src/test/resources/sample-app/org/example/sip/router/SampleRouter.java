package org.example.sip.router;

import java.io.Serializable;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipApplicationRoutingRegionType;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.SipTargetedRequestType;

/**
 * Invokes every deployed application once per initial request, in deployment order, in the originating region;
 * requests that target an application go straight to it. Requests for the domain {@code outside.example} leave
 * through an external edge proxy.
 */
public class SampleRouter implements SipApplicationRouter {

    private final List<String> applications = new CopyOnWriteArrayList<>();
    private volatile String edge = "sip:edge.example.org;lr";

    @Override
    public void init() {
        this.applications.clear();
    }

    @Override
    public void init(Properties properties) {
        this.init();
        this.edge = properties.getProperty("edge", this.edge);
    }

    @Override
    public void destroy() {
        this.applications.clear();
    }

    @Override
    public void applicationDeployed(List<String> newlyDeployedApplicationNames) {
        this.applications.addAll(newlyDeployedApplicationNames);
    }

    @Override
    public void applicationUndeployed(List<String> undeployedApplicationNames) {
        this.applications.removeAll(undeployedApplicationNames);
    }

    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest initialRequest,
            SipApplicationRoutingRegion region, SipApplicationRoutingDirective directive,
            SipTargetedRequestInfo targetedRequestInfo, Serializable stateInfo) {
        if (targetedRequestInfo != null) {
            SipTargetedRequestType type = targetedRequestInfo.getType();
            if (type == SipTargetedRequestType.ENCODED_URI || type == SipTargetedRequestType.JOIN
                    || type == SipTargetedRequestType.REPLACES) {
                return new SipApplicationRouterInfo(targetedRequestInfo.getApplicationName(),
                        SipApplicationRoutingRegion.NEUTRAL_REGION, null, null, SipRouteModifier.NO_ROUTE, null);
            }
        }
        int next = (stateInfo instanceof Integer && directive == SipApplicationRoutingDirective.CONTINUE)
                ? (Integer) stateInfo : 0;
        if (next >= this.applications.size()) {
            if (initialRequest.getRequestURI().toString().contains("outside.example")) {
                return new SipApplicationRouterInfo(null, null, null, new String[] { this.edge },
                        SipRouteModifier.ROUTE, null);
            }
            return null;
        }
        SipApplicationRoutingRegion serving = (region != null) ? region : SipApplicationRoutingRegion.ORIGINATING_REGION;
        if (directive == SipApplicationRoutingDirective.REVERSE) {
            serving = SipApplicationRoutingRegion.TERMINATING_REGION;
        }
        String subscriber = (serving.getType() == SipApplicationRoutingRegionType.ORIGINATING)
                ? initialRequest.getFrom().getURI().toString()
                : initialRequest.getTo().getURI().toString();
        SipRouteModifier modifier = (serving.getType() == SipApplicationRoutingRegionType.NEUTRAL)
                ? SipRouteModifier.ROUTE_BACK : SipRouteModifier.NO_ROUTE;
        return new SipApplicationRouterInfo(this.applications.get(next), serving, subscriber, null, modifier, next + 1);
    }
}
