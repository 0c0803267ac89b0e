package org.wildfly.extras.sip.test;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.wildfly.extras.sip.container.transport.jainsip.JainSipMessageLogger;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipStackLogger;

/**
 * The reference of RealServerBenchmark's B2BUA: the same call bridging written on the JAIN-SIP API alone (the stack the
 * container runs on, with the container's stack settings and loggers: one parsing thread, a re-entrant listener, 4 MiB UDP receive
 * buffer, no automatic dialogs), with no container, no session store and no servlet. Each INVITE becomes a second call
 * to its request-URI; 180 and 200 are relayed back, the caller's ACK and BYE go on to the callee. Run in a JVM of its
 * own: {@code java -cp ... RawJainSipB2bua PORT}.
 */
public final class RawJainSipB2bua implements SipListener {

    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final ListeningPoint point;
    private final AtomicLong calls = new AtomicLong();

    private RawJainSipB2bua(SipProvider provider, SipFactory factory, ListeningPoint point) throws Exception {
        this.provider = provider;
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.point = point;
    }

    public static void main(String[] arguments) throws Exception {
        int port = Integer.parseInt(arguments[0]);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "raw-b2bua");
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65535");
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 * 1024 * 1024));
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipMessageLogger.class.getName());
        SipStack stack = factory.createSipStack(properties);
        ListeningPoint point = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        SipProvider provider = stack.createSipProvider(point);
        provider.addSipListener(new RawJainSipB2bua(provider, factory, point));
        System.out.println("raw JAIN-SIP B2BUA listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    /**
     * The two legs of a call: each dialog's application data names the other; the callee's leg also holds the caller's
     * INVITE and the To tag of our answers to it.
     */
    private record Leg(Dialog other, ServerTransaction callerInvite, String callerTag) {
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> this.bridge(event);
                case Request.ACK -> this.acknowledge(event);
                case Request.BYE -> this.hangUp(event);
                default -> {
                    ServerTransaction transaction = this.provider.getNewServerTransaction(request);
                    transaction.sendResponse(this.messages.createResponse(Response.OK, request));
                }
            }
        } catch (Exception e) {
            System.err.println("Cannot handle " + request.getMethod() + ": " + e);
        }
    }

    private void bridge(RequestEvent event) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction incoming = (event.getServerTransaction() != null) ? event.getServerTransaction() : this.provider.getNewServerTransaction(invite);
        Dialog callerDialog = this.provider.getNewDialog(incoming);
        long call = this.calls.incrementAndGet();
        CallIdHeader callId = this.provider.getNewCallId();
        FromHeader from = this.headers.createFromHeader(this.addresses.createAddress("sip:b2bua@127.0.0.1:" + this.point.getPort()), "b2b" + call);
        ToHeader to = this.headers.createToHeader(this.addresses.createAddress(invite.getRequestURI()), null);
        CSeqHeader cseq = this.headers.createCSeqHeader(1L, Request.INVITE);
        ViaHeader via = this.headers.createViaHeader("127.0.0.1", this.point.getPort(), ListeningPoint.UDP, null);
        MaxForwardsHeader maxForwards = this.headers.createMaxForwardsHeader(70);
        Request outgoing = this.messages.createRequest(invite.getRequestURI(), Request.INVITE, callId, cseq, from, to, List.of(via), maxForwards);
        outgoing.addHeader(this.contact());
        if (invite.getRawContent() != null) {
            outgoing.setContent(invite.getRawContent(), (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME));
        }
        ClientTransaction transaction = this.provider.getNewClientTransaction(outgoing);
        Dialog calleeDialog = this.provider.getNewDialog(transaction);
        callerDialog.setApplicationData(new Leg(calleeDialog, null, null));
        calleeDialog.setApplicationData(new Leg(callerDialog, incoming, "raw" + call));
        transaction.sendRequest();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!cseq.getMethod().equals(Request.INVITE) || response.getStatusCode() == Response.TRYING || event.getDialog() == null) {
            return; // the callee's 200 to our BYE ends nothing here
        }
        try {
            Leg leg = (Leg) event.getDialog().getApplicationData();
            if (leg == null || leg.callerInvite() == null) {
                return;
            }
            ServerTransaction incoming = leg.callerInvite();
            Response relayed = this.messages.createResponse(response.getStatusCode(), incoming.getRequest());
            ((ToHeader) relayed.getHeader(ToHeader.NAME)).setTag(leg.callerTag());
            if (response.getStatusCode() < 300) {
                relayed.addHeader(this.contact());
            }
            if (response.getRawContent() != null) {
                relayed.setContent(response.getRawContent(), (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME));
            }
            if (incoming.getState() != null && incoming.getState().getValue() < javax.sip.TransactionState._COMPLETED) {
                incoming.sendResponse(relayed);
            }
        } catch (Exception e) {
            System.err.println("Cannot relay " + response.getStatusCode() + ": " + e);
        }
    }

    private void acknowledge(RequestEvent event) throws Exception {
        Dialog dialog = event.getDialog();
        if (dialog == null || !(dialog.getApplicationData() instanceof Leg leg)) {
            return;
        }
        Dialog callee = leg.other();
        callee.sendAck(callee.createAck(1L));
    }

    private void hangUp(RequestEvent event) throws Exception {
        Request bye = event.getRequest();
        ServerTransaction transaction = (event.getServerTransaction() != null) ? event.getServerTransaction() : this.provider.getNewServerTransaction(bye);
        transaction.sendResponse(this.messages.createResponse(Response.OK, bye));
        Dialog dialog = transaction.getDialog();
        if (dialog != null && dialog.getApplicationData() instanceof Leg leg) {
            Request onward = leg.other().createRequest(Request.BYE);
            leg.other().sendRequest(this.provider.getNewClientTransaction(onward));
        }
    }

    private ContactHeader contact() throws Exception {
        Address address = this.addresses.createAddress("sip:b2bua@127.0.0.1:" + this.point.getPort());
        return this.headers.createContactHeader(address);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // a lost callee: the caller's INVITE times out at the caller
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        System.err.println("I/O error towards " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // nothing kept per dialog beyond the dialogs themselves
    }
}
