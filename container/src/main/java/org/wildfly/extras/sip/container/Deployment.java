package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SessionListeners;
import org.wildfly.extras.sip.container.session.SessionServices;
import org.wildfly.extras.sip.container.session.StoredRequest;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionManager;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.extras.sip.container.session.StoredSession;

/**
 * One deployed application: its definition, its sessions, the API objects its servlet context holds ({@code SipFactory},
 * {@code TimerService}, {@code SipSessionsUtil}), its figures, and where it stands in its life.
 */
final class Deployment implements SessionServices, ApplicationSessions {

    private static final System.Logger LOGGER = System.getLogger(Deployment.class.getName());
    /**
     * The servlet-context attribute that lists the application's calls: a {@code Supplier<List<Map<String, String>>>},
     * one map per call leg with the keys of {@code list-calls} (call-id, application-session, owner, state, role) and
     * local-party, remote-party.
     */
    static final String CALLS_ATTRIBUTE = "org.wildfly.extras.sip.calls";
    /** The servlet-context attribute that names the nodes sharing the application's calls: a {@code Supplier<List<String>>}. */
    static final String MEMBERS_ATTRIBUTE = "org.wildfly.extras.sip.cluster-members";

    /** Where a deployment stands; it takes messages while {@link #STARTED}. */
    enum State {
        /** its servlets initialize */
        DEPLOYING,
        /** it takes messages */
        STARTED,
        /** its sessions close and its servlets are destroyed */
        STOPPING,
        /** gone */
        UNDEPLOYED
    }

    private final SipApplicationDefinition definition;
    private final SessionListeners listeners = new SessionListeners();
    private final SipSessionManager manager;
    private final TimerServiceImpl timers;
    private final OutboundRequests requests;
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder callsStarted = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private volatile State state = State.DEPLOYING;
    /**
     * The requests other than INVITE (and CANCEL) the application sent, as a user agent or a proxy branch, whose final
     * answer has not been handled yet: the container's own object for each (its pending request, or its branch).
     */
    private final java.util.Set<Object> requestsAwaitingAnswer = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger applicationCallsRunning = new java.util.concurrent.atomic.AtomicInteger();
    private final ThreadLocal<int[]> applicationCallDepth = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean closing;

    /**
     * @param definition the application, with the servlet context its code sees
     * @param store where its application sessions live
     * @param scheduler the container's timer thread
     * @param executor runs each application session's work one task at a time
     * @param clock the time
     * @param defaultTimeoutMinutes the session timeout if the application sets none
     * @param requests creates the requests the application sends
     */
    Deployment(SipApplicationDefinition definition, SipSessionStore store, ScheduledExecutorService scheduler, SerialExecutor executor, Clock clock,
            int defaultTimeoutMinutes, OutboundRequests requests) {
        this.definition = definition;
        this.requests = requests;
        this.timers = new TimerServiceImpl(scheduler, executor, clock, this::fireTimer);
        this.listeners.add(new javax.servlet.sip.SipApplicationSessionListener() {
            @Override
            public void sessionCreated(javax.servlet.sip.SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionDestroyed(javax.servlet.sip.SipApplicationSessionEvent event) {
                Deployment.this.timers.disarm(event.getApplicationSession().getId());
            }

            @Override
            public void sessionExpired(javax.servlet.sip.SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionReadyToInvalidate(javax.servlet.sip.SipApplicationSessionEvent event) {
            }
        });
        definition.listeners().forEach(this.listeners::add);
        Integer timeout = definition.sessionTimeoutMinutes();
        this.manager = new SipSessionManager(definition.name(), store, this, scheduler, executor, clock, (timeout != null) ? timeout : defaultTimeoutMinutes);
    }

    /** @return the application as deployed */
    SipApplicationDefinition definition() {
        return this.definition;
    }

    @Override
    public String applicationName() {
        return this.definition.name();
    }

    /** @return where it stands */
    State state() {
        return this.state;
    }

    /** @return a SIP URI for each listening point, with its transport: the interfaces an application may send from */
    private java.util.List<javax.servlet.sip.SipURI> outboundInterfaces() {
        java.util.List<javax.servlet.sip.SipURI> interfaces = new java.util.ArrayList<>();
        for (org.wildfly.extras.sip.container.transport.ListeningPoint point : this.requests.listeningPoints()) {
            try {
                interfaces.add((javax.servlet.sip.SipURI) org.wildfly.extras.sip.container.address.Uris.of(org.wildfly.extras.sip.container.syntax.SipGrammar.parseUri(
                        "sip:" + point.uriHost() + ":" + point.port() + ";transport=" + point.transport().name().toLowerCase(java.util.Locale.ROOT)), org.wildfly.extras.sip.container.address.Mode.READ_ONLY));
            } catch (org.wildfly.extras.sip.container.syntax.SyntaxException e) {
                throw new IllegalStateException("Listening point " + point + " is no SIP URI: " + e.getMessage(), e);
            }
        }
        return java.util.List.copyOf(interfaces);
    }

    @Override
    public boolean isOutboundInterface(java.net.InetSocketAddress address) {
        for (org.wildfly.extras.sip.container.transport.ListeningPoint point : this.requests.listeningPoints()) {
            boolean sameHost = address.getAddress() != null ? address.getAddress().getHostAddress().equals(point.host()) || point.host().equals(address.getHostString())
                    : point.host().equalsIgnoreCase(address.getHostString());
            if (sameHost && (address.getPort() == 0 || address.getPort() == point.port())) {
                return true;
            }
        }
        return false;
    }

    /** The option tags of the SIP extensions the container implements: reliable provisional responses, Path. */
    static final java.util.List<String> SUPPORTED_OPTION_TAGS = java.util.List.of("100rel", "path");
    /** The RFCs the container implements: SIP, 100rel, UPDATE, Path, MESSAGE, rport. */
    static final java.util.List<String> SUPPORTED_RFCS = java.util.List.of("3261", "3262", "3311", "3327", "3428", "3581");

    /**
     * Puts the API objects in the servlet context and initializes the servlets, telling the application's
     * {@code SipServletListener}s; then it takes messages.
     * @throws ServletException if a servlet's init fails
     */
    void start() throws ServletException {
        ServletContext context = this.definition.servletContext();
        if (context != null) {
            context.setAttribute(javax.servlet.sip.SipServlet.SIP_FACTORY, new SipFactoryImpl(this, this.requests, context));
            context.setAttribute(javax.servlet.sip.SipServlet.TIMER_SERVICE, this.timers);
            context.setAttribute(javax.servlet.sip.SipServlet.SIP_SESSIONS_UTIL, new SipSessionsUtilImpl(this));
            // what the container supports (JSR 289 §3.2): option tags, RFCs, and the deprecated flag for 100rel
            context.setAttribute(javax.servlet.sip.SipServlet.SUPPORTED, SUPPORTED_OPTION_TAGS);
            context.setAttribute(javax.servlet.sip.SipServlet.SUPPORTED_RFCs, SUPPORTED_RFCS);
            context.setAttribute(javax.servlet.sip.SipServlet.PRACK_SUPPORTED, Boolean.TRUE);
            context.setAttribute(javax.servlet.sip.SipServlet.OUTBOUND_INTERFACES, this.outboundInterfaces());
            // beyond JSR 289, in Java types only: what an application's own page shows of its calls (docs/monitoring.md)
            context.setAttribute(CALLS_ATTRIBUTE, (Supplier<List<Map<String, String>>>) this::callRows);
            context.setAttribute(MEMBERS_ATTRIBUTE, (Supplier<List<String>>) this::members);
        }
        for (Map.Entry<String, Servlet> servlet : this.definition.servlets().entrySet()) {
            ServletConfig config = config(servlet.getKey(), context, this.definition.initParameters().getOrDefault(servlet.getKey(), Map.of()));
            ApplicationScope servletScope = this.definition.scope().forServlet(servlet.getKey());
            if (servletScope == this.definition.scope()) {
                servlet.getValue().init(config);
            } else {
                initAs(servletScope, servlet.getValue(), config);
            }
            if (servlet.getValue() instanceof javax.servlet.sip.SipServlet sipServlet) {
                javax.servlet.sip.SipServletContextEvent event = new javax.servlet.sip.SipServletContextEvent(context, sipServlet);
                for (Object listener : this.definition.listeners()) {
                    if (listener instanceof javax.servlet.sip.SipServletListener servletListener) {
                        servletListener.servletInitialized(event);
                    }
                }
            }
        }
        this.state = State.STARTED;
    }

    /** @return whether the container waits for the final answer of a request of this method before the application stops */
    static boolean awaitsAnswer(String method) {
        return !method.equals("INVITE") && !method.equals("CANCEL") && !method.equals("ACK");
    }

    /** The application sent a request whose answer it waits for ({@link #awaitsAnswer}), known by the container's object for it. */
    void requestSent(Object request) {
        this.requestsAwaitingAnswer.add(request);
    }

    /** A request the application sent got its final answer (or timed out), and the application has handled it; again is nothing. */
    void requestAnswered(Object request) {
        this.requestsAwaitingAnswer.remove(request);
    }

    /**
     * Runs the application's code (a servlet, a listener, a timer) in its scope, counted so that a stopping application
     * lets it finish ({@link #awaitFinished}).
     * @throws ApplicationStoppedException if the application is closing: the code did not run
     */
    <T> T callApplication(java.util.concurrent.Callable<T> code) throws Exception {
        return this.call(this.definition.scope(), code);
    }

    /** Runs a servlet's code (a request or response it handles) as {@link #callApplication} does, in the servlet's own scope (its run-as identity). */
    <T> T callServlet(String servletName, java.util.concurrent.Callable<T> code) throws Exception {
        return this.call(this.definition.scope().forServlet(servletName), code);
    }

    private static void initAs(ApplicationScope scope, Servlet servlet, ServletConfig config) throws ServletException {
        try {
            scope.call(() -> {
                servlet.init(config);
                return null;
            });
        } catch (ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private <T> T call(ApplicationScope scope, java.util.concurrent.Callable<T> code) throws Exception {
        int[] depth = this.applicationCallDepth.get();
        this.applicationCallsRunning.incrementAndGet();
        depth[0]++;
        try {
            if (this.closing && depth[0] == 1) {
                throw new ApplicationStoppedException(this.applicationName()); // code it calls itself (listeners) still runs
            }
            return scope.call(code);
        } finally {
            depth[0]--;
            this.applicationCallsRunning.decrementAndGet();
        }
    }

    /**
     * Lets the application finish what it is doing before it stops: its code that runs (a servlet on a message, a timer,
     * a listener) gets {@code codePatience}, and every request other than INVITE that it sent gets {@code answerPatience}
     * to have its final answer handled. Then it takes no more calls into its code. A servlet that was handling a request
     * relays it, and a B2BUA that relayed a BYE (or a proxy that proxied it) relays its answer, before the sessions close
     * (an answer that came later would reach a node that no longer holds the call, and the caller's request would go
     * unanswered). Code still running after its time is stuck: the node stops anyway, and the caller's retransmission
     * reaches another node. INVITEs are not waited for: a phone may ring for minutes, and a call in set-up is taken over
     * by another node.
     * @return whether it finished in time
     */
    boolean awaitFinished(java.time.Duration codePatience, java.time.Duration answerPatience) {
        long start = System.nanoTime();
        boolean codeFinished = await(() -> this.applicationCallsRunning.get() == 0, start + codePatience.toNanos());
        boolean answered = await(this.requestsAwaitingAnswer::isEmpty, start + answerPatience.toNanos()); // their handling runs code too
        this.closing = true;
        if (codeFinished) {
            // code that began before the flag was seen runs to its end; any later is refused
            codeFinished = await(() -> this.applicationCallsRunning.get() == 0, System.nanoTime() + codePatience.toNanos());
        }
        return codeFinished && answered;
    }

    private static boolean await(java.util.function.BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Closes its sessions on this node (a distributable store keeps them for the others) and destroys its servlets. */
    void stop() {
        this.state = State.STOPPING;
        try {
            this.manager.close();
            this.definition.servlets().values().forEach(Servlet::destroy);
        } finally {
            this.state = State.UNDEPLOYED;
        }
    }

    /** @return whether a 2xx this node sent still waits for its ACK as far as the session store knows ({@link SipSessionManager#awaitsAck}) */
    boolean awaitsAck(String applicationSessionId, String sipSessionId, long sequence) {
        return this.manager.awaitsAck(applicationSessionId, sipSessionId, sequence);
    }

    /** @return the number of its application sessions on this node */
    int applicationSessionCount() {
        return this.manager.size();
    }

    /** @return the calls of this application in progress on this node ({@link SipSessionManager#callsInProgress()}) */
    int callsInProgress() {
        return this.manager.callsInProgress();
    }

    /** @return its figures */
    RuntimeStatistics.Application statistics() {
        return new RuntimeStatistics.Application(this.definition.name(), List.copyOf(this.definition.servlets().keySet()), this.manager.size(),
                this.manager.sipSessionCount(), this.messagesIn.sum(), this.messagesOut.sum(), this.manager.callsInProgress(), this.callsStarted.sum(),
                this.manager.sessionsTakenOver(), this.manager.storedUnits(), this.manager.storeNanos(), this.manager.heldElsewhere());
    }

    /** @return the nodes that share the application's calls, this one alone if it is not distributable */
    List<String> members() {
        List<String> members = this.manager.members();
        return members.isEmpty() ? List.of(localNode()) : members;
    }

    /** @return this node's name: the server's node name ({@code jboss.node.name}), else the host's */
    static String localNode() {
        String name = System.getProperty("jboss.node.name");
        if (name != null) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** @return one row per call leg, as {@code list-calls} shows them, for {@link #CALLS_ATTRIBUTE} */
    private List<Map<String, String>> callRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (RuntimeStatistics.CallSession session : this.calls()) {
            for (RuntimeStatistics.CallLeg leg : session.legs()) {
                rows.add(Map.of("call-id", leg.callId(), "application-session", session.applicationSessionId(), "owner", session.owner(),
                        "state", leg.state(), "role", leg.role(), "local-party", String.valueOf(leg.localParty()), "remote-party", String.valueOf(leg.remoteParty())));
            }
        }
        return rows;
    }

    /** @return its application sessions with their calls, across the cluster for a distributable application */
    List<RuntimeStatistics.CallSession> calls() {
        List<RuntimeStatistics.CallSession> calls = new ArrayList<>();
        for (StoredSession stored : this.manager.storedSessions()) {
            ApplicationSessionData data = stored.data();
            if (!data.isValid()) {
                continue;
            }
            List<RuntimeStatistics.CallLeg> legs = data.sipSessions().values().stream().filter(SipSessionData::isValid)
                    .map(leg -> new RuntimeStatistics.CallLeg(leg.id(), leg.callId(), roleOf(leg), String.valueOf(leg.state()), leg.localParty(), leg.remoteParty()))
                    .toList();
            String owner = (stored.owner() != null) ? stored.owner() : localNode();
            calls.add(new RuntimeStatistics.CallSession(data.id(), owner, data.creationTime(), List.copyOf(new TreeSet<>(data.attributes().keySet())), legs));
        }
        return calls;
    }

    /** @return what the application is in a SIP session: a proxy, a user agent (one with a dialog that never proxied), or undecided yet */
    private static String roleOf(SipSessionData leg) {
        if (leg.role() != null) {
            return leg.role().name();
        }
        return (leg.dialog() != null) ? SipSessionData.Role.USER_AGENT.name() : "UNDECIDED";
    }

    /** Counts a call this node started for the application: an initial INVITE given to one of its servlets. */
    void callStarted() {
        this.callsStarted.increment();
    }

    /** Counts a message delivered to the application. */
    void messageIn() {
        this.messagesIn.increment();
    }

    /** Counts a message the application sent. */
    void messageOut() {
        this.messagesOut.increment();
    }

    @Override
    public SipApplicationSessionImpl find(String id) {
        return this.manager.find(id);
    }

    /** @return a new application session of that id */
    SipApplicationSessionImpl createApplicationSession(String id) {
        return this.manager.create(id);
    }

    /** @return the id a new application session this node handles is created under ({@link SipSessionManager#localId}) */
    String localId(String id) {
        return this.manager.localId(id);
    }

    /** @return the application session that handled a new initial request's transaction before, or {@code null}: bound now ({@link SipSessionManager#bind}) */
    String bind(String transactionKey, String id) {
        return this.manager.bind(transactionKey, id);
    }

    /** @return the application session a request's transaction is bound to, or {@code null} ({@link SipSessionManager#bound}) */
    String bound(String transactionKey) {
        return this.manager.bound(transactionKey);
    }

    /** @return the application session of that id, created if there is none here or in the store */
    SipApplicationSessionImpl findOrCreate(String id) {
        SipApplicationSessionImpl existing = this.manager.find(id);
        return (existing != null) ? existing : this.manager.create(id);
    }

    @Override
    public SipApplicationSessionImpl create(String key) {
        return (key == null) ? this.manager.create(this.manager.localId(SessionKeys.newApplicationSessionId())) : this.findOrCreate(SessionKeys.fromKey(this.definition.name(), key));
    }

    /**
     * Ends a unit of work on an application session: the transaction of a request that got its final response ends, and
     * the session is written to its store once.
     * @param applicationSession the session, or {@code null}
     * @param request the request that was handled, or {@code null}
     */
    void finish(SipApplicationSessionImpl applicationSession, SipServletRequestImpl request) {
        if (request != null && request.transaction() != null && request.finalResponse() != null && request.session() != null) {
            request.session().transactionEnded();
        }
        if (applicationSession != null && applicationSession.isValid()) {
            try {
                this.manager.commit(applicationSession);
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Cannot store application session " + applicationSession.getId(), e);
            }
        }
    }

    /** @return the servlet that handles a session's messages: its handler, else the main servlet, else the first one */
    String servletOf(SipSessionImpl session) {
        String handler = (session != null) ? session.data().handler() : null;
        if (handler != null) {
            return handler;
        }
        String main = this.definition.mainServlet();
        return (main != null) ? main : this.definition.servlets().keySet().iterator().next();
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
    public SipServletRequest createRequest(SipSessionImpl session, String method) {
        return this.requests.createInDialogRequest(this.definition.servletContext(), session, method);
    }

    /**
     * Ends a session's dialog with a BYE of the container's own: its answer is the container's business, not shown to
     * the application.
     * @param session the SIP session of the dialog
     * @throws java.io.IOException if it cannot be sent
     */
    void sendOwnBye(SipSessionImpl session) throws java.io.IOException {
        SipServletRequestImpl bye = (SipServletRequestImpl) this.createRequest(session, "BYE");
        bye.markContainerOwn();
        bye.send();
    }

    @Override
    public Object takeOverSuccess(SipSessionImpl session, byte[] success) {
        return this.requests.takeOverSuccess(this.definition.servletContext(), session, success);
    }

    @Override
    public Object toStored(Object value) {
        if (value instanceof SipServletRequestImpl request && request.session() != null) {
            RawRequest raw = request.raw();
            return new StoredRequest(request.session().getId(), request.isIncoming(), raw.callId(), raw.headers().first(HeaderNames.CSEQ), raw.encode());
        }
        return value;
    }

    @Override
    public Object fromStored(SipApplicationSessionImpl applicationSession, StoredRequest stored) {
        SipSessionImpl session = (SipSessionImpl) applicationSession.getSipSession(stored.sipSessionId());
        if (session != null) {
            javax.servlet.sip.SipServletRequest pending = session.pendingInvite(stored.received());
            if (pending != null && stored.equals(this.toStored(pending))) {
                return pending;
            }
        }
        // the request's transaction is over, and another node held it: a copy that shows what it was, answered or sent
        return this.requests.pastRequest(this.definition.servletContext(), session, stored.message(), stored.received());
    }

    @Override
    public SipServletRequest takeOverInvite(SipSessionImpl session, byte[] invite, boolean received) {
        return this.requests.takeOverInvite(this.definition.servletContext(), session, invite, received);
    }

    @Override
    public void ackOverdue(SipSessionImpl session) {
        MissingAcks.endTakenOver(this, session, this.requests.standInSuccess(this.definition.servletContext(), session));
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
            this.finish(session, null);
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
        return (session != null) ? new ConvergedHttpSessionImpl(session, this, null, null) : null;
    }

    @Override
    public void inScope(Runnable code) {
        try {
            this.callApplication(() -> {
                code.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
}
