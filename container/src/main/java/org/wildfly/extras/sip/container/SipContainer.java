package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.net.InetAddress;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletException;

import javax.servlet.sip.ar.SipApplicationRouter;

import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.router.ApplicationRouterProviders;
import org.wildfly.extras.sip.container.router.DefaultApplicationRouter;
import org.wildfly.extras.sip.container.security.DigestAuthenticator;
import org.wildfly.extras.sip.container.session.InMemorySipSessionStore;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.MessageCounts;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.TransportLimits;
import org.wildfly.extras.sip.container.ua.RecentAcks;
import org.wildfly.extras.sip.container.ua.ReliableProvisionals;
import org.wildfly.extras.sip.container.ua.SuccessRetransmitter;

/**
 * The SIP Servlet container, as its host sees it: it starts listening, deploys and undeploys applications, opens to
 * calls and closes. Inside, {@link InboundDispatcher} takes the messages off the transport, {@link UserAgentCore} sends
 * the applications' messages, and {@link DeploymentManager} keeps the deployed applications.
 */
public final class SipContainer implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SipContainer.class.getName());
    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * How a container runs.
     * @param listeningPoints where it listens
     * @param advertisedHost the host for Contact headers when a load balancer fronts it; {@code null} for the listening address
     * @param advertisedPort the port that goes with it; -1 for none
     * @param threads the number of threads that run servlets, for a container started on its own ({@link SipContainer#start(Configuration)});
     *        a host that lends its threads ({@link HostResources}) sizes them itself
     * @param router the application router, which the container initializes when it starts and destroys when it stops;
     *        {@code null} for the one the system property {@value ApplicationRouterProviders#PROVIDER_PROPERTY} names
     *        (JSR 289 §15.4.2), or else the default application router
     * @param defaultSessionTimeoutMinutes the application-session timeout of applications that set none; 0 or less for never
     * @param outboundProxy a SIP URI every request this container sends goes through first (RFC 3261 §8.1.2), such as
     *        the load balancer in front of the cluster; {@code null} to send each request straight to its destination
     * @param availableAtStart whether it takes calls as soon as it listens; if not, it answers 503 until
     *        {@link SipContainer#open()} (a host still deploying its applications)
     * @param timerT1 RFC 3261's T1 for the container's own user agent core: its 2xx to INVITE is sent again after T1,
     *        2*T1, ... (at most T2, 4 s, apart), and a dialog whose 2xx got no ACK within 64*T1 is ended with a BYE
     * @param overload where it stops taking new calls ({@link OverloadLimits#DEFAULT} unless the host says otherwise)
     * @param transportLimits what peers may take of this node: TCP connections, message sizes, timeouts ({@link TransportLimits#DEFAULTS}
     *        unless the host says otherwise)
     * @param trustedHosts the hosts whose P-Asserted-Identity is believed (RFC 3325's trust domain); empty: none
     */
    public record Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
            int defaultSessionTimeoutMinutes, String outboundProxy, boolean availableAtStart, Duration timerT1, OverloadLimits overload,
            TransportLimits transportLimits, Set<InetAddress> trustedHosts) {

        /** The session timeout of applications that set none, unless the host says otherwise: JSR 289 suggests three minutes. */
        public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 3;
        /** RFC 3261's T1: an estimate of the round-trip time, 500 ms (§17.1.1.1). */
        public static final Duration DEFAULT_TIMER_T1 = Duration.ofMillis(500);

        public Configuration {
            if (timerT1 == null || timerT1.isNegative() || timerT1.isZero()) {
                throw new IllegalArgumentException("T1 must be a positive duration, not " + timerT1);
            }
            Objects.requireNonNull(overload, "overload");
            Objects.requireNonNull(transportLimits, "transportLimits");
            trustedHosts = Set.copyOf(trustedHosts);
        }

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
                int defaultSessionTimeoutMinutes, String outboundProxy, boolean availableAtStart, Duration timerT1, OverloadLimits overload,
                TransportLimits transportLimits) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, router, defaultSessionTimeoutMinutes, outboundProxy, availableAtStart, timerT1, overload,
                    transportLimits, Set.of());
        }

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
                int defaultSessionTimeoutMinutes, String outboundProxy, boolean availableAtStart, Duration timerT1, OverloadLimits overload) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, router, defaultSessionTimeoutMinutes, outboundProxy, availableAtStart, timerT1, overload,
                    TransportLimits.DEFAULTS);
        }

        public Configuration(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, int threads, SipApplicationRouter router,
                int defaultSessionTimeoutMinutes, String outboundProxy, boolean availableAtStart) {
            this(listeningPoints, advertisedHost, advertisedPort, threads, router, defaultSessionTimeoutMinutes, outboundProxy, availableAtStart, DEFAULT_TIMER_T1,
                    OverloadLimits.DEFAULT);
        }

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
                    outboundProxy, this.availableAtStart, this.timerT1, this.overload, this.transportLimits, this.trustedHosts);
        }

        /** @return this configuration for a container that answers 503 until opened */
        public Configuration unavailableUntilOpened() {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, false, this.timerT1, this.overload, this.transportLimits, this.trustedHosts);
        }

        /**
         * @param overload where the container stops taking new calls
         * @return this configuration with those limits
         */
        public Configuration withOverloadLimits(OverloadLimits overload) {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, this.availableAtStart, this.timerT1, overload, this.transportLimits, this.trustedHosts);
        }

        /**
         * @param timerT1 as for the canonical constructor; shorter than 500 ms only on a network known to be that fast, or in tests
         * @return this configuration with that T1
         */
        public Configuration withTimerT1(Duration timerT1) {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, this.availableAtStart, timerT1, this.overload, this.transportLimits, this.trustedHosts);
        }

        /**
         * @param trustedHosts the addresses whose P-Asserted-Identity the container believes (RFC 3325's trust domain)
         * @return this configuration with those trusted hosts
         */
        public Configuration withTrustedHosts(Set<InetAddress> trustedHosts) {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, this.availableAtStart, this.timerT1, this.overload, this.transportLimits, trustedHosts);
        }

        /**
         * @param limits as for the canonical constructor
         * @return this configuration with those transport limits
         */
        public Configuration withTransportLimits(TransportLimits limits) {
            return new Configuration(this.listeningPoints, this.advertisedHost, this.advertisedPort, this.threads, this.router, this.defaultSessionTimeoutMinutes,
                    this.outboundProxy, this.availableAtStart, this.timerT1, this.overload, limits, this.trustedHosts);
        }
    }

    private final Configuration configuration;
    private final SipApplicationRouter router;
    private final HostResources resources;
    private final boolean ownsResources;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor executor;
    private final Clock clock = Clock.systemUTC();
    private final DeploymentManager deployments;
    private final Suspension suspension;
    private volatile boolean opened;
    private SipTransport transport;
    private UserAgentCore core;
    private InboundDispatcher inbound;
    private OverloadControl overload;

    private SipContainer(Configuration configuration, HostResources resources, boolean ownsResources) {
        this.configuration = configuration;
        this.resources = resources;
        this.ownsResources = ownsResources;
        if (configuration.outboundProxy() != null) {
            NodeAddresses.checkOutboundProxy(configuration.outboundProxy());
        }
        this.router = (configuration.router() != null) ? configuration.router() : routerOfSystemProperty();
        try {
            this.router.init();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The application router " + this.router.getClass().getName() + " failed to initialize: " + e.getMessage(), e);
        }
        this.scheduler = resources.scheduler();
        this.executor = new SerialExecutor(resources.workers());
        this.deployments = new DeploymentManager(this.router);
        this.suspension = new Suspension(this.deployments::callsInProgress, this.executor::queuedTasks, this.scheduler, () -> this.opened);
        this.opened = configuration.availableAtStart();
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
     * Starts a container on its own, listening as configured, with the JAIN-SIP transport and {@link Configuration#threads()}
     * threads of its own, which it stops when it closes (tests, embedding).
     * @param configuration where and how
     * @return the running container
     * @throws IOException if it cannot listen
     * @throws IllegalArgumentException if the application router the system property names cannot be created, or the
     *         outbound proxy is not a SIP URI
     * @throws IllegalStateException if the application router fails to initialize
     */
    public static SipContainer start(Configuration configuration) throws IOException {
        HostResources resources = HostResources.standalone("sip", configuration.threads());
        try {
            return start(configuration, resources, true);
        } catch (IOException | RuntimeException e) {
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Starts a container in a host that lends it its transport and threads ({@link Configuration#threads()} is then the
     * host's business), and stops them after {@link #close()}.
     * @param configuration where and how
     * @param resources the host's transport factory and threads
     * @return the running container
     * @throws IOException if it cannot listen
     * @throws IllegalArgumentException if the application router the system property names cannot be created, or the
     *         outbound proxy is not a SIP URI
     * @throws IllegalStateException if the application router fails to initialize
     */
    public static SipContainer start(Configuration configuration, HostResources resources) throws IOException {
        return start(configuration, resources, false);
    }

    private static SipContainer start(Configuration configuration, HostResources resources, boolean ownsResources) throws IOException {
        SipContainer container = new SipContainer(configuration, resources, ownsResources);
        DeferredHandler handler = new DeferredHandler();
        try {
            container.transport = resources.transports().start("sip-container-" + STACKS.incrementAndGet(), configuration.listeningPoints(), configuration.transportLimits(), handler);
            handler.set(container.suspension.screening(container.assemble()));
        } catch (IOException | RuntimeException e) {
            container.close(); // the transport's sockets with it: a failed start keeps no port
            throw e;
        }
        LOGGER.log(Level.INFO, "SIP container listening on {0}", container.transport.listeningPoints());
        return container;
    }

    /** Builds the inbound and outbound paths around the listening transport. */
    private InboundDispatcher assemble() {
        NodeAddresses addresses = new NodeAddresses(this.transport.listeningPoints(), this.configuration.advertisedHost(), this.configuration.advertisedPort(),
                this.configuration.outboundProxy());
        PendingInvites pendingInvites = new PendingInvites();
        RecentAcks acks = new RecentAcks(this.scheduler);
        SuccessRetransmitter retransmitter = new SuccessRetransmitter(this.transport, this.scheduler, this.configuration.timerT1(), Duration.ofSeconds(4));
        ReliableProvisionals reliable = new ReliableProvisionals(this.scheduler, this.configuration.timerT1());
        ApplicationComposition composition = new ApplicationComposition(this.router, addresses, this.clock);
        ProxyDispatch proxies = new ProxyDispatch(this.transport, addresses, this.deployments, pendingInvites, acks, this.scheduler, this.executor, composition);
        // the inbound path, built next and before any message, ends the dialogs whose 2xx got no ACK
        this.core = new UserAgentCore(this.transport, addresses, this.deployments, pendingInvites, acks, retransmitter, reliable, proxies, composition, this.clock,
                response -> this.inbound.unacknowledged(response), response -> this.inbound.unpracked(response));
        RequestAuthentication authentication = new RequestAuthentication(new DigestAuthenticator(this.clock), this.configuration.trustedHosts());
        RequestRelay relay = new RequestRelay(this.transport, addresses);
        InitialRequests initial = new InitialRequests(this.router, composition, relay, this.deployments, this.core, pendingInvites, this.clock, authentication);
        this.overload = new OverloadControl(this.configuration.overload(), this.executor, this.transport);
        this.inbound = new InboundDispatcher(this.deployments, this.core, initial, proxies, pendingInvites, acks, retransmitter, reliable, relay, this.executor, this.scheduler,
                this.overload, authentication, this.configuration.availableAtStart());
        this.inbound.suspendedWhen(this.suspension::suspended);
        proxies.suspendedWhen(this.suspension::suspended);
        return this.inbound;
    }

    /**
     * Takes calls from now on. Until then, a container configured {@link Configuration#unavailableUntilOpened()} answers
     * every request with 503 (a balancer's keep-alive OPTIONS too), so that a balancer sends neither new calls nor the
     * calls it fails over to a node whose applications are not deployed yet.
     */
    public void open() {
        this.inbound.open();
        this.opened = true;
        LOGGER.log(Level.INFO, "SIP container takes calls on {0}", this.transport.listeningPoints());
    }

    /** Where a container stands towards new calls. */
    public enum State {
        /** it answers every request 503 until its host opens it ({@link Configuration#unavailableUntilOpened()}) */
        STARTING,
        /** it takes new calls */
        RUNNING,
        /** it refuses new calls; calls are in progress, and served */
        SUSPENDING,
        /** it refuses new calls; no call is in progress */
        SUSPENDED,
    }

    /**
     * Stops taking new calls, to take the node out of service without dropping a call: a new call (an initial request,
     * OPTIONS aside while calls are in progress) is refused with a stateless 503 and Retry-After; everything of the calls
     * in progress is served: requests within their dialogs, CANCEL, responses, timers, and what the applications send.
     * A call is in progress while one of its SIP sessions on this node has a dialog that is early or confirmed, or a
     * transaction in progress before any dialog ({@link #callsInProgress()}).
     * @return completes once no call is in progress and no message waits here; cancelled by {@link #resume()} before that
     */
    public CompletionStage<Void> suspend() {
        return this.suspension.suspend();
    }

    /** Takes new calls again after {@link #suspend()}. */
    public void resume() {
        this.suspension.resume();
    }

    /**
     * @return the application sessions of this node with a call in progress: a SIP session whose dialog is early or
     *         confirmed (a BYE sent and not yet answered included), or that has a transaction in progress before any
     *         dialog, as each stood when a message's work on it last ended here
     */
    public int callsInProgress() {
        return this.deployments.callsInProgress();
    }

    /** @return where the container stands towards new calls */
    public State state() {
        if (!this.opened) {
            return State.STARTING;
        }
        if (!this.suspension.suspended()) {
            return State.RUNNING;
        }
        return this.suspension.drained() ? State.SUSPENDED : State.SUSPENDING;
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
        Deployment deployment = this.deployments.find(applicationName);
        return (deployment != null) ? deployment.statistics() : null;
    }

    /**
     * @param applicationName a deployed application
     * @return its application sessions and their calls (a distributable application's: the whole cluster's), or
     *         {@code null} if it is not deployed
     */
    public List<RuntimeStatistics.CallSession> calls(String applicationName) {
        Deployment deployment = this.deployments.find(applicationName);
        return (deployment != null) ? deployment.calls() : null;
    }

    /** @return the figures of each listening point */
    public List<RuntimeStatistics.Connector> connectorStatistics() {
        return this.transport.listeningPoints().stream().map(point -> {
            MessageCounts counts = this.transport.counts(point.transport());
            return new RuntimeStatistics.Connector(point, counts.receivedCount(), counts.sentCount(), this.transport.malformedMessages(point.transport()));
        }).toList();
    }

    /** @return how loaded this node is, and what it refused */
    public RuntimeStatistics.Overload overloadStatistics() {
        return new RuntimeStatistics.Overload(this.overload.queuedMessages(), this.overload.refusedRequests(), this.transport.droppedDatagrams(),
                (this.inbound != null) ? this.inbound.retriedRequests() : 0, this.transport.malformedMessages());
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
        if (hostDefinition.security() != null && hostDefinition.security().store() == null) {
            // never open what the application protects: without accounts, no caller could be checked
            throw new ServletException("Application " + hostDefinition.name() + " has <security-constraint>s but no identity store to authenticate its callers against");
        }
        SipApplicationDefinition definition = hostDefinition.withServletContext(SipServletContextView.of(hostDefinition));
        this.deployments.deploy(new Deployment(definition, store, this.scheduler, this.executor, this.clock, this.configuration.defaultSessionTimeoutMinutes(), this.core));
    }

    /**
     * Undeploys an application: stops its traffic and destroys its servlets.
     * @param name the application name
     */
    public void undeploy(String name) {
        this.deployments.undeploy(name);
    }

    /**
     * @param name an application name
     * @return the number of its application sessions on this node, or -1 when no application of that name is deployed
     */
    public int applicationSessionCount(String name) {
        Deployment deployment = this.deployments.find(name);
        return (deployment != null) ? deployment.applicationSessionCount() : -1;
    }

    /**
     * Shows an HTTP session of a converged application as JSR 289 wants it, tied to a SIP application session.
     * @param applicationName the converged application
     * @param session the web container's HTTP session
     * @param serverAuthority host and port of the request that reached it, for {@code encodeURL(path, scheme)}
     * @param requestedApplicationSessionId the application session a URL encoded with it names ({@code sipappsessionid}), or {@code null}
     * @return the converged session
     * @throws IllegalStateException if the application is not deployed
     */
    public ConvergedHttpSessionImpl convergedSession(String applicationName, jakarta.servlet.http.HttpSession session, String serverAuthority, String requestedApplicationSessionId) {
        return new ConvergedHttpSessionImpl(session, this.deployments.get(applicationName), serverAuthority, requestedApplicationSessionId);
    }

    @Override
    public void close() {
        this.deployments.undeployAll();
        if (this.transport != null) {
            this.transport.close();
            LOGGER.log(Level.INFO, "SIP container stopped listening on {0}", this.transport.listeningPoints());
        }
        try {
            this.router.destroy();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "The application router " + this.router.getClass().getName() + " failed to stop", e);
        }
        if (this.ownsResources) {
            this.resources.shutdown();
        }
    }
}
