package org.wildfly.extras.sip.container.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;

import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;

/**
 * One target of a proxy (JSR 289 §10.2.2): its own request, client transaction and responses. Node-local: a branch
 * lives as long as its transaction, which dies with its node.
 */
public final class ProxyBranchImpl extends ProxySettings implements ProxyBranch {

    private final ProxyImpl proxy;
    private final String target;
    private final SipServletRequestImpl request;
    private final List<ProxyBranch> recursed = new ArrayList<>();
    private boolean started;
    private boolean provisional;
    private boolean complete;
    private boolean dropped;
    private boolean cancelRequested;
    private boolean cancelSent;
    private List<String> cancelReasons = List.of();
    private SipServletResponseImpl response;
    private Runnable timer;

    ProxyBranchImpl(ProxyImpl proxy, String target, SipServletRequestImpl request) {
        super(proxy);
        this.proxy = proxy;
        this.target = target;
        this.request = request;
    }

    /** @return the URI this branch proxies to */
    public String target() {
        return this.target;
    }

    /** @return the branch's request, as {@link #getRequest()} but typed */
    public SipServletRequestImpl request() {
        return this.request;
    }

    public ProxyImpl proxy() {
        return this.proxy;
    }

    @Override
    public Proxy getProxy() {
        return this.proxy;
    }

    @Override
    public SipServletRequest getRequest() {
        return this.request;
    }

    @Override
    public void cancel() {
        this.cancel(null, null, null);
    }

    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (this.complete) {
            throw new IllegalStateException("Branch to " + this.target + " already got its final response " + this.response.getStatus());
        }
        this.proxy.cancelBranch(this, ProxyResponses.reasons(protocol, reasonCode, reasonText));
    }

    @Override
    public int getProxyBranchTimeout() {
        return this.timeoutSeconds();
    }

    @Override
    public void setProxyBranchTimeout(int seconds) {
        this.timeoutSeconds(seconds);
    }

    @Override
    public void setRecordRoute(boolean recordRoute) {
        this.checkNotStarted();
        this.recordRoute(recordRoute);
    }

    @Override
    public void setAddToPath(boolean addToPath) {
        this.checkNotStarted();
        this.addToPath(addToPath);
    }

    @Override
    String who() {
        return "Branch to " + this.target;
    }

    @Override
    SipURI ownRecordRouteUri() {
        return this.proxy.getRecordRouteURI();
    }

    @Override
    SipURI ownPathUri() {
        return this.proxy.getPathURI();
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        this.proxy.setOutboundInterface(address);
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        this.proxy.setOutboundInterface(address);
    }

    @Override
    public SipServletResponse getResponse() {
        return this.response;
    }

    @Override
    public boolean isStarted() {
        return this.started;
    }

    @Override
    public List<ProxyBranch> getRecursedProxyBranches() {
        return List.copyOf(this.recursed);
    }

    @Override
    public String toString() {
        return "branch to " + this.target;
    }

    private void checkNotStarted() {
        if (this.started) {
            throw new IllegalStateException("Branch to " + this.target + " already started");
        }
    }

    // ---- state, driven by ProxyImpl

    boolean started() {
        return this.started;
    }

    void markStarted() {
        this.started = true;
    }

    boolean pending() {
        return this.started && !this.complete;
    }

    boolean waiting() {
        return !this.started && !this.dropped;
    }

    void drop() {
        this.dropped = true;
    }

    boolean complete() {
        return this.complete;
    }

    void complete(SipServletResponseImpl finalResponse) {
        this.complete = true;
        this.response = finalResponse;
        this.stopTimer();
    }

    void provisional(SipServletResponseImpl provisionalResponse) {
        this.provisional = true;
        this.response = provisionalResponse;
    }

    boolean hadProvisional() {
        return this.provisional;
    }

    boolean cancelRequested() {
        return this.cancelRequested;
    }

    void requestCancel(List<String> reasons) {
        this.cancelRequested = true;
        this.cancelReasons = reasons;
    }

    List<String> cancelReasons() {
        return this.cancelReasons;
    }

    boolean cancelSent() {
        return this.cancelSent;
    }

    void markCancelSent() {
        this.cancelSent = true;
    }

    void addRecursed(ProxyBranchImpl branch) {
        this.recursed.add(branch);
    }

    void setTimer(Runnable cancel) {
        this.timer = cancel;
    }

    void stopTimer() {
        if (this.timer != null) {
            this.timer.run();
            this.timer = null;
        }
    }
}
