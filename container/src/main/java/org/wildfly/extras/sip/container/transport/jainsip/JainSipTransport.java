package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HandshakeCompletedListenerImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.TLSMessageChannel;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.Refusal;
import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * {@link SipTransport} on the JAIN-SIP reference implementation, with the stack's dialog layer switched off:
 * the container keeps dialog state itself, as data that can move to another node.
 * This package is the only one that sees {@code javax.sip} or {@code gov.nist}.
 */
public final class JainSipTransport implements SipTransport, SipListener {

    private static final System.Logger LOGGER = System.getLogger(JainSipTransport.class.getName());

    /**
     * The receive buffer asked for each UDP socket. The kernel keeps there the datagrams that arrive while the stack's
     * receive thread does not run (a stop-the-world garbage collection, a busy processor) and drops what does not fit.
     * The stack's own 64 KiB hold about 100 SIP datagrams (Linux): 40 ms of a B2BUA's traffic at 400 calls/s. Senders
     * retransmit every lost message except the ACK of a 2xx, so the loss showed as a B2BUA's callee left without its ACK.
     * The kernel grants at most its limit ({@code net.core.rmem_max} on Linux); the memory is taken only when used.
     */
    static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final SipStackImpl stack;
    private final Map<Transport, org.wildfly.extras.sip.container.transport.MessageCounts> counts = new EnumMap<>(Map.of(
            Transport.UDP, new org.wildfly.extras.sip.container.transport.MessageCounts(), Transport.TCP, new org.wildfly.extras.sip.container.transport.MessageCounts(),
            Transport.TLS, new org.wildfly.extras.sip.container.transport.MessageCounts()));
    // the first listening point's provider of each transport, and each provider by the sent-by of the Via it writes
    private final Map<Transport, SipProvider> providers = new EnumMap<>(Transport.class);
    private final Map<String, SipProvider> providersBySentBy = new java.util.HashMap<>();
    // whether a transport has several listening points: only then is a request's provider looked up by its Via
    private boolean severalPerTransport;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private final List<BoundedUdpMessageProcessor> udpProcessors = new ArrayList<>();
    private final List<javax.sip.ListeningPoint> bound = new ArrayList<>();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final SipMessageHandler handler;
    private final BadInputLog badInput;
    private final KeptMessages kept;
    private final RecentRefusals refusals = new RecentRefusals();

    private JainSipTransport(SipStackImpl stack, SipMessageHandler handler, BadInputLog badInput) {
        this.stack = stack;
        this.handler = handler;
        this.badInput = badInput;
        this.kept = new KeptMessages(stack.getStackName());
    }

    /**
     * Starts a stack listening on the given points, with the default {@link TransportLimits}.
     * @param name a name unique in this JVM, for the stack's threads and logs
     * @param points where to listen; ports must be concrete
     * @param handler receives the traffic
     * @return the running transport
     * @throws IOException if a point could not be bound
     */
    public static JainSipTransport start(String name, List<ListeningPoint> points, SipMessageHandler handler) throws IOException {
        return start(name, points, TransportLimits.DEFAULTS, handler, null);
    }

    /**
     * @param tlsClient the SSL context of the TLS connections the stack opens (requests to {@code sips:} targets);
     *        {@code null} for the JVM's default context
     * @return a factory of transports whose TLS connections use that context
     */
    public static SipTransport.Factory factory(javax.net.ssl.SSLContext tlsClient) {
        return (name, points, limits, handler) -> start(name, points, limits, handler, tlsClient);
    }

    /**
     * Starts a stack listening on the given points, TLS ones with their own SSL contexts, its TLS connections on the
     * JVM's default context.
     * @param name a name unique in this JVM, for the stack's threads and logs
     * @param points where to listen; ports must be concrete
     * @param limits what peers may take of this node
     * @param handler receives the traffic
     * @return the running transport
     * @throws IOException if a point could not be bound
     */
    public static JainSipTransport start(String name, List<ListeningPoint> points, TransportLimits limits, SipMessageHandler handler) throws IOException {
        return start(name, points, limits, handler, null);
    }

    /**
     * Starts a stack listening on the given points, TLS ones with their own SSL contexts.
     * @param name a name unique in this JVM, for the stack's threads and logs
     * @param points where to listen; ports must be concrete
     * @param limits what peers may take of this node
     * @param handler receives the traffic
     * @param tlsClient the SSL context of the TLS connections the stack opens; {@code null} for the JVM's default context
     * @return the running transport
     * @throws IOException if a point could not be bound
     */
    public static JainSipTransport start(String name, List<ListeningPoint> points, TransportLimits limits, SipMessageHandler handler,
            javax.net.ssl.SSLContext tlsClient) throws IOException {
        // the stack hands back the point it already has for the same address, whose provider then clashes
        // ("Provider already attached!"): refuse the list before anything is bound
        java.util.Set<ListeningPoint> distinct = new java.util.HashSet<>();
        for (ListeningPoint point : points) {
            if (!distinct.add(point)) {
                throw new IOException("Cannot listen on " + point + " twice: each listening point needs an address and port of its own");
            }
        }
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", name);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // UDP datagrams are parsed by the threads of BoundedUdpMessageProcessor, each call's by one thread in arrival
        // order (else an ACK and the BYE right behind it, or a 180 and its 200, reach the container swapped); the
        // stack's pool size only has to be other than -1 (a thread per datagram). The hand-over only queues the message
        // for the servlet workers. TCP (NIO) reads, parses and hands over on its one selector thread, in order per
        // connection: no TCP_POST_PARSING_THREAD_POOL_SIZE, whose pool orders by Call-ID only.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(limits.maxMessageSize()));
        // the guarded TCP processor closes idle connections itself (JainSipMessageProcessorFactory)
        properties.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME", "0");
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_RECEIVE_BUFFER));
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        properties.setProperty("gov.nist.javax.sip.PASS_INVITE_NON_2XX_ACK_TO_LISTENER", "false");
        // a node that took over a call in set-up cancels an INVITE another node sent: no client transaction of it here.
        // The container itself cancels only INVITEs that are still pending (RFC 3261 §9.1)
        properties.setProperty("gov.nist.javax.sip.CANCEL_CLIENT_TRANSACTION_CHECKED", "false");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipMessageLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", JainSipMessageParserFactory.class.getName());
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", JainSipMessageProcessorFactory.class.getName());
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // a completed transaction keeps its request as bytes, not parsed: a non-INVITE one lingers 64*T1 on UDP (a BYE's,
        // 32 s of every call), and parsed they were two thirds of a proxy's heap at 600 calls/s
        properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        SslContextNetworkLayer.configure(properties, points, tlsClient);
        SipStackImpl stack;
        try {
            stack = new JainSipStack(properties);
        } catch (PeerUnavailableException e) {
            throw new IOException("Cannot create SIP stack " + name, e);
        } finally {
            SslContextNetworkLayer.forget(name); // the stack's network layer took its contexts as it was created
        }
        BadInputLog badInput = BadInputLog.standard();
        stack.setMessageProcessorFactory(new JainSipMessageProcessorFactory(limits, badInput));
        JainSipTransport transport = new JainSipTransport(stack, handler, badInput);
        ListeningPoint binding = null; // the point being bound, so that a failure names its port
        try {
            for (ListeningPoint point : points) {
                binding = point;
                javax.sip.ListeningPoint bound = stack.createListeningPoint(point.host(), point.port(), point.transport().name().toLowerCase(Locale.ROOT));
                transport.bound.add(bound);
                SipProvider provider = stack.createSipProvider(bound);
                provider.addSipListener(transport);
                transport.severalPerTransport |= transport.providers.putIfAbsent(point.transport(), provider) != null;
                transport.providersBySentBy.put(sentBy(point.transport(), bound.getIPAddress(), bound.getPort()), provider);
                transport.listeningPoints.add(new ListeningPoint(point.transport(), bound.getIPAddress(), bound.getPort(), point.sslContext()));
                if (((ListeningPointImpl) bound).getMessageProcessor() instanceof BoundedUdpMessageProcessor udp) {
                    transport.udpProcessors.add(udp);
                }
            }
            binding = null;
            stack.start();
            JainSipStackLogger.refreshWhileRunning(stack.getTimer());
        } catch (InvalidArgumentException | SipException | java.util.TooManyListenersException | RuntimeException e) {
            transport.close();
            throw new IOException("Cannot listen on " + ((binding != null) ? binding : points) + ": " + e.getMessage(), e);
        }
        if (points.stream().anyMatch(point -> point.transport() == Transport.UDP)) {
            int granted = grantedUdpReceiveBuffer();
            if (granted < UDP_RECEIVE_BUFFER) {
                LOGGER.log(Level.WARNING, "UDP sockets get a receive buffer of {0} bytes, not the {1} asked for: datagrams that arrive while this node"
                        + " pauses (a long garbage collection) may be lost, the callers'' ACKs among them. Raise the system''s limit"
                        + " (Linux: sysctl -w net.core.rmem_max={1})", Integer.toString(granted), Integer.toString(UDP_RECEIVE_BUFFER));
            }
        }
        return transport;
    }

    /** @return the receive buffer the system gives a UDP socket that asks for {@link #UDP_RECEIVE_BUFFER}, as the stack's do */
    static int grantedUdpReceiveBuffer() {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReceiveBufferSize(UDP_RECEIVE_BUFFER);
            return probe.getReceiveBufferSize();
        } catch (IOException e) {
            return UDP_RECEIVE_BUFFER; // cannot tell: no warning
        }
    }

    @Override
    public org.wildfly.extras.sip.container.transport.MessageCounts counts(Transport transport) {
        return this.counts.get(transport);
    }

    @Override
    public int backlog() {
        int backlog = 0;
        for (BoundedUdpMessageProcessor processor : this.udpProcessors) {
            backlog += processor.backlog();
        }
        return backlog;
    }

    @Override
    public long droppedDatagrams() {
        long dropped = 0;
        for (BoundedUdpMessageProcessor processor : this.udpProcessors) {
            dropped += processor.dropped();
        }
        return dropped;
    }

    @Override
    public long malformedMessages() {
        return this.badInput.total();
    }

    @Override
    public long malformedMessages(Transport transport) {
        return this.badInput.total(transport);
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return List.copyOf(this.listeningPoints);
    }

    @Override
    public ClientTransaction send(RawRequest request, Object attachment) throws IOException {
        Request jainRequest = this.toJain(request);
        try {
            javax.sip.ClientTransaction transaction = this.provider(jainRequest).getNewClientTransaction(jainRequest);
            JainSipClientTransaction client = new JainSipClientTransaction(request, attachment);
            transaction.setApplicationData(client);
            transaction.sendRequest();
            this.sent(jainRequest);
            return client;
        } catch (SipException e) {
            throw new IOException("Cannot send " + request.method() + " to " + request.requestUri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void sendStateless(RawRequest request) throws IOException {
        Request jainRequest = this.toJain(request);
        try {
            this.provider(jainRequest).sendRequest(jainRequest);
            this.sent(jainRequest);
            this.kept.released(request); // no transaction keeps it (a forwarded ACK, which the container keeps 64*T1)
        } catch (SipException e) {
            throw new IOException("Cannot send " + request.method() + " to " + request.requestUri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void sendStateless(RawResponse response) throws IOException {
        Response jainResponse = this.toJain(response);
        try {
            this.provider(jainResponse).sendResponse(jainResponse);
            this.sent(jainResponse);
            this.kept.released(response);
        } catch (SipException e) {
            throw new IOException("Cannot send response " + response.status() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (SipProvider provider : this.providers.values()) {
            provider.removeSipListener(this);
        }
        this.providers.clear();
        this.providersBySentBy.clear();
        this.kept.close();
        // stop() closes the listening points too; deleting providers one by one races the stack's own threads
        try {
            this.stack.stop();
        } catch (RuntimeException e) {
            // the stack's stop races its own start-up threads when it stops at once after starting; whatever it did not
            // get to, close here, so that no socket outlives the transport (the next start in this JVM binds the same ports)
            LOGGER.log(Level.DEBUG, "Stopping the SIP stack: " + e, e);
            this.closeListeningPoints();
        }
    }

    private void closeListeningPoints() {
        for (javax.sip.ListeningPoint point : this.bound) {
            try {
                this.stack.deleteListeningPoint(point);
            } catch (javax.sip.ObjectInUseException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cannot close the SIP listening point {0}:{1}/{2}: {3}", point.getIPAddress(), Integer.toString(point.getPort()), point.getTransport(), e.toString());
            }
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        SIPRequest request = (SIPRequest) event.getRequest();
        this.counts.get(transport(request.getTopmostVia().getTransport())).received();
        RawRequest raw = JainSipMessages.toRaw(request);
        Peer peer = peer(request);
        ServerTransaction server = null;
        if (!Request.ACK.equals(request.getMethod())) {
            javax.sip.ServerTransaction transaction = event.getServerTransaction();
            if (transaction == null) {
                RecentRefusals.Sent again = this.refusals.find(request);
                if (again != null) {
                    this.refuse((SipProvider) event.getSource(), request, again.refusal(), again.toTag()); // a copy of a refused request
                    return;
                }
                Refusal refusal = this.handler.screen(raw);
                if (refusal != null) {
                    this.refusals.remember(request, refusal, this.refuse((SipProvider) event.getSource(), request, refusal, null));
                    return;
                }
                try {
                    transaction = ((SipProvider) event.getSource()).getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException e) {
                    return; // a retransmission racing its original: the transaction answers it
                } catch (TransactionUnavailableException e) {
                    // the stack found the request unfit for a transaction: a fault of the peer's, told within the bad-input budget
                    this.badInput.report(peer.transport(), peer.host() + ":" + peer.port() + "/" + peer.transport(), request.getMethod() + ": no server transaction: " + e.getMessage() + "; dropped");
                    return;
                }
            }
            if (request.getApplicationData() == JainSipMessageParserFactory.UNSUPPORTED_VERSION) {
                this.reject(transaction, request, Response.VERSION_NOT_SUPPORTED);
                return;
            }
            JainSipServerTransaction jainServer = new JainSipServerTransaction(raw, transaction, this);
            transaction.setApplicationData(jainServer);
            server = jainServer;
        } else {
            this.kept.released(raw); // an ACK has no transaction to let it go later
        }
        this.handler.requestReceived(raw, server, peer);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (event.getResponse() instanceof SIPResponse response && response.getApplicationData() == JainSipMessageParserFactory.UNSUPPORTED_VERSION) {
            return; // a response of another SIP version is dropped
        }
        javax.sip.ClientTransaction transaction = event.getClientTransaction();
        ViaHeader via = (ViaHeader) event.getResponse().getHeader(ViaHeader.NAME);
        this.counts.get((via != null) ? transport(via.getTransport()) : Transport.UDP).received();
        ClientTransaction client = (transaction != null && transaction.getApplicationData() instanceof ClientTransaction known) ? known : null;
        RawResponse raw = JainSipMessages.toRaw((SIPResponse) event.getResponse());
        // its parsed headers serve the relay, when the container handles it: a response it keeps is settled soon after
        this.kept.released(raw);
        this.handler.responseReceived(raw, client);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction().getApplicationData() instanceof ClientTransaction client) {
            this.handler.transactionTimedOut(client);
        } else if (event.isServerTransaction() && event.getServerTransaction().getApplicationData() instanceof JainSipServerTransaction server) {
            server.timedOut(); // an INVITE server transaction's Timer H: its non-2xx final response got no ACK
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOGGER.log(Level.DEBUG, "I/O failure towards {0}:{1}/{2}", event.getHost(), event.getPort(), event.getTransport());
    }

    /**
     * The stack lets a transaction go, and with it its own copy of the request: the container's, if it keeps it for the
     * call, is to keep its text only (the parsed headers are for sending on, or answering, while the transaction lives).
     */
    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        Object ours = event.isServerTransaction() ? event.getServerTransaction().getApplicationData() : event.getClientTransaction().getApplicationData();
        if (ours instanceof JainSipServerTransaction server) {
            this.kept.released(server.request());
        } else if (ours instanceof JainSipClientTransaction client) {
            this.kept.released(client.request());
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    /**
     * Answers a request statelessly: no transaction to keep, so a refusal costs the node next to nothing; a copy of it
     * gets the same answer ({@link RecentRefusals}).
     * @param toTag the To tag to give the answer if the request has none, or {@code null} for a new one
     * @return the To tag the answer carries
     */
    private String refuse(SipProvider provider, SIPRequest request, Refusal refusal, String toTag) {
        try {
            SIPResponse response = (SIPResponse) this.messages.createResponse(refusal.status(), request);
            response.setReasonPhrase(refusal.reasonPhrase());
            if (response.getTo().getTag() == null) {
                // RFC 3261 §8.2.6.2; the same for each copy of the request (§8.2.7)
                response.getTo().setTag((toTag != null) ? toTag : Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
            }
            if (refusal.retryAfterSeconds() > 0) {
                RetryAfter retryAfter = new RetryAfter();
                retryAfter.setRetryAfter(refusal.retryAfterSeconds());
                response.setHeader(retryAfter);
            }
            provider.sendResponse(response);
            this.sent(response);
            return response.getTo().getTag();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot refuse {0}: {1}", request.getFirstLine().trim(), e.getMessage());
            return toTag;
        }
    }

    private void reject(javax.sip.ServerTransaction transaction, SIPRequest request, int status) {
        try {
            Response response = this.messages.createResponse(status, request);
            javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) response.getHeader(javax.sip.header.ToHeader.NAME);
            if (to != null && to.getTag() == null) {
                to.setTag(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())); // RFC 3261 §8.2.6.2
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer {0} to {1}: {2}", status, request.getFirstLine().trim(), e.getMessage());
        }
    }

    void respond(javax.sip.ServerTransaction transaction, RawResponse response) throws IOException {
        try {
            Response jainResponse = this.toJain(response);
            transaction.sendResponse(jainResponse);
            this.sent(jainResponse);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            throw new IOException("Cannot send response " + response.status() + ": " + e.getMessage(), e);
        }
    }

    private void sent(javax.sip.message.Message message) {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        this.counts.get((via != null) ? transport(via.getTransport()) : Transport.UDP).sent();
    }

    private SipProvider provider(javax.sip.message.Message message) throws IOException {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        Transport transport = (via != null) ? transport(via.getTransport()) : Transport.UDP;
        // a request leaves from the listening point its Via names (the application's outbound interface), a response
        // from the one its request reached, as the stack matches it; else the transport's first
        SipProvider provider = (this.severalPerTransport && via != null && message instanceof Request)
                ? this.providersBySentBy.get(sentBy(transport, via.getHost(), via.getPort())) : null;
        if (provider == null) {
            provider = this.providers.get(transport);
        }
        if (provider == null) {
            throw new IOException("No " + transport + " connector to send on");
        }
        return provider;
    }

    private static String sentBy(Transport transport, String host, int port) {
        String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
        return transport + " " + bare.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private Request toJain(RawRequest request) throws IOException {
        try {
            return JainSipMessages.toJain(request);
        } catch (ParseException e) {
            throw new IOException("Malformed " + request.method() + ": " + e.getMessage(), e);
        }
    }

    private Response toJain(RawResponse response) throws IOException {
        try {
            return JainSipMessages.toJain(response);
        } catch (ParseException e) {
            throw new IOException("Malformed response " + response.status() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The peer of a request as its connection knows it: the channel's transport (a Via can claim any), and on TLS the
     * certificate chain the peer presented. UDP and TCP pay for an instanceof.
     */
    private static Peer peer(SIPRequest request) {
        Object channel = request.getMessageChannel();
        String host = request.getRemoteAddress().getHostAddress();
        if (channel instanceof TLSMessageChannel tls) {
            return new Peer(Transport.TLS, host, request.getRemotePort(), peerCertificates(tls));
        }
        String transport = (channel instanceof MessageChannel known) ? known.getTransport() : request.getTopmostVia().getTransport();
        return new Peer(transport(transport), host, request.getRemotePort());
    }

    /** @return the chain the peer of a TLS connection presented and the trust manager accepted; empty if it presented none */
    private static List<X509Certificate> peerCertificates(TLSMessageChannel channel) {
        // the stack learns of the handshake from the JDK's notification, which runs on a thread of its own: it waits for it
        HandshakeCompletedListenerImpl listener = channel.getHandshakeCompletedListener();
        HandshakeCompletedEvent handshake = (listener != null) ? listener.getHandshakeCompletedEvent() : null;
        if (handshake == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : handshake.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // the peer presented no certificate
        }
    }

    private static Transport transport(String name) {
        if ("TLS".equalsIgnoreCase(name)) {
            return Transport.TLS;
        }
        return "TCP".equalsIgnoreCase(name) ? Transport.TCP : Transport.UDP;
    }

    /** A server transaction of the stack, seen through the container's interface. */
    private static final class JainSipServerTransaction implements ServerTransaction {
        private final RawRequest request;
        private final javax.sip.ServerTransaction transaction;
        private final JainSipTransport transport;
        private volatile Runnable unacknowledged;

        JainSipServerTransaction(RawRequest request, javax.sip.ServerTransaction transaction, JainSipTransport transport) {
            this.request = request;
            this.transaction = transaction;
            this.transport = transport;
        }

        @Override
        public RawRequest request() {
            return this.request;
        }

        @Override
        public void respond(RawResponse response) throws IOException {
            this.transport.respond(this.transaction, response);
            if (response.status() >= 200 && !Request.INVITE.equals(this.request.method())) {
                // completed: for 64*T1 on UDP the stack answers copies of the request with this response, and needs nothing
                // of ours for it. The container's request, if it keeps it, is to cost its text only from now on
                this.transaction.setApplicationData(null);
                this.transport.kept.released(this.request);
            }
        }

        @Override
        public void whenUnacknowledged(Runnable missing) {
            this.unacknowledged = missing;
        }

        /** The stack's Timer H fired: the final response got no ACK. */
        void timedOut() {
            Runnable missing = this.unacknowledged;
            this.unacknowledged = null;
            if (missing != null) {
                missing.run();
            }
        }
    }

    /** A client transaction of the stack, seen through the container's interface. */
    private record JainSipClientTransaction(RawRequest request, Object attachment) implements ClientTransaction {
    }
}
