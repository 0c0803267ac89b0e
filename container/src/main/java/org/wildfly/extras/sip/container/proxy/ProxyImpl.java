package org.wildfly.extras.sip.container.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * A stateful proxy of one request (RFC 3261 §16, JSR 289 §10): its branches, their responses and the choice of the
 * response sent upstream. Node-local: it lives as long as the request's transactions. What the dialog's later requests
 * need (record-routing, supervision) is written to the SIP session as data when proxying starts.
 */
public final class ProxyImpl extends ProxySettings implements Proxy {

    /** Methods that create a dialog, so that record-routing them makes later requests come back (RFC 3261 §12.1). */
    private static final Set<String> DIALOG_CREATING = Set.of("INVITE", "SUBSCRIBE", "REFER", "NOTIFY");

    private final SipServletRequestImpl original;
    private final ProxyServices services;
    private final boolean subsequent;
    private final List<ProxyBranchImpl> branches = new ArrayList<>();
    private boolean parallel = true;
    private boolean supervised = true;
    private boolean noCancel;
    private SipURI recordRouteUri;
    private SipURI pathUri;
    private InetSocketAddress outboundInterface;
    private boolean succeeded;
    private boolean finished;
    private boolean cancelled;
    private boolean sixHundred;

    /**
     * @param original the request to proxy, received with its server transaction
     * @param services the container
     * @param timeoutSeconds the default branch timeout (the application's {@code proxy-timeout})
     * @param subsequent whether it is a request within a dialog this application record-routed: the container
     *        forwards it to its request-URI, and the application may only look
     * @param supervised for a subsequent request, whether the dialog's proxy was supervised
     */
    public ProxyImpl(SipServletRequestImpl original, ProxyServices services, int timeoutSeconds, boolean subsequent, boolean supervised) {
        super(timeoutSeconds);
        this.original = original;
        this.services = services;
        this.subsequent = subsequent;
        this.supervised = supervised;
    }

    /** @return the request being proxied */
    public SipServletRequestImpl original() {
        return this.original;
    }

    /** @return whether a branch was started: the application can no longer answer the request itself */
    public boolean isStarted() {
        return this.branches.stream().anyMatch(ProxyBranchImpl::started);
    }

    /** @return whether the final response went upstream */
    public boolean isFinished() {
        return this.finished;
    }

    /** @return whether a branch was started and is still waiting for its final response */
    public boolean isPending() {
        return this.branches.stream().anyMatch(ProxyBranchImpl::pending);
    }

    // ---- javax.servlet.sip.Proxy

    @Override
    public SipServletRequest getOriginalRequest() {
        return this.original;
    }

    @Override
    public void proxyTo(URI uri) {
        this.proxyTo(List.of(uri));
    }

    @Override
    public void proxyTo(List<? extends URI> uris) {
        this.checkApplicationMayProxy();
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException("proxyTo needs at least one target URI");
        }
        this.createProxyBranches(uris);
        this.startProxy();
    }

    @Override
    public void cancel() {
        this.cancel(null, null, null);
    }

    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (this.finished) {
            throw new IllegalStateException("The proxy of " + this.describe() + " already sent its final response upstream: nothing to cancel");
        }
        this.cancelAll(ProxyResponses.reasons(protocol, reasonCode, reasonText));
    }

    @Override
    public void setRecordRoute(boolean recordRoute) {
        if (this.isStarted()) {
            throw new IllegalStateException("The proxy of " + this.describe() + " already started: record-routing is decided before proxyTo/startProxy");
        }
        this.recordRoute(recordRoute);
    }

    @Override
    public boolean getParallel() {
        return this.parallel;
    }

    @Override
    public void setParallel(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public boolean getStateful() {
        return true;
    }

    @Override
    @Deprecated
    public void setStateful(boolean stateful) {
        // JSR 289 §10.2.1: every proxy of this container is stateful; the call is allowed and has no effect
    }

    @Override
    public boolean getSupervised() {
        return this.supervised;
    }

    @Override
    public void setSupervised(boolean supervised) {
        this.supervised = supervised;
    }

    @Override
    public int getProxyTimeout() {
        return this.timeoutSeconds();
    }

    @Override
    @Deprecated
    public int getSequentialSearchTimeout() {
        return this.timeoutSeconds();
    }

    @Override
    public void setProxyTimeout(int seconds) {
        this.timeoutSeconds(seconds);
    }

    @Override
    @Deprecated
    public void setSequentialSearchTimeout(int seconds) {
        this.setProxyTimeout(seconds);
    }

    @Override
    String who() {
        return "The proxy of " + this.describe();
    }

    @Override
    SipURI ownRecordRouteUri() {
        if (this.recordRouteUri == null) {
            this.recordRouteUri = this.baseUri();
        }
        return this.recordRouteUri;
    }

    @Override
    public List<ProxyBranch> createProxyBranches(List<? extends URI> targets) {
        this.checkApplicationMayProxy();
        List<ProxyBranch> created = new ArrayList<>();
        for (URI target : targets) {
            created.add(this.createBranch(target));
        }
        return created;
    }

    @Override
    public ProxyBranch getProxyBranch(URI uri) {
        String target = uri.toString();
        return this.branches.stream().filter(branch -> branch.target().equals(target)).findFirst().orElse(null);
    }

    @Override
    public List<ProxyBranch> getProxyBranches() {
        return List.copyOf(this.branches);
    }

    @Override
    public void startProxy() {
        this.checkApplicationMayProxy();
        if (this.branches.stream().noneMatch(ProxyBranchImpl::waiting)) {
            throw new IllegalStateException("The proxy of " + this.describe() + " has no branch to start: create them with createProxyBranches first");
        }
        this.original.session().data().setProxying(this.getRecordRoute(), this.supervised);
        this.startWaiting();
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        this.original.session().checkOutboundInterface(address);
        this.outboundInterface = address;
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        if (address == null) {
            throw new NullPointerException("address");
        }
        this.setOutboundInterface(new InetSocketAddress(address, 0));
    }

    /** @return the interface the application chose, or {@code null} */
    public InetSocketAddress outboundInterface() {
        return this.outboundInterface;
    }

    @Override
    public void setAddToPath(boolean addToPath) {
        this.addToPath(addToPath);
    }

    @Override
    SipURI ownPathUri() {
        if (this.pathUri == null) {
            this.pathUri = this.baseUri();
        }
        return this.pathUri;
    }

    @Override
    public void setNoCancel(boolean noCancel) {
        this.noCancel = noCancel;
    }

    @Override
    public boolean getNoCancel() {
        return this.noCancel;
    }

    // ---- driven by the container

    /**
     * Forwards a subsequent request of a record-routed dialog to its request-URI (JSR 289 §10.2.5): the application
     * saw it and may have changed its headers, but chooses no target.
     */
    public void forwardSubsequent() {
        ProxyBranchImpl branch = this.createBranch(this.original.raw().requestUri());
        this.start(branch);
    }

    /** The upstream client cancelled the request (RFC 3261 §16.10): every branch is cancelled. */
    public void cancelFromUpstream(List<String> reasons) {
        this.cancelAll(reasons);
    }

    /**
     * A response arrived on a branch, or the container made one up (408 on a timeout).
     * @param branch the branch
     * @param response the response
     */
    public void responseReceived(ProxyBranchImpl branch, SipServletResponseImpl response) {
        int status = response.getStatus();
        boolean invite = this.original.getMethod().equals("INVITE");
        if (branch.complete()) {
            if (invite && status >= 200 && status < 300) {
                if (this.supervised && response.session() != this.original.session()) {
                    this.services.deliver(response); // a 2xx of another dialog, in its derived session (JSR 289 §6.2.3.2)
                }
                this.services.forward(this, response); // every 2xx to an INVITE goes upstream (RFC 3261 §16.7 step 5)
            }
            return;
        }
        if (status < 200) {
            if (status == 100) {
                return; // hop by hop: the stack sent ours upstream
            }
            branch.provisional(response);
            if (branch.cancelRequested() && !branch.cancelSent()) {
                this.sendCancel(branch);
            }
            if (this.supervised) {
                this.services.deliver(response);
            }
            if (!this.finished) {
                this.services.forward(this, response);
            }
            return;
        }
        branch.complete(response);
        if (status < 300) {
            if (this.supervised) {
                this.services.deliver(response);
            }
            this.succeeded = true;
            this.finished = true;
            this.services.forward(this, response);
            if (invite && !this.noCancel) {
                this.cancelOthers(branch, List.of("SIP;cause=200;text=\"Call completed elsewhere\""));
            }
            this.branches.forEach(other -> {
                if (other.waiting()) {
                    other.drop();
                }
            });
            return;
        }
        if (this.succeeded || this.finished) {
            return; // a 2xx already went upstream: later failures of other branches are the proxy's own business
        }
        if (status >= 600) {
            this.sixHundred = true;
            this.cancelOthers(branch, List.of());
        } else if (status < 400 && this.getRecurse() && branch.getRecurse()) {
            this.recurse(branch, response);
        }
        if (!this.sixHundred && !this.cancelled && !this.parallel && !this.isPending()) {
            this.startWaiting();
        }
        if (this.isPending()) {
            if (this.supervised) {
                response.setBranchResponse(true);
                this.services.deliver(response);
            }
            return;
        }
        SipServletResponseImpl best = ProxyResponses.best(this.branches, this.services);
        if (this.supervised) {
            this.services.deliver(best);
            if (this.isPending()) {
                return; // the application proxied to more targets from doResponse: the search goes on
            }
        }
        this.finished = true;
        this.services.forward(this, best);
    }

    /** A branch had no final response within its timeout: it is cancelled and counts as a 408. */
    public void timedOut(ProxyBranchImpl branch) {
        if (branch.complete()) {
            return;
        }
        this.cancelBranch(branch, List.of());
        this.responseReceived(branch, this.services.synthesize(branch, 408));
    }

    /** @return the branch whose client transaction carried this attachment, for the container's lookups */
    public List<ProxyBranchImpl> branches() {
        return List.copyOf(this.branches);
    }

    void cancelBranch(ProxyBranchImpl branch, List<String> reasons) {
        if (!branch.started()) {
            branch.drop();
            return;
        }
        if (branch.complete() || branch.cancelRequested() || !branch.request().getMethod().equals("INVITE")) {
            return; // only an INVITE is cancelled (RFC 3261 §9.1)
        }
        branch.requestCancel(reasons);
        if (branch.hadProvisional()) {
            this.sendCancel(branch);
        } // else the CANCEL waits for a provisional response (RFC 3261 §9.1)
    }

    private void sendCancel(ProxyBranchImpl branch) {
        branch.markCancelSent();
        this.services.cancel(branch, branch.cancelReasons());
    }

    private void cancelAll(List<String> reasons) {
        this.cancelled = true;
        for (ProxyBranchImpl branch : this.branches) {
            this.cancelBranch(branch, reasons);
        }
    }

    private void cancelOthers(ProxyBranchImpl answered, List<String> reasons) {
        for (ProxyBranchImpl branch : this.branches) {
            if (branch != answered) {
                this.cancelBranch(branch, reasons);
            }
        }
    }

    /** A 3xx of a recursing branch: its Contacts become new branches (RFC 3261 §16.7 step 4). */
    private void recurse(ProxyBranchImpl branch, SipServletResponseImpl response) {
        for (String contact : response.raw().headers().all(HeaderNames.CONTACT)) {
            try {
                AddressSyntax address = SipGrammar.parseAddress(contact);
                String target = address.uri().toString();
                if (address.uri() instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax && this.branches.stream().noneMatch(known -> known.target().equals(target))) {
                    branch.addRecursed(this.createBranch(target));
                }
            } catch (SyntaxException e) {
                // a malformed Contact of a redirect names no target: the 3xx counts as the branch's answer
            }
        }
        if (this.parallel) {
            this.startWaiting();
        }
    }

    private void startWaiting() {
        for (ProxyBranchImpl branch : List.copyOf(this.branches)) {
            if (branch.waiting()) {
                this.start(branch);
                if (!this.parallel && branch.pending()) {
                    return; // sequential: one at a time
                }
            }
        }
    }

    private void start(ProxyBranchImpl branch) {
        branch.markStarted();
        this.original.markProxying();
        RawRequest raw = branch.request().raw();
        String method = raw.method();
        if (branch.getRecordRoute() && this.original.isInitial() && DIALOG_CREATING.contains(method)) {
            raw.headers().addFirst(HeaderNames.RECORD_ROUTE, this.services.recordRoute(this, (this.recordRouteUri != null) ? this.recordRouteUri.toString() : null, raw));
        }
        if (branch.getAddToPath() && method.equals("REGISTER")) {
            raw.headers().addFirst("Path", this.services.recordRoute(this, (this.pathUri != null) ? this.pathUri.toString() : null, raw));
        }
        try {
            this.services.send(branch);
            branch.request().commit();
        } catch (IOException | RuntimeException e) {
            System.getLogger(ProxyImpl.class.getName()).log(System.Logger.Level.WARNING, "Cannot proxy {0} to {1}: {2}", this.describe(), branch.target(), e.getMessage());
            branch.request().commit();
            this.responseReceived(branch, this.services.synthesize(branch, 503));
            return;
        }
        if (!this.subsequent || method.equals("INVITE")) {
            branch.setTimer(this.services.schedule(() -> this.timedOut(branch), branch.getProxyBranchTimeout() * 1000L));
        }
    }

    private ProxyBranchImpl createBranch(URI target) {
        if (target == null || !target.isSipURI()) {
            throw new IllegalArgumentException("A proxy forwards to SIP or SIPS URIs, not " + target);
        }
        return this.createBranch(target.toString());
    }

    private ProxyBranchImpl createBranch(String target) {
        RawRequest raw = this.original.raw().copy();
        raw.setRequestUri(target);
        int maxForwards = this.original.getMaxForwards();
        raw.headers().set(HeaderNames.MAX_FORWARDS, Integer.toString((maxForwards >= 0) ? maxForwards - 1 : 70));
        ProxyBranchImpl branch = new ProxyBranchImpl(this, target, this.services.branchRequest(this.original, raw));
        this.branches.add(branch);
        return branch;
    }

    private void checkApplicationMayProxy() {
        if (this.subsequent) {
            throw new IllegalStateException(this.describe() + " is a request within a proxied dialog: the container forwards it, the application only looks");
        }
        if (this.finished) {
            throw new IllegalStateException("The proxy of " + this.describe() + " already sent its final response upstream");
        }
        if (this.original.finalResponse() != null) {
            throw new IllegalStateException(this.describe() + " was already answered " + this.original.finalResponse().getStatus() + " by the application");
        }
    }

    private SipURI baseUri() {
        try {
            return (SipURI) Uris.of(SipGrammar.parseUri(this.services.recordRouteBase()), Mode.MUTABLE);
        } catch (SyntaxException e) {
            throw new IllegalStateException("The container's own address is not a SIP URI: " + e.getMessage(), e);
        }
    }

    private String describe() {
        return this.original.getMethod() + " " + this.original.raw().requestUri() + " (Call-ID " + this.original.getCallId() + ")";
    }
}
