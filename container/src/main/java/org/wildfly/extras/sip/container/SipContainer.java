package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.message.MessageSender;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.session.InMemorySipSessionStore;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SessionListeners;
import org.wildfly.extras.sip.container.session.SessionServices;
import org.wildfly.extras.sip.container.session.SessionUnavailableException;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionManager;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.router.ApplicationRouterProviders;
import org.wildfly.extras.sip.container.router.DefaultApplicationRouter;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;
import org.wildfly.extras.sip.container.proxy.ProxyBranchImpl;
import org.wildfly.extras.sip.container.proxy.ProxyImpl;
import org.wildfly.extras.sip.container.ua.SuccessRetransmitter;

/**
 * The SIP Servlet container: it takes messages off the transport, finds or creates their sessions, runs the
 * application's servlets one message at a time per application session, and keeps dialogs as session data.
 * This version serves UAS applications chosen by the application router; UAC requests, proxying, B2BUA and timers come next.
 */
public final class SipContainer implements SipMessageHandler, MessageSender, AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SipContainer.class.getName());
    private static final AtomicInteger STACKS = new AtomicInteger();
    // how long a request waits in all for an application session held elsewhere, and how often it tries: with one more
    // attempt that waits for a distributed store's lock timeout, it is still answered within the client's 32 s
    private static final Duration SESSION_WAIT = Duration.ofSeconds(10);
    private static final Duration SESSION_RETRY = Duration.ofMillis(200);

    /**
     * How a container runs.
     * @param listeningPoints where it listens
     * @param advertisedHost the host for Contact headers when a load balancer fronts it; {@code null} for the listening address
     * @param advertisedPort the port that goes with it; -1 for none
     * @param threads the number of threads that run servlets
     * @param router the application router, which the container initializes when it starts and destroys when it stops;
     *        {@code null} for the one the system property {@value ApplicationRouterProviders#PROVIDER_PROPERTY} names
     *        (JSR 289 §15.4.2), or else the default application router
     * @param defaultSessionTimeoutMinutes the application-session timeout of applications that set none; 0 or less for never
     * @param outboundProxy a SIP URI every request this container sends goes through first (RFC 3261 §8.1.2), such as
     *        the load balancer in front of the cluster; {@code null} to send each request straight to its destination
     * @param availableAtStart whether it takes calls as soon as it listens; if not, it answers 503 until
     *        {@link SipContainer#open()} (a host still deploying its applications)
     */
    public record Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
            int defaultSessionTimeoutMinutes, String outboundProxy, boolean availableAtStart) {

        /** The session timeout of applications that set none, unless the host says otherwise: JSR 289 suggests three minutes. */
        public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 3;

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
                int defaultSessionTimeoutMinutes) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, router, defaultSessionTimeoutMinutes, null, true);
        }

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, router, DEFAULT_SESSION_TIMEOUT_MINUTES);
        }

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, null, DEFAULT_SESSION_TIMEOUT_MINUTES);
        }

        /**
         * @param outboundProxy as for the canonical constructor
         * @return this configuration with that outbound proxy
         */
        public Configuration withOutboundProxy(String outboundProxy) {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    outboundProxy, this.availableAtStart);
        }

        /** @return this configuration for a container that answers 503 until opened */
        public Configuration unavailableUntilOpened() {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, false);
        }
    }

    final Configuration configuration;
    private final ExecutorService workers;
    final ScheduledExecutorService scheduler;
    final SerialExecutor executor;
    private final Clock clock = Clock.systemUTC();
    final List<DeployedApplication> applications = new CopyOnWriteArrayList<>();
    final Map<String, PendingInvite> pendingInvites = new ConcurrentHashMap<>();
    private final Map<String, RawRequest> sentAcks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seenAcks = new ConcurrentHashMap<>();
    private final SipApplicationRouter router;
    private final ProxyDispatch proxies = new ProxyDispatch(this);
    SipTransport transport;
    private SuccessRetransmitter retransmitter;
    private final String outboundRoute;
    private volatile boolean available;

    private SipContainer(Configuration configuration) {
        this.configuration = configuration;
        this.outboundRoute = (configuration.outboundProxy() != null) ? outboundRoute(configuration.outboundProxy()) : null;
        this.available = configuration.availableAtStart();
        this.router = (configuration.router() != null) ? configuration.router() : routerOfSystemProperty();
        try {
            this.router.init();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The application router " + this.router.getClass().getName() + " failed to initialize: " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(configuration.threads(), task -> {
            Thread thread = new Thread(task, "sip-servlet-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sip-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.executor = new SerialExecutor(this.workers);
    }

    /**
     * The router JSR 289 §15.4.2 asks for when the host gives none: the provider the system property names, a class of the
     * thread's context class loader (or of the container's own), else the default application router.
     */
    private static SipApplicationRouter routerOfSystemProperty() {
        String provider = System.getProperty(ApplicationRouterProviders.PROVIDER_PROPERTY);
        if (provider == null || provider.isBlank()) {
            return new DefaultApplicationRouter();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return ApplicationRouterProviders.router(ApplicationRouterProviders.providerClass(provider.trim(), (loader != null) ? loader : SipContainer.class.getClassLoader(), "the class path"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The application router cannot be created: " + e.getMessage() + "; the system property " + ApplicationRouterProviders.PROVIDER_PROPERTY
                    + " names it: name a subclass of SipApplicationRouterProvider on the class path, or clear the property for the default application router", e);
        }
    }

    /**
     * Starts a container listening as configured.
     * @param configuration where and how
     * @return the running container
     * @throws IOException if it cannot listen
     * @throws IllegalArgumentException if the application router the system property names cannot be created
     * @throws IllegalStateException if the application router fails to initialize
     */
    public static SipContainer start(Configuration configuration) throws IOException {
        SipContainer container = new SipContainer(configuration);
        try {
            container.transport = JainSipTransport.start("sip-container-" + STACKS.incrementAndGet(), configuration.listeningPoints(), container);
        } catch (IOException e) {
            container.close();
            throw e;
        }
        container.retransmitter = new SuccessRetransmitter(container.transport, container.scheduler, Duration.ofMillis(500), Duration.ofSeconds(4));
        LOGGER.log(Level.INFO, "SIP container listening on {0}", container.transport.listeningPoints());
        return container;
    }

    /**
     * Takes calls from now on. Until then, a container configured {@link Configuration#unavailableUntilOpened()} answers
     * every request with 503 (a balancer's keep-alive OPTIONS too), so that a balancer sends neither new calls nor the
     * calls it fails over to a node whose applications are not deployed yet.
     */
    public void open() {
        this.available = true;
        LOGGER.log(Level.INFO, "SIP container takes calls on {0}", this.transport.listeningPoints());
    }

    /** @return the listening points as bound */
    public List<ListeningPoint> listeningPoints() {
        return this.transport.listeningPoints();
    }

    /**
     * @param applicationName a deployed application
     * @return its figures, or {@code null} if it is not deployed
     */
    public RuntimeStatistics.Application statistics(String applicationName) {
        for (DeployedApplication application : this.applications) {
            if (application.definition.name().equals(applicationName)) {
                return new RuntimeStatistics.Application(applicationName, List.copyOf(application.definition.servlets().keySet()),
                        application.manager.size(), application.manager.sipSessionCount(), application.messagesIn.sum(), application.messagesOut.sum());
            }
        }
        return null;
    }

    /** @return the figures of each listening point */
    public List<RuntimeStatistics.Connector> connectorStatistics() {
        return this.transport.listeningPoints().stream().map(point -> {
            org.wildfly.extras.sip.container.transport.MessageCounts counts = this.transport.counts(point.transport());
            return new RuntimeStatistics.Connector(point, counts.receivedCount(), counts.sentCount());
        }).toList();
    }

    /**
     * Deploys an application: initializes its servlets, then takes its traffic.
     * @param definition the application
     * @throws ServletException if a servlet's init fails
     */
    public void deploy(SipApplicationDefinition definition) throws ServletException {
        this.deploy(definition, new InMemorySipSessionStore(definition.name()));
    }

    /**
     * Deploys an application whose sessions live in a given store, e.g. a distributed one for a {@code <distributable/>} application.
     * Its servlets, messages and sessions show the definition's servlet context with the application's SIP servlets added
     * to {@code getNamedDispatcher}.
     * @param hostDefinition the application, with the servlet context the host gives it
     * @param store where its application sessions live; the deployment uses it until undeployed
     * @throws ServletException if a servlet's init fails
     */
    public void deploy(SipApplicationDefinition hostDefinition, SipSessionStore store) throws ServletException {
        // the application's code sees the host's context, with its SIP servlets added to getNamedDispatcher
        SipApplicationDefinition definition = hostDefinition.withServletContext(SipServletContextView.of(hostDefinition));
        DeployedApplication application = new DeployedApplication(definition, store);
        ServletContext context = definition.servletContext();
        if (context != null) {
            context.setAttribute(javax.servlet.sip.SipServlet.SIP_FACTORY, application.factory);
            context.setAttribute(javax.servlet.sip.SipServlet.TIMER_SERVICE, application.timers);
            context.setAttribute(javax.servlet.sip.SipServlet.SIP_SESSIONS_UTIL, new SipSessionsUtilImpl(this, definition.name()));
        }
        this.applications.add(application);
        this.router.applicationDeployed(List.of(definition.name()));
        for (Map.Entry<String, Servlet> servlet : definition.servlets().entrySet()) {
            servlet.getValue().init(config(servlet.getKey(), context, definition.initParameters().getOrDefault(servlet.getKey(), Map.of())));
            if (servlet.getValue() instanceof javax.servlet.sip.SipServlet sipServlet) {
                javax.servlet.sip.SipServletContextEvent event = new javax.servlet.sip.SipServletContextEvent(context, sipServlet);
                for (Object listener : definition.listeners()) {
                    if (listener instanceof javax.servlet.sip.SipServletListener servletListener) {
                        servletListener.servletInitialized(event);
                    }
                }
            }
        }
    }

    /**
     * Undeploys an application: stops its traffic and destroys its servlets.
     * @param name the application name
     */
    public void undeploy(String name) {
        for (DeployedApplication application : this.applications) {
            if (application.definition.name().equals(name)) {
                this.applications.remove(application);
                this.router.applicationUndeployed(List.of(name));
                application.manager.close();
                application.definition.servlets().values().forEach(Servlet::destroy);
            }
        }
    }

    // ---- runtime view for the host's management (added with the deployment processors)

    /**
     * @param name an application name
     * @return the number of its application sessions on this node, or -1 when no application of that name is deployed
     */
    public int applicationSessionCount(String name) {
        for (DeployedApplication application : this.applications) {
            if (application.definition.name().equals(name)) {
                return application.manager.size();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        for (DeployedApplication application : List.copyOf(this.applications)) {
            this.undeploy(application.definition.name());
        }
        if (this.transport != null) {
            this.transport.close();
            LOGGER.log(Level.INFO, "SIP container stopped listening on {0}", this.transport.listeningPoints());
        }
        try {
            this.router.destroy();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "The application router " + this.router.getClass().getName() + " failed to stop", e);
        }
        this.scheduler.shutdownNow();
        this.workers.shutdown();
        try {
            this.workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- inbound

    @Override
    public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
        String toTag;
        try {
            toTag = Dialogs.tag(request.headers(), HeaderNames.TO);
            Dialogs.tag(request.headers(), HeaderNames.FROM);
            Dialogs.cseqNumber(request.headers());
        } catch (SyntaxException e) {
            this.reject(request, transaction, 400, "Bad Request (" + e.getMessage() + ")");
            return;
        }
        String method = request.method();
        if (!this.available) {
            RawResponse unavailable = this.answer(request, 503, "Service Unavailable (starting)");
            unavailable.headers().set(HeaderNames.RETRY_AFTER, "5");
            this.respond(request, transaction, unavailable);
            return;
        }
        if (method.equals("INVITE") && transaction != null) {
            // at once, before the request waits for its session or its servlet: an upstream balancer or proxy that hears
            // nothing within its timer (Kamailio's fr_timer) gives up on this node (RFC 3261 §8.2.6.1, §16.2, §17.2.1)
            this.respond(request, transaction, RawResponse.answering(request, 100, null));
        }
        String poppedRoute = this.proxies.popOwnRoute(request);
        String proxiedDialog = (poppedRoute != null) ? ProxyDispatch.routeParameter(poppedRoute, ProxyDispatch.RECORD_ROUTE_APPLICATION_SESSION) : null;
        if (proxiedDialog != null && !method.equals("CANCEL")) {
            // a request of a dialog this container record-routed as a proxy: the Route names the sessions
            String sipSessionId = ProxyDispatch.routeParameter(poppedRoute, ProxyDispatch.RECORD_ROUTE_SIP_SESSION);
            this.handle(proxiedDialog, request, transaction, () -> this.proxies.proxiedDialogRequest(request, transaction, peer, proxiedDialog, sipSessionId, poppedRoute));
        } else if (toTag != null) {
            String applicationSessionId = SessionKeys.applicationSessionId(toTag);
            if (applicationSessionId == null) {
                this.reject(request, transaction, 481, null);
                return;
            }
            this.handle(applicationSessionId, request, transaction, () -> this.inDialog(request, transaction, peer, applicationSessionId, toTag));
        } else if (method.equals("ACK")) {
            LOGGER.log(Level.DEBUG, "ACK outside any dialog dropped, Call-ID {0}", request.callId());
        } else if (method.equals("CANCEL")) {
            this.cancel(request, transaction);
        } else {
            String encoded = encodedApplicationSessionId(request.requestUri());
            if (encoded != null) {
                this.handle(encoded, request, transaction, () -> this.targeted(request, transaction, peer, encoded));
                return;
            }
            String applicationSessionId = SessionKeys.newApplicationSessionId();
            this.executor.execute(applicationSessionId, () -> this.route(request, transaction, peer, applicationSessionId));
        }
    }

    /**
     * Handles a request on the queue of the application session it names. If that session is held elsewhere (a message
     * on another node, or a failed node the cluster has not dropped yet), the request is tried again shortly rather
     * than lost: the client's retransmissions would only reach its server transaction. Past {@link #SESSION_WAIT} it is
     * answered 500 with Retry-After (RFC 3261 §21.5.1).
     */
    private void handle(String key, RawRequest request, ServerTransaction transaction, Runnable handling) {
        long deadline = System.nanoTime() + SESSION_WAIT.toNanos();
        this.executor.execute(key, new Runnable() {
            @Override
            public void run() {
                try {
                    handling.run();
                } catch (SessionUnavailableException e) {
                    SipContainer.this.retryLater(key, this, deadline, request, transaction, e);
                }
            }
        });
    }

    private void retryLater(String key, Runnable attempt, long deadline, RawRequest request, ServerTransaction transaction, SessionUnavailableException cause) {
        if (System.nanoTime() - deadline < 0) {
            LOGGER.log(Level.DEBUG, "{0} of Call-ID {1} waits: {2}", request.method(), request.callId(), cause.getMessage());
            try {
                this.scheduler.schedule(() -> this.executor.execute(key, attempt), SESSION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException stopping) {
                // the container stops: answer now
            }
        }
        LOGGER.log(Level.WARNING, "{0} of Call-ID {1} given up, its application session stayed unavailable: {2}", request.method(), request.callId(), cause.getMessage());
        if (transaction != null) {
            RawResponse busy = this.answer(request, 500, "Server Internal Error (application session busy)");
            busy.headers().set(HeaderNames.RETRY_AFTER, "1");
            this.respond(request, transaction, busy);
        }
    }

    /**
     * An initial request to a URI that {@code SipApplicationSession.encodeURI} made joins that application session
     * (JSR 289 §15.11.2, the encoded URI case), on whichever node holds it now.
     */
    private void targeted(RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId) {
        for (DeployedApplication application : this.applications) {
            if (application.manager.find(applicationSessionId) != null) {
                String servlet;
                try {
                    servlet = application.definition.servletSelector().apply(new SipServletRequestImpl(raw, transaction, true, this, peer, null, -1, application.definition.servletContext()));
                } catch (RuntimeException e) {
                    LOGGER.log(Level.ERROR, "Application " + application.definition.name() + " could not select a servlet for " + raw.method() + ", Call-ID " + raw.callId(), e);
                    this.reject(raw, transaction, 500, null);
                    return;
                }
                this.initial(application, raw, transaction, peer, applicationSessionId, null, null, (servlet != null) ? servlet : servletOf(application, null));
                return;
            }
        }
        this.reject(raw, transaction, 404, "Not Found (the application session of this URI ended)");
    }

    private static String encodedApplicationSessionId(String requestUri) {
        try {
            if (SipGrammar.parseUri(requestUri) instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax uri) {
                String id = uri.parameters().get(SipApplicationSessionImpl.ENCODED_ID_PARAMETER);
                return (id != null && !id.isEmpty()) ? id : null;
            }
        } catch (SyntaxException e) {
            return null;
        }
        return null;
    }

    @Override
    public void responseReceived(RawResponse response, ClientTransaction transaction) {
        Object attachment = (transaction != null) ? transaction.attachment() : null;
        if (attachment == ProxyDispatch.CANCEL_OF_BRANCH) {
            return; // the answer to a proxy's CANCEL: the INVITE's branch gets its 487
        }
        if (attachment instanceof ProxyBranchImpl branch) {
            this.executor.execute(branch.proxy().original().session().getApplicationSession().getId(), () -> this.proxies.branchResponse(branch, response));
            return;
        }
        if (attachment == null && this.proxies.forwardStray(response)) {
            return;
        }
        PendingRequest pending = (transaction != null && transaction.attachment() instanceof PendingRequest attached) ? attached : null;
        if (pending == null) {
            if (response.status() >= 200 && response.status() < 300) {
                this.acknowledgeAgain(response); // a 2xx retransmission after its transaction ended (RFC 3261 §13.2.2.4)
            }
            return;
        }
        this.executor.execute(pending.applicationSessionId, () -> this.responded(pending, response, pending.request.peer()));
    }

    @Override
    public void transactionTimedOut(ClientTransaction transaction) {
        if (transaction.attachment() instanceof ProxyBranchImpl branch) {
            this.executor.execute(branch.proxy().original().session().getApplicationSession().getId(),
                    () -> this.proxies.branchResponse(branch, null));
            return;
        }
        if (!(transaction.attachment() instanceof PendingRequest pending)) {
            return;
        }
        // the UAC core reports a timeout as a 408 (RFC 3261 §8.1.3.1)
        RawResponse timeout = RawResponse.answering(pending.request.raw(), 408, null);
        this.executor.execute(pending.applicationSessionId, () -> this.responded(pending, timeout, null));
    }

    private void responded(PendingRequest pending, RawResponse raw, Peer peer) {
        if (pending.finalResponses.get() > 0 && raw.status() < 200) {
            return; // a provisional response overtaken by the final one (the stack delivers concurrently): stale
        }
        if (isSuccessRetransmission(pending, raw)) {
            // its sender has not had our ACK yet. The UAC core answers it (RFC 3261 §13.2.2.4), not the application:
            // handed over, it would be one more 2xx waiting for an ACK, and a B2BUA would send its callee a second ACK
            this.acknowledgeAgain(raw);
            return;
        }
        if (raw.status() >= 200) {
            pending.finalResponses.incrementAndGet();
        }
        SipApplicationSessionImpl applicationSession = pending.application.manager.find(pending.applicationSessionId);
        if (applicationSession == null) {
            LOGGER.log(Level.DEBUG, "Response {0} for Call-ID {1} arrived after its application session ended", raw.status(), raw.callId());
            return;
        }
        SipServletRequestImpl request = pending.request;
        SipSessionImpl session = request.session();
        if (raw.status() >= 200) {
            request.finalResponseReceived();
        }
        if (request.getMethod().equals("CANCEL")) {
            // the answer to a CANCEL is the container's business; the INVITE's 487 goes to the application
            if (raw.status() >= 200 && session != null) {
                session.transactionEnded();
            }
            this.finish(pending.application, applicationSession, null);
            return;
        }
        try {
            if (session != null) {
                this.updateUacDialog(session, request, raw);
            }
            SipServletResponseImpl response = SipServletResponseImpl.received(raw, request, this, peer);
            if (session != null) {
                session.access();
                if (request.getMethod().equals("INVITE") && raw.status() >= 200 && raw.status() < 300) {
                    session.userAgentMessages(false).add(response); // pending until the application acknowledges it
                }
            }
            Servlet servlet = pending.application.definition.servlets().get(servletOf(pending.application, session));
            pending.application.messagesIn.increment();
            pending.application.definition.scope().call(() -> {
                servlet.service(null, response);
                return null;
            });
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.ERROR, "Application " + pending.application.definition.name() + " failed on response " + raw.status() + " to " + request.getMethod() + ", Call-ID " + raw.callId(), e);
        } finally {
            if (raw.status() >= 200 && session != null) {
                session.transactionEnded();
            }
            this.finish(pending.application, applicationSession, null);
        }
    }

    /**
     * @return whether a response is the 2xx to an INVITE that was already taken, sent again by the same UAS (same To tag);
     *         the first one of a dialog is recorded here
     */
    private static boolean isSuccessRetransmission(PendingRequest pending, RawResponse raw) {
        if (raw.status() < 200 || raw.status() >= 300 || !pending.request.getMethod().equals("INVITE")) {
            return false;
        }
        String toTag;
        try {
            toTag = Dialogs.tag(raw.headers(), HeaderNames.TO);
        } catch (SyntaxException e) {
            return false;
        }
        if (toTag == null) {
            return false;
        }
        return !pending.successTag.compareAndSet(null, toTag) && toTag.equals(pending.successTag.get());
    }

    /** Sends the ACK of a 2xx again, if the application has acknowledged it; else its ACK is still to come. */
    private void acknowledgeAgain(RawResponse success) {
        RawRequest ack = this.sentAcks.get(ackKey(success.callId(), parseSequence(success.headers())));
        if (ack != null) {
            try {
                this.transport.sendStateless(ack);
            } catch (IOException e) {
                LOGGER.log(Level.DEBUG, "Cannot resend the ACK of Call-ID {0}: {1}", success.callId(), e.getMessage());
            }
        }
    }

    private void updateUacDialog(SipSessionImpl session, SipServletRequestImpl request, RawResponse response) throws SyntaxException {
        SipSessionData data = session.data();
        int status = response.status();
        String method = request.getMethod();
        if (method.equals("INVITE") && request.isInitial()) {
            String toTag = Dialogs.tag(response.headers(), HeaderNames.TO);
            if (status > 100 && status < 300 && toTag != null) {
                if (data.dialog() == null) {
                    data.setDialog(Dialogs.asUac(request.raw(), response));
                } else if (status >= 200) {
                    DialogState refreshed = Dialogs.asUac(request.raw(), response);
                    data.dialog().confirm(refreshed.remoteTag(), refreshed.routeSet());
                    data.dialog().setRemoteTarget(refreshed.remoteTarget());
                }
                data.setState((status < 200) ? SipSessionData.State.EARLY : SipSessionData.State.CONFIRMED);
                if (status >= 200) {
                    data.dialog().setState(DialogState.State.CONFIRMED);
                }
            } else if (status >= 300 && data.state() != SipSessionData.State.CONFIRMED) {
                data.setState(SipSessionData.State.TERMINATED);
            }
        } else if (method.equals("BYE") && status >= 200) {
            // any final response to BYE ends the dialog (RFC 3261 §15.1.1)
            data.setState(SipSessionData.State.TERMINATED);
            if (data.dialog() != null) {
                data.dialog().setState(DialogState.State.TERMINATED);
            }
        }
    }

    /** Asks the application router which application an initial request goes to (JSR 289 §15.4). */
    private void route(RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId) {
        if (raw.method().equals("OPTIONS") && isNodeAddressed(raw.requestUri())) {
            // addressed to the node, not to a user (RFC 3261 §11): a load balancer's keep-alive; no application is woken for it
            this.answerOptions(raw, transaction);
            return;
        }
        SipApplicationRouterInfo info;
        try {
            SipServletRequestImpl probe = new SipServletRequestImpl(raw, transaction, true, this, peer, null, -1, null);
            info = this.router.getNextApplication(probe, null, SipApplicationRoutingDirective.NEW, null, null);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "The application router failed on " + raw.method() + ", Call-ID " + raw.callId(), e);
            this.reject(raw, transaction, 500, null);
            return;
        }
        DeployedApplication application = null;
        if (info != null && info.getNextApplicationName() != null) {
            for (DeployedApplication candidate : this.applications) {
                if (candidate.definition.name().equals(info.getNextApplicationName())) {
                    application = candidate;
                }
            }
        }
        if (application == null) {
            if (raw.method().equals("OPTIONS")) {
                this.answerOptions(raw, transaction); // a load balancer's keep-alive probe, or a peer asking what we support
            } else {
                this.reject(raw, transaction, 404, null);
            }
            return;
        }
        if (info.getRouteModifier() != SipRouteModifier.NO_ROUTE && info.getRoutes() != null && info.getRoutes().length > 0) {
            LOGGER.log(Level.WARNING, "The application router asked to route {0} (Call-ID {1}) to external routes, which this container does not do yet", raw.method(), raw.callId());
            this.reject(raw, transaction, 500, null);
            return;
        }
        SipApplicationRoutingRegion region = info.getRoutingRegion();
        String regionName = (region != null) ? region.getType().name() : null;
        String servlet;
        String key;
        try {
            SipServletRequestImpl probe = new SipServletRequestImpl(raw, transaction, true, this, peer, null, -1, application.definition.servletContext());
            servlet = application.definition.servletSelector().apply(probe);
            key = (application.definition.applicationKey() != null) ? application.definition.applicationKey().apply(probe) : null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Application " + application.definition.name() + " could not select a servlet or key for " + raw.method() + ", Call-ID " + raw.callId(), e);
            this.reject(raw, transaction, 500, null);
            return;
        }
        if (servlet == null) {
            this.reject(raw, transaction, 404, null); // no servlet-mapping rule matched
            return;
        }
        DeployedApplication selected = application;
        if (key != null) {
            // the application session of a @SipApplicationKey: join it, under its own key
            String keyedId = SessionKeys.fromKey(application.definition.name(), key);
            this.handle(keyedId, raw, transaction, () -> this.initial(selected, raw, transaction, peer, keyedId, regionName, info.getSubscriberURI(), servlet));
        } else {
            this.initial(selected, raw, transaction, peer, applicationSessionId, regionName, info.getSubscriberURI(), servlet);
        }
    }

    private void initial(DeployedApplication application, RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId, String region, String subscriberUri, String servlet) {
        SipApplicationSessionImpl existing = application.manager.find(applicationSessionId);
        SipApplicationSessionImpl applicationSession = (existing != null) ? existing : application.manager.create(applicationSessionId);
        SipServletRequestImpl request = null;
        try {
            AddressSyntax from = SipGrammar.parseAddress(raw.headers().first(HeaderNames.FROM));
            AddressSyntax to = SipGrammar.parseAddress(raw.headers().first(HeaderNames.TO));
            SipSessionData data = new SipSessionData(SessionKeys.newSipSessionId(), this.clock.millis(), raw.callId(), to.toString(), Dialogs.withoutTag(from));
            data.setRouting(region, subscriberUri);
            data.setHandler(servlet);
            SipSessionImpl session = applicationSession.createSipSession(data);
            session.transactionStarted();
            request = this.request(application, raw, transaction, peer, true);
            request.setSession(session);
            request.setResponseTag(SessionKeys.newTag(applicationSessionId));
            session.userAgentMessages(true).add(request);
            if (raw.method().equals("INVITE")) {
                this.pendingInvites.put(branch(raw), new PendingInvite(application, applicationSessionId, request));
            }
            session.access();
            this.service(application, servlet, request);
        } catch (SyntaxException e) {
            this.reject(raw, transaction, 400, "Bad Request (" + e.getMessage() + ")");
        } finally {
            this.finish(application, applicationSession, request);
        }
    }

    /** @return the servlet that handles a session's messages: its handler, else the main servlet, else the first one */
    static String servletOf(DeployedApplication application, SipSessionImpl session) {
        String handler = (session != null) ? session.data().handler() : null;
        if (handler != null) {
            return handler;
        }
        String main = application.definition.mainServlet();
        return (main != null) ? main : application.definition.servlets().keySet().iterator().next();
    }

    private void inDialog(RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId, String toTag) {
        DeployedApplication application = null;
        SipApplicationSessionImpl applicationSession = null;
        for (DeployedApplication candidate : this.applications) {
            applicationSession = candidate.manager.find(applicationSessionId);
            if (applicationSession != null) {
                application = candidate;
                break;
            }
        }
        if (applicationSession == null) {
            this.reject(raw, transaction, 481, null);
            return;
        }
        SipServletRequestImpl request = null;
        try {
            String fromTag = Dialogs.tag(raw.headers(), HeaderNames.FROM);
            SipSessionImpl session = dialogSession(applicationSession, raw.callId(), toTag, fromTag);
            if (session == null) {
                this.reject(raw, transaction, 481, null);
                return;
            }
            DialogState dialog = session.data().dialog();
            long sequence = Dialogs.cseqNumber(raw.headers());
            if (raw.method().equals("ACK")) {
                this.retransmitter.acknowledged(new SuccessRetransmitter.Key(raw.callId(), toTag, sequence));
                if (!this.firstAck(raw.callId() + ' ' + toTag + ' ' + sequence)) {
                    return; // the caller's answer to our 2xx sent again: the application had this ACK already
                }
            } else if (!dialog.acceptRemoteSequence(sequence)) {
                this.reject(raw, transaction, 500, "Server Internal Error (CSeq out of order)");
                return;
            }
            String contact = raw.headers().first(HeaderNames.CONTACT);
            if (contact != null && (raw.method().equals("INVITE") || raw.method().equals("UPDATE"))) {
                dialog.setRemoteTarget(SipGrammar.parseAddress(contact).uri().toString()); // target refresh
            }
            if (transaction != null) {
                session.transactionStarted();
            }
            request = this.request(application, raw, transaction, peer, false);
            request.setSession(session);
            request.setResponseTag(toTag);
            if (transaction != null) {
                session.userAgentMessages(true).add(request);
            }
            session.access();
            this.service(application, servletOf(application, session), request);
        } catch (SyntaxException e) {
            this.reject(raw, transaction, 400, "Bad Request (" + e.getMessage() + ")");
        } finally {
            this.finish(application, applicationSession, request);
        }
    }

    private void cancel(RawRequest cancel, ServerTransaction transaction) {
        PendingInvite pending = this.pendingInvites.get(branch(cancel));
        if (pending == null) {
            this.reject(cancel, transaction, 481, null);
            return;
        }
        this.reject(cancel, transaction, 200, "OK");
        this.executor.execute(pending.applicationSessionId, () -> {
            SipServletRequestImpl invite = pending.invite;
            if (invite.finalResponse() != null) {
                return; // answered before the CANCEL was processed: the CANCEL has no effect (RFC 3261 §9.2)
            }
            SipApplicationSessionImpl applicationSession = pending.application.manager.find(pending.applicationSessionId);
            SipServletRequestImpl request = null;
            try {
                if (invite.getProxy(false) instanceof ProxyImpl proxy && proxy.isStarted()) {
                    proxy.cancelFromUpstream(cancel.headers().all("Reason")); // the branches' 487 goes upstream as the best response
                } else {
                    invite.createResponse(487).send();
                }
                request = this.request(pending.application, cancel, null, invite.peer(), false);
                request.setSession(invite.session());
                request.commit();
                this.service(pending.application, servletOf(pending.application, invite.session()), request);
            } catch (IOException | javax.servlet.sip.TooManyHopsException e) {
                LOGGER.log(Level.WARNING, "Cannot answer 487 to the cancelled INVITE, Call-ID {0}: {1}", cancel.callId(), e.getMessage());
            } finally {
                if (applicationSession != null) {
                    this.finish(pending.application, applicationSession, request);
                }
            }
        });
    }

    void service(DeployedApplication application, String servletName, SipServletRequestImpl request) {
        application.messagesIn.increment();
        Servlet servlet = application.definition.servlets().get(servletName);
        try {
            application.definition.scope().call(() -> {
                servlet.service(request, null);
                return null;
            });
        } catch (javax.servlet.sip.TooManyHopsException e) {
            // JSR 289 §10.2.3: the container answers a request that may not be forwarded any further
            if (request.transaction() != null && request.finalResponse() == null) {
                try {
                    request.createResponse(483).send();
                } catch (IOException | RuntimeException ignored) {
                    LOGGER.log(Level.DEBUG, "No 483 for Call-ID {0}: {1}", request.getCallId(), ignored.getMessage());
                }
            }
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.ERROR, "Servlet " + servletName + " of " + application.definition.name() + " failed on " + request.getMethod() + ", Call-ID " + request.getCallId(), e);
            if (request.transaction() != null && request.finalResponse() == null) {
                try {
                    request.createResponse(500).send();
                } catch (IOException | RuntimeException ignored) {
                    LOGGER.log(Level.DEBUG, "No 500 for Call-ID {0}: {1}", request.getCallId(), ignored.getMessage());
                }
            }
        }
    }

    void finish(DeployedApplication application, SipApplicationSessionImpl applicationSession, SipServletRequestImpl request) {
        if (request != null && request.transaction() != null && request.finalResponse() != null && request.session() != null) {
            request.session().transactionEnded();
        }
        if (application != null && applicationSession != null && applicationSession.isValid()) {
            try {
                application.manager.commit(applicationSession);
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Cannot store application session " + applicationSession.getId(), e);
            }
        }
    }

    @Override
    public javax.servlet.sip.Proxy createProxy(SipServletRequestImpl request) {
        return this.proxies.createProxy(request);
    }

    @Override
    public javax.servlet.sip.B2buaHelper b2buaHelper(SipServletRequestImpl request) {
        return new B2buaHelperImpl(this, request);
    }

    // ---- outbound

    @Override
    public void send(SipServletResponseImpl response) throws IOException {
        SipServletRequestImpl request = response.request();
        RawResponse raw = response.raw();
        int status = raw.status();
        SipSessionImpl session = request.session();
        if (status > 100 && request.responseTag() != null) {
            String to = raw.headers().first(HeaderNames.TO);
            try {
                AddressSyntax address = SipGrammar.parseAddress(to);
                if (!address.parameters().contains("tag")) {
                    address.parameters().set("tag", request.responseTag());
                    raw.headers().set(HeaderNames.TO, address.toString());
                }
            } catch (SyntaxException e) {
                throw new IOException("Malformed To in " + raw.startLine() + ": " + e.getMessage(), e);
            }
        }
        boolean invite = request.getMethod().equals("INVITE");
        if (invite && status > 100 && status < 300 && !raw.headers().contains(HeaderNames.CONTACT)) {
            raw.headers().add(HeaderNames.CONTACT, this.contact(request));
        }
        if (session != null) {
            this.updateDialog(session, request, raw);
        }
        if (request.transaction() == null) {
            throw new IllegalStateException(request.getMethod() + " has no transaction to answer through");
        }
        request.transaction().respond(raw);
        if (session != null) {
            this.application(((SipApplicationSessionImpl) session.getApplicationSession()).getApplicationName()).messagesOut.increment();
        }
        if (invite && status >= 200) {
            this.pendingInvites.remove(branch(request.raw()));
        }
        if (invite && status >= 200 && status < 300 && request.peer() != null && request.peer().transport() == Transport.UDP) {
            long sequence = parseSequence(raw.headers());
            this.retransmitter.start(new SuccessRetransmitter.Key(raw.callId(), request.responseTag(), sequence), raw,
                    key -> LOGGER.log(Level.WARNING, "No ACK for the 2xx of Call-ID {0} within 64*T1", key.callId()));
        }
    }

    @Override
    public void send(SipServletRequestImpl request) throws IOException {
        RawRequest raw = request.raw();
        this.routeOutbound(raw);
        Transport transport = transportOf(raw);
        if (!raw.method().equals("CANCEL")) { // a CANCEL carries the Via of the INVITE it cancels (RFC 3261 §9.1)
            this.addTopVia(raw);
        } else {
            this.listeningPoint(transport); // no connector of that transport: refused as for any request
        }
        if (!raw.headers().contains(HeaderNames.MAX_FORWARDS)) {
            raw.headers().set(HeaderNames.MAX_FORWARDS, "70");
        }
        String method = raw.method();
        if (method.equals("ACK")) {
            this.transport.sendStateless(raw);
            if (request.session() != null) {
                this.application(((SipApplicationSessionImpl) request.session().getApplicationSession()).getApplicationName()).messagesOut.increment();
            }
            String key = ackKey(raw.callId(), parseSequence(raw.headers()));
            this.sentAcks.put(key, raw);
            this.scheduler.schedule(() -> this.sentAcks.remove(key), 32, TimeUnit.SECONDS); // 64*T1: no 2xx retransmission comes later
            return;
        }
        if (List.of("INVITE", "SUBSCRIBE", "REFER", "NOTIFY", "UPDATE").contains(method) && !raw.headers().contains(HeaderNames.CONTACT)) {
            raw.headers().add(HeaderNames.CONTACT, this.contact(transport));
        }
        SipSessionImpl session = request.session();
        SipApplicationSessionImpl applicationSession = (session != null) ? (SipApplicationSessionImpl) session.getApplicationSession() : null;
        DeployedApplication application = (applicationSession != null) ? this.application(applicationSession.getApplicationName()) : null;
        if (application == null) {
            throw new IllegalStateException(request.getMethod() + " has no session of a deployed application");
        }
        session.transactionStarted();
        if (!method.equals("CANCEL")) {
            session.userAgentMessages(false).add(request);
        }
        this.transport.send(raw, new PendingRequest(application, applicationSession.getId(), request));
        application.messagesOut.increment();
    }

    @Override
    public SipServletRequestImpl createAck(SipServletResponseImpl response) {
        SipSessionImpl session = response.session();
        DialogState dialog = (session != null) ? session.data().dialog() : null;
        if (dialog == null) {
            throw new IllegalStateException("No dialog to acknowledge " + response.getStatus() + " in, Call-ID " + response.getCallId());
        }
        try {
            SipServletRequestImpl ack = new SipServletRequestImpl(Dialogs.request(dialog, "ACK", parseSequence(response.raw().headers())), null, false, this, null, null, -1, response.request().getServletContext());
            ack.setSession(session);
            return ack;
        } catch (SyntaxException e) {
            throw new IllegalStateException("Cannot build the ACK of Call-ID " + response.getCallId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tells the first ACK of a 2xx from the ones a UAC sends again when that 2xx came twice (a retransmission crossing
     * its ACK, RFC 3261 §13.2.2.4): the application sees an ACK once. Node-local, for 64*T1, like the 2xx
     * retransmissions themselves.
     * @param key Call-ID, tag and CSeq number of the ACK
     * @return whether this is the first ACK with that key
     */
    boolean firstAck(String key) {
        if (this.seenAcks.putIfAbsent(key, Boolean.TRUE) != null) {
            LOGGER.log(Level.DEBUG, "ACK {0} again: not delivered twice", key);
            return false;
        }
        try {
            this.scheduler.schedule(() -> this.seenAcks.remove(key), 32, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            this.seenAcks.remove(key);
        }
        return true;
    }

    /** A new initial request of an application acting as UAC ({@code SipFactory.createRequest}). */
    SipServletRequestImpl createRequest(String applicationName, javax.servlet.sip.SipApplicationSession session, String method, AddressSyntax from, AddressSyntax to) {
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException(method + " is not created by SipFactory: use createAck() or createCancel()");
        }
        if (!(session instanceof SipApplicationSessionImpl applicationSession) || !session.isValid()) {
            throw new IllegalArgumentException("The application session must be a valid one of this container");
        }
        DeployedApplication application = this.application(applicationName);
        AddressSyntax local = from.copy();
        local.parameters().set("tag", SessionKeys.newTag(applicationSession.getId()));
        AddressSyntax remote = to.copy();
        remote.parameters().remove("tag");
        String callId = Identifiers.callId();
        HeaderFields headers = new HeaderFields();
        headers.add(HeaderNames.FROM, local.toString());
        headers.add(HeaderNames.TO, remote.toString());
        headers.add(HeaderNames.CALL_ID, callId);
        headers.add(HeaderNames.CSEQ, "1 " + method);
        headers.add(HeaderNames.MAX_FORWARDS, "70");
        String requestUri = requestUri(remote);
        SipServletRequestImpl request = new SipServletRequestImpl(new RawRequest(method, requestUri, headers, null), null, true, this, null, null, -1, application.definition.servletContext());
        SipSessionData data = new SipSessionData(SessionKeys.newSipSessionId(), this.clock.millis(), callId, Dialogs.withoutTag(from), remote.toString());
        request.setSession(applicationSession.createSipSession(data));
        return request;
    }

    /**
     * Shows an HTTP session of a converged application as JSR 289 wants it, tied to a SIP application session.
     * @param applicationName the converged application
     * @param session the web container's HTTP session
     * @param serverAuthority host and port of the request that reached it, for {@code encodeURL(path, scheme)}
     * @param requestedApplicationSessionId the application session a URL encoded with it names ({@code sipappsessionid}), or {@code null}
     * @return the converged session
     */
    public ConvergedHttpSessionImpl convergedSession(String applicationName, jakarta.servlet.http.HttpSession session, String serverAuthority, String requestedApplicationSessionId) {
        return new ConvergedHttpSessionImpl(session, this, applicationName, serverAuthority, requestedApplicationSessionId);
    }

    /** An application session of an application, or {@code null} ({@code SipSessionsUtil}). */
    SipApplicationSessionImpl findApplicationSession(String applicationName, String id) {
        return this.application(applicationName).manager.find(id);
    }

    /** A new application session ({@code SipFactory.createApplicationSession[ByKey]}). */
    SipApplicationSessionImpl createApplicationSession(String applicationName, String key) {
        DeployedApplication application = this.application(applicationName);
        if (key == null) {
            return application.manager.create(SessionKeys.newApplicationSessionId());
        }
        String id = SessionKeys.fromKey(applicationName, key);
        SipApplicationSessionImpl existing = application.manager.find(id);
        return (existing != null) ? existing : application.manager.create(id);
    }

    private SipServletRequest createInDialogRequest(DeployedApplication application, SipSessionImpl session, String method) {
        DialogState dialog = session.data().dialog();
        if (dialog == null) {
            throw new IllegalStateException("SIP session " + session.getId() + " has no dialog yet: this container creates requests only within a dialog");
        }
        try {
            SipServletRequestImpl request = new SipServletRequestImpl(Dialogs.request(dialog, method, 0), null, false, this, null, null, -1, application.definition.servletContext());
            request.setSession(session);
            return request;
        } catch (SyntaxException e) {
            throw new IllegalStateException("Cannot build " + method + " in the dialog of SIP session " + session.getId() + ": " + e.getMessage(), e);
        }
    }

    DeployedApplication application(String name) {
        for (DeployedApplication application : this.applications) {
            if (application.definition.name().equals(name)) {
                return application;
            }
        }
        throw new IllegalStateException("Application " + name + " is not deployed");
    }

    ListeningPoint listeningPoint(Transport transport) throws IOException {
        for (ListeningPoint point : this.transport.listeningPoints()) {
            if (point.transport() == transport) {
                return point;
            }
        }
        throw new IOException("No " + transport + " connector to send on");
    }

    static Transport transportOf(RawRequest request) {
        String target = request.headers().contains(HeaderNames.ROUTE) ? request.headers().first(HeaderNames.ROUTE) : request.requestUri();
        return target.toLowerCase(java.util.Locale.ROOT).contains("transport=tcp") ? Transport.TCP : Transport.UDP;
    }

    private static String requestUri(AddressSyntax to) {
        org.wildfly.extras.sip.container.syntax.UriSyntax uri = to.uri().copy();
        if (uri instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax sip) {
            sip.parameters().remove("method"); // not allowed in a request-URI (RFC 3261 §19.1.1)
            sip.headers().clear();
        }
        return uri.toString();
    }

    private static String ackKey(String callId, long sequence) {
        return callId + ' ' + sequence;
    }

    private void updateDialog(SipSessionImpl session, SipServletRequestImpl request, RawResponse response) throws IOException {
        SipSessionData data = session.data();
        int status = response.status();
        String method = request.getMethod();
        try {
            if (request.isInitial() && method.equals("INVITE")) {
                if (status > 100 && status < 300 && data.dialog() == null) {
                    data.setDialog(Dialogs.asUas(request.raw(), response));
                }
                if (status > 100 && status < 200) {
                    data.setState(SipSessionData.State.EARLY);
                } else if (status >= 200 && status < 300) {
                    data.setState(SipSessionData.State.CONFIRMED);
                    data.dialog().setState(DialogState.State.CONFIRMED);
                } else if (status >= 300) {
                    data.setState(SipSessionData.State.TERMINATED);
                }
            } else if (method.equals("BYE") && status >= 200 && status < 300) {
                data.setState(SipSessionData.State.TERMINATED);
                if (data.dialog() != null) {
                    data.dialog().setState(DialogState.State.TERMINATED);
                }
            }
        } catch (SyntaxException e) {
            throw new IOException("Cannot set up the dialog of " + request.getCallId() + ": " + e.getMessage(), e);
        }
    }

    private String contact(SipServletRequestImpl request) {
        return this.contact((request.peer() != null) ? request.peer().transport() : Transport.UDP);
    }

    /** Puts this node's Via, with a new branch, on top of a request that leaves it (over the transport its destination asks for). */
    void addTopVia(RawRequest request) throws IOException {
        Transport transport = transportOf(request);
        ListeningPoint local = this.listeningPoint(transport);
        request.headers().addFirst(HeaderNames.VIA, "SIP/2.0/" + transport + ' ' + local.host() + ':' + local.port() + ";branch=" + Identifiers.branch() + ";rport");
    }

    /**
     * Sends a request that leaves this node through the outbound proxy, if there is one, as a pre-loaded Route (RFC 3261
     * §8.1.2): behind a load balancer, the peers then see every request of a call come from the balancer, and send their
     * answers and their own requests there, whichever node the call is on now. A CANCEL copies the Routes of its INVITE.
     */
    void routeOutbound(RawRequest request) {
        if (this.outboundRoute != null && !request.method().equals("CANCEL")) {
            request.headers().addFirst(HeaderNames.ROUTE, this.outboundRoute);
        }
    }

    private static String outboundRoute(String proxy) {
        try {
            org.wildfly.extras.sip.container.syntax.SipUriSyntax uri = SipGrammar.parseSipUri(proxy.regionMatches(true, 0, "sip:", 0, 4) || proxy.regionMatches(true, 0, "sips:", 0, 5) ? proxy : "sip:" + proxy);
            uri.parameters().set("lr", "");
            return "<" + uri + ">";
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("The outbound proxy " + proxy + " is not a SIP URI such as sip:10.0.0.10:5060: " + e.getMessage(), e);
        }
    }

    /** Our Contact for a request, with the user part a B2BUA asked for (JSR 289 §12.2.1). */
    String contactWithUser(RawRequest request, String user) {
        String contact = this.contact(transportOf(request));
        return "<sip:" + user + "@" + contact.substring("<sip:".length());
    }

    private String contact(Transport transport) {
        ListeningPoint local = null;
        for (ListeningPoint point : this.transport.listeningPoints()) {
            if (local == null || point.transport() == transport) {
                local = point;
                if (point.transport() == transport) {
                    break;
                }
            }
        }
        String host = (this.configuration.advertisedHost() != null) ? this.configuration.advertisedHost() : local.host();
        int port = (this.configuration.advertisedHost() != null) ? this.configuration.advertisedPort() : local.port();
        return "<sip:" + host + ((port > 0) ? ":" + port : "") + ((local.transport() == Transport.TCP) ? ";transport=tcp" : "") + ">";
    }

    SipServletRequestImpl request(DeployedApplication application, RawRequest raw, ServerTransaction transaction, Peer peer, boolean initial) {
        ListeningPoint local = this.transport.listeningPoints().stream().filter(point -> point.transport() == peer.transport()).findFirst().orElse(null);
        return new SipServletRequestImpl(raw, transaction, initial, this, peer, (local != null) ? local.host() : null, (local != null) ? local.port() : -1, application.definition.servletContext());
    }

    /** @return whether a request-URI names a host and no user: the node itself, or the cluster's address */
    private static boolean isNodeAddressed(String requestUri) {
        try {
            return SipGrammar.parseUri(requestUri) instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax uri && (uri.user() == null || uri.user().isEmpty());
        } catch (SyntaxException e) {
            return false;
        }
    }

    /** The node's own answer to an OPTIONS that no application takes (RFC 3261 §11.2): what it supports. */
    private void answerOptions(RawRequest request, ServerTransaction transaction) {
        RawResponse response = withToTag(RawResponse.answering(request, 200, null));
        response.headers().add("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, SUBSCRIBE, NOTIFY, REFER, PRACK");
        try {
            transaction.respond(response);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer OPTIONS, Call-ID {0}: {1}", request.callId(), e.getMessage());
        }
    }

    /** Gives a response of the container's own a To tag, if the request had none (RFC 3261 §8.2.6.2). */
    static RawResponse withToTag(RawResponse response) {
        String to = response.headers().first(HeaderNames.TO);
        if (to != null && !to.contains("tag=")) {
            response.headers().set(HeaderNames.TO, to + ";tag=" + SessionKeys.newTag("x"));
        }
        return response;
    }

    void reject(RawRequest request, ServerTransaction transaction, int status, String reason) {
        if (transaction != null) {
            this.respond(request, transaction, this.answer(request, status, reason));
        }
    }

    private RawResponse answer(RawRequest request, int status, String reason) {
        RawResponse response = RawResponse.answering(request, status, reason);
        if (status > 100) {
            withToTag(response);
        }
        return response;
    }

    private void respond(RawRequest request, ServerTransaction transaction, RawResponse response) {
        if (transaction == null) {
            return; // an ACK: nothing to answer
        }
        try {
            transaction.respond(response);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer {0} to {1}, Call-ID {2}: {3}", response.status(), request.method(), request.callId(), e.getMessage());
        }
    }

    private static SipSessionImpl dialogSession(SipApplicationSessionImpl applicationSession, String callId, String localTag, String remoteTag) {
        for (java.util.Iterator<?> sessions = applicationSession.getSessions("SIP"); sessions.hasNext();) {
            SipSessionImpl session = (SipSessionImpl) sessions.next();
            DialogState dialog = session.data().dialog();
            if (dialog != null && dialog.callId().equals(callId) && dialog.localTag().equals(localTag) && java.util.Objects.equals(dialog.remoteTag(), remoteTag)) {
                return session;
            }
        }
        return null;
    }

    static String branch(RawRequest request) {
        String via = request.headers().first(HeaderNames.VIA);
        Parameters parameters = new Parameters();
        try {
            String sentBy = SipGrammar.parseParameterable(via, parameters);
            return parameters.get("branch") + ' ' + sentBy;
        } catch (SyntaxException | NullPointerException e) {
            return "";
        }
    }

    static long parseSequence(HeaderFields headers) {
        try {
            return Dialogs.cseqNumber(headers);
        } catch (SyntaxException e) {
            return -1;
        }
    }

    private static ServletConfig config(String name, ServletContext context, Map<String, String> initParameters) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String parameter) {
                return initParameters.get(parameter);
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return java.util.Collections.enumeration(initParameters.keySet());
            }
        };
    }

    /** A request the application sent, waiting for its final response; for an INVITE, the To tag of the 2xx it took. */
    private record PendingRequest(DeployedApplication application, String applicationSessionId, SipServletRequestImpl request, AtomicInteger finalResponses,
            AtomicReference<String> successTag) {
        PendingRequest(DeployedApplication application, String applicationSessionId, SipServletRequestImpl request) {
            this(application, applicationSessionId, request, new AtomicInteger(), new AtomicReference<>());
        }
    }

    /** An INVITE waiting for its final response, which a CANCEL may still end. */
    record PendingInvite(DeployedApplication application, String applicationSessionId, SipServletRequestImpl invite) {
    }

    /** A deployed application and its sessions. */
    final class DeployedApplication implements SessionServices {
        final SipApplicationDefinition definition;
        private final SessionListeners listeners = new SessionListeners();
        final SipSessionManager manager;
        private final SipFactoryImpl factory;
        private final TimerServiceImpl timers;
        final java.util.concurrent.atomic.LongAdder messagesIn = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder messagesOut = new java.util.concurrent.atomic.LongAdder();

        DeployedApplication(SipApplicationDefinition definition, SipSessionStore store) {
            this.factory = new SipFactoryImpl(SipContainer.this, definition.name());
            this.timers = new TimerServiceImpl(SipContainer.this.scheduler, SipContainer.this.executor, SipContainer.this.clock, this::fireTimer);
            this.listeners.add(new javax.servlet.sip.SipApplicationSessionListener() {
                @Override
                public void sessionCreated(javax.servlet.sip.SipApplicationSessionEvent event) {
                }

                @Override
                public void sessionDestroyed(javax.servlet.sip.SipApplicationSessionEvent event) {
                    DeployedApplication.this.timers.disarm(event.getApplicationSession().getId());
                }

                @Override
                public void sessionExpired(javax.servlet.sip.SipApplicationSessionEvent event) {
                }

                @Override
                public void sessionReadyToInvalidate(javax.servlet.sip.SipApplicationSessionEvent event) {
                }
            });
            this.definition = definition;
            definition.listeners().forEach(this.listeners::add);
            Integer timeout = definition.sessionTimeoutMinutes();
            this.manager = new SipSessionManager(definition.name(), store, this, SipContainer.this.scheduler,
                    SipContainer.this.executor, SipContainer.this.clock, (timeout != null) ? timeout : SipContainer.this.configuration.defaultSessionTimeoutMinutes());
        }

        @Override
        public ServletContext servletContext() {
            return this.definition.servletContext();
        }

        @Override
        public SessionListeners listeners() {
            return this.listeners;
        }

        @Override
        public Address readOnlyAddress(String address) {
            try {
                return Addresses.of(SipGrammar.parseAddress(address), Mode.READ_ONLY);
            } catch (SyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public SipServletRequest createRequest(SipSessionImpl session, String method) {
            return SipContainer.this.createInDialogRequest(this, session, method);
        }

        @Override
        public void checkHandler(String name) throws ServletException {
            if (!this.definition.servlets().containsKey(name)) {
                throw new ServletException("Application " + this.definition.name() + " has no SIP servlet named " + name + "; it has " + this.definition.servlets().keySet());
            }
        }

        @Override
        public Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
            return this.timers.timers(session);
        }

        /** A timer of an application session fired: its TimerListeners run under the session's key. */
        private void fireTimer(String applicationSessionId, String timerId) {
            SipApplicationSessionImpl session = this.manager.find(applicationSessionId);
            if (session == null) {
                return;
            }
            try {
                this.fireTimer(session, timerId);
            } finally {
                SipContainer.this.finish(this, session, null);
            }
        }

        @Override
        public void fireTimer(SipApplicationSessionImpl session, String timerId) {
            this.inScope(() -> this.timers.fire(session, timerId, timer -> {
                for (Object listener : this.definition.listeners()) {
                    if (listener instanceof javax.servlet.sip.TimerListener timerListener) {
                        timerListener.timeout(timer);
                    }
                }
            }));
        }

        @Override
        public Object httpSession(String id) {
            jakarta.servlet.http.HttpSession session = this.definition.httpSessions().apply(id);
            return (session != null) ? new ConvergedHttpSessionImpl(session, SipContainer.this, this.definition.name(), null, null) : null;
        }

        @Override
        public void inScope(Runnable code) {
            try {
                this.definition.scope().call(() -> {
                    code.run();
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
