package org.wildfly.extras.sip.container.proxy;

import javax.servlet.sip.SipURI;

/**
 * What a proxy and each of its branches choose alike (JSR 289 §10.2.1, §10.2.2): recursion on 3xx, Record-Route, Path,
 * and how long to wait for a final response. A branch starts with its proxy's choices when it is created, and may change
 * its own after.
 */
abstract class ProxySettings {

    private boolean recurse;
    private boolean recordRoute;
    private boolean addToPath;
    private int timeoutSeconds;

    /** The defaults of a new proxy: recursing, not record-routing, not on the Path, with the given timeout. */
    ProxySettings(int timeoutSeconds) {
        this.recurse = true;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A branch's start: its proxy's choices as they are now. */
    ProxySettings(ProxySettings proxy) {
        this.recurse = proxy.recurse;
        this.recordRoute = proxy.recordRoute;
        this.addToPath = proxy.addToPath;
        this.timeoutSeconds = proxy.timeoutSeconds;
    }

    /** @return who chooses, for messages: "The proxy of INVITE ...", "Branch to ..." */
    abstract String who();

    /** @return the URI this node puts in Record-Route */
    abstract SipURI ownRecordRouteUri();

    /** @return the URI this node puts in Path */
    abstract SipURI ownPathUri();

    public boolean getRecurse() {
        return this.recurse;
    }

    public void setRecurse(boolean recurse) {
        this.recurse = recurse;
    }

    public boolean getRecordRoute() {
        return this.recordRoute;
    }

    /** Sets Record-Route; the caller checks it may still change. */
    final void recordRoute(boolean recordRoute) {
        this.recordRoute = recordRoute;
    }

    public boolean getAddToPath() {
        return this.addToPath;
    }

    /** Sets Path; the caller checks it may still change. */
    final void addToPath(boolean addToPath) {
        this.addToPath = addToPath;
    }

    /** @return seconds to wait for a final response */
    final int timeoutSeconds() {
        return this.timeoutSeconds;
    }

    /** @param seconds seconds to wait for a final response, more than 0 */
    final void timeoutSeconds(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("A proxy timeout is a positive number of seconds, not " + seconds);
        }
        this.timeoutSeconds = seconds;
    }

    public SipURI getRecordRouteURI() {
        if (!this.recordRoute) {
            throw new IllegalStateException(this.who() + " does not record-route: call setRecordRoute(true) first");
        }
        return this.ownRecordRouteUri();
    }

    public SipURI getPathURI() {
        if (!this.addToPath) {
            throw new IllegalStateException(this.who() + " does not add itself to Path: call setAddToPath(true) first");
        }
        return this.ownPathUri();
    }
}
