package org.wildfly.extras.sip.container.message;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ReasonPhrases;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;

import org.wildfly.extras.sip.container.transport.Peer;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A SIP response: one the application sends to a received request, or one the container received for a sent request.
 */
public final class SipServletResponseImpl extends SipServletMessageImpl implements SipServletResponse {

    private final RawResponse raw;
    private final SipServletRequestImpl request;
    private boolean acknowledged;
    private boolean received;
    private javax.servlet.sip.ProxyBranch branch;
    private boolean branchResponse;

    /**
     * A response the application will send.
     * @param raw its fields
     * @param request the received request it answers
     * @param sender sends it
     */
    SipServletResponseImpl(RawResponse raw, SipServletRequestImpl request, MessageSender sender) {
        this(raw, request, sender, null, null, -1);
    }

    private SipServletResponseImpl(RawResponse raw, SipServletRequestImpl request, MessageSender sender, Peer peer, String localAddress, int localPort) {
        super(raw, sender, peer, localAddress, localPort);
        this.raw = raw;
        this.request = request;
    }

    /**
     * A response the container received for a request the application sent.
     * @param raw its fields
     * @param request the request it answers
     * @param sender sends the ACK the application creates
     * @param peer where it came from; for a response the container made up (408 on timeout), the request's destination
     * @return the response, committed: applications read it
     */
    public static SipServletResponseImpl received(RawResponse raw, SipServletRequestImpl request, MessageSender sender, Peer peer) {
        SipServletResponseImpl response = new SipServletResponseImpl(raw, request, sender, peer, null, -1);
        response.received = true;
        response.setSession(request.session());
        response.commit();
        return response;
    }

    /**
     * A response a proxy branch received: the application of a supervised proxy may still change its headers before
     * the container forwards it upstream.
     * @param raw its fields
     * @param branch the branch it answers
     * @param request the branch's request
     * @param sender the container
     * @param peer where it came from
     * @return the response, not committed until forwarded
     */
    public static SipServletResponseImpl proxied(RawResponse raw, javax.servlet.sip.ProxyBranch branch, SipServletRequestImpl request, MessageSender sender, Peer peer) {
        SipServletResponseImpl response = new SipServletResponseImpl(raw, request, sender, peer, null, -1);
        response.received = true;
        response.branch = branch;
        response.setSession(request.session());
        return response;
    }

    /** @return whether the application created the ACK of this 2xx */
    public boolean isAcknowledged() {
        return this.acknowledged;
    }

    /** Marks an intermediate final response of a proxy branch, which goes to {@code doBranchResponse}. */
    public void setBranchResponse(boolean branchResponse) {
        this.branchResponse = branchResponse;
    }

    /** @return the response's fields */
    @Override
    public RawResponse raw() {
        return this.raw;
    }

    @Override
    public boolean isIncoming() {
        return this.received || super.isIncoming();
    }

    /** @return the request it answers */
    public SipServletRequestImpl request() {
        return this.request;
    }

    @Override
    int status() {
        return this.raw.status();
    }

    @Override
    public String getMethod() {
        String cseq = this.raw.headers().first(HeaderNames.CSEQ);
        int space = (cseq != null) ? cseq.lastIndexOf(' ') : -1;
        return (space >= 0) ? cseq.substring(space + 1).trim() : this.request.getMethod();
    }

    @Override
    public SipServletRequest getRequest() {
        return this.request;
    }

    @Override
    public int getStatus() {
        return this.raw.status();
    }

    @Override
    public void setStatus(int status) {
        this.setStatus(status, null);
    }

    @Override
    public void setStatus(int status, String reasonPhrase) {
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent");
        }
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("Status " + status + " is not a SIP status code (100-699)");
        }
        this.raw.setStatus(status, (reasonPhrase != null) ? reasonPhrase : ReasonPhrases.of(status));
    }

    @Override
    public String getReasonPhrase() {
        return this.raw.reason();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return null; // JSR 289: SIP responses are not written as streams
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return null; // JSR 289: SIP responses are not written as streams
    }

    @Override
    public Proxy getProxy() {
        return (this.branch != null) ? this.branch.getProxy() : null;
    }

    @Override
    public ProxyBranch getProxyBranch() {
        return this.branch;
    }

    @Override
    public void sendReliably() throws Rel100Exception {
        if (!this.request.getMethod().equals("INVITE")) {
            throw new Rel100Exception(Rel100Exception.NOT_INVITE);
        }
        if (this.getStatus() <= 100 || this.getStatus() >= 200) {
            throw new Rel100Exception(Rel100Exception.NOT_1XX);
        }
        if (this.isIncoming() || this.isCommitted() || this.request.finalResponse() != null) {
            throw new IllegalStateException(this.describe() + " cannot be sent reliably: it was received, sent, or its INVITE has its final response");
        }
        if (!this.request.optionTagged("Supported", "100rel") && !this.request.optionTagged("Require", "100rel")) {
            throw new Rel100Exception(Rel100Exception.NO_REQ_SUPPORT);
        }
        try {
            this.sender().sendReliably(this);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot send " + this.describe() + ": " + e.getMessage(), e);
        }
        this.commit();
    }

    /** @return the RSeq of a reliable provisional response (RFC 3262 §7.1), or -1 for any other response */
    public long rseq() {
        return rseq(this.raw);
    }

    /**
     * @param response a response
     * @return its RSeq if it is a provisional response that has a readable one (RFC 3262 §7.1), else -1
     */
    public static long rseq(RawResponse response) {
        String rseq = response.headers().first("RSeq");
        if (rseq == null || response.status() <= 100 || response.status() >= 200) {
            return -1;
        }
        try {
            return Long.parseLong(rseq.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void send() throws IOException {
        if (this.isIncoming()) {
            throw new IllegalStateException(this.describe() + " was received: it is not sent");
        }
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent");
        }
        if (this.request.finalResponse() != null) {
            throw new IllegalStateException(this.request.describe() + " already got its final response " + this.request.finalResponse().getStatus());
        }
        this.sender().send(this);
        this.commit();
        if (this.getStatus() >= 200) {
            this.request.finalResponseSent(this);
        }
    }

    @Override
    public SipServletRequest createAck() {
        if (!this.isIncoming() || !this.request.getMethod().equals("INVITE") || this.getStatus() < 200 || this.getStatus() >= 300) {
            throw new IllegalStateException("Only a received 2xx to an INVITE is acknowledged by the application, not " + this.describe()
                    + " (the container acknowledges other final responses itself)");
        }
        if (this.branch != null) {
            throw new IllegalStateException(this.describe() + " is proxied: the user agent upstream acknowledges it, not the proxy");
        }
        if (this.acknowledged) {
            throw new IllegalStateException("The ACK of " + this.describe() + " was already created");
        }
        this.acknowledged = true;
        return this.sender().createAck(this);
    }

    @Override
    public SipServletRequest createPrack() throws Rel100Exception {
        if (!this.request.getMethod().equals("INVITE")) {
            throw new Rel100Exception(Rel100Exception.NOT_INVITE);
        }
        if (this.getStatus() <= 100 || this.getStatus() >= 200) {
            throw new Rel100Exception(Rel100Exception.NOT_1XX);
        }
        if (this.rseq() < 0 || !this.optionTagged("Require", "100rel")) {
            throw new Rel100Exception(Rel100Exception.NOT_100rel);
        }
        if (!this.isIncoming() || this.branch != null) {
            throw new IllegalStateException("Only a UAC acknowledges a reliable provisional response it received, not " + this.describe());
        }
        if (this.acknowledged) {
            throw new IllegalStateException("The PRACK of " + this.describe() + " was already created");
        }
        if (this.session() == null) {
            throw new IllegalStateException(this.describe() + " has no SIP session to send its PRACK in");
        }
        this.acknowledged = true;
        SipServletRequestImpl prack = (SipServletRequestImpl) this.session().createRequest("PRACK");
        prack.raw().headers().set("RAck", this.rseq() + " " + org.wildfly.extras.sip.container.dialog.Dialogs.cseqNumberOrNone(this.raw.headers()) + " INVITE");
        return prack;
    }

    @Override
    public Iterator<String> getChallengeRealms() {
        return List.<String>of().iterator();
    }

    @Override
    public boolean isBranchResponse() {
        return this.branchResponse;
    }

    // jakarta.servlet.ServletResponse

    @Override
    public void setCharacterEncoding(String encoding) {
        try {
            super.setCharacterEncoding(encoding);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Unknown character encoding " + encoding, e);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        this.setContentLength((int) Math.min(length, Integer.MAX_VALUE));
    }

    @Override
    public void setBufferSize(int size) {
    }

    @Override
    public int getBufferSize() {
        return 0;
    }

    @Override
    public void flushBuffer() throws IOException {
    }

    @Override
    public void resetBuffer() {
    }

    @Override
    public void reset() {
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent");
        }
    }

    @Override
    public void setLocale(Locale locale) {
        this.setContentLanguage(locale);
    }

    @Override
    public Locale getLocale() {
        Locale locale = this.getContentLanguage();
        return (locale != null) ? locale : Locale.getDefault();
    }
}
