package org.wildfly.extension.sip.deployment;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.servlet.spec.ServletContextImpl;
import io.undertow.servlet.api.ClassIntrospecter;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.InstanceHandle;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

import org.wildfly.extras.sip.container.ApplicationScope;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.security.auth.server.SecurityDomain;

/**
 * Runs a SIP application on the container for as long as its web deployment's servlet context lives: started after the
 * web application's own listeners, with the very servlet context its HTTP servlets get.
 */
final class SipApplicationLifecycle implements ServletExtension, ServletContextListener {

    private static final System.Logger LOGGER = System.getLogger(SipApplicationLifecycle.class.getName());

    private final SipApplication application;
    private final Supplier<SipContainer> container;
    private final Supplier<SipSessionStore> store;
    private final Supplier<SecurityDomain> securityDomain;
    private final List<InstanceHandle<?>> instances = new CopyOnWriteArrayList<>();
    private volatile ClassIntrospecter introspecter;
    private volatile boolean registeredDomain;

    /**
     * @param store the distributable store of the application's sessions, or {@code null} to keep them in memory
     * @param securityDomain the domain of the callers its security constraints authenticate, or {@code null} without constraints
     */
    SipApplicationLifecycle(SipApplication application, Supplier<SipContainer> container, Supplier<SipSessionStore> store, Supplier<SecurityDomain> securityDomain) {
        this.application = application;
        this.container = container;
        this.store = store;
        this.securityDomain = securityDomain;
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        // sip.xml's context parameters belong to the one servlet context, beside web.xml's
        this.application.info().getContextParams().forEach(deployment::addInitParameter);
        // WildFly's introspecter creates web components with their resources injected
        this.introspecter = deployment.getClassIntrospecter();
        deployment.addListener(new ListenerInfo(SipApplicationLifecycle.class, new ImmediateInstanceFactory<>(this)));
        // before the application's own filters: all of them see converged HTTP sessions
        deployment.addFilter(new FilterInfo(ConvergedSessionFilter.NAME, ConvergedSessionFilter.class,
                new ImmediateInstanceFactory<>(new ConvergedSessionFilter(this.application.name(), this.container))));
        deployment.insertFilterUrlMapping(0, ConvergedSessionFilter.NAME, "/*", DispatcherType.REQUEST);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SipContainer container = this.container.get();
        String name = this.application.name();
        SipApplicationDefinition definition;
        this.application.resources().starting(event.getServletContext());
        try {
            this.injectStaticResources();
            definition = SipDeployments.definition(this.application.info(), this.application.classLoader(), event.getServletContext(), this::create);
            definition = definition.withScope(this.runAs(scope(event.getServletContext()))).withHttpSessions(httpSessions(event.getServletContext()));
            if (this.securityDomain != null) {
                definition = definition.withIdentityStore(new ElytronSipIdentityStore(this.securityDomain.get()));
            }
        } catch (SipDeploymentException | RuntimeException e) {
            this.release();
            this.application.resources().stopped();
            throw new IllegalStateException(this.failure((e instanceof SipDeploymentException) ? e.getMessage() : "its servlets and listeners cannot be created: " + e), e);
        }
        try {
            if (this.store != null) {
                container.deploy(definition, this.store.get()); // its service closes it, after this context is destroyed
            } else {
                container.deploy(definition);
            }
        } catch (ServletException | RuntimeException e) {
            container.undeploy(name);
            this.release();
            this.application.resources().stopped();
            throw new IllegalStateException(this.failure("it did not start: " + e), e);
        }
        this.application.resources().started();
        SipDeploymentRuntime.started(this.application.deployment(), name, this.container);
        LOGGER.log(System.Logger.Level.INFO, "SIP application {0} deployed from {1}, servlets {2}, sessions {3}", name, this.application.deployment(), definition.servlets().keySet(),
                (this.store != null) ? "distributable" : "on this node");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        SipDeploymentRuntime.stopped(this.application.deployment());
        this.application.resources().stopped();
        SipContainer container = this.container.get();
        if (container != null) {
            container.undeploy(this.application.name());
        }
        this.release();
        LOGGER.log(System.Logger.Level.INFO, "SIP application {0} undeployed from {1}", this.application.name(), this.application.deployment());
    }

    /**
     * The scope of the web deployment's own requests (naming context, class loader, ...), from the thread set-up actions
     * WildFly gave Undertow, for the SIP code the container runs on its threads.
     */
    private static ApplicationScope scope(ServletContext context) {
        if (!(context instanceof ServletContextImpl web)) {
            return ApplicationScope.NONE;
        }
        ThreadSetupHandler.Action<Object, Callable<?>> setUp = web.getDeployment().createThreadSetupAction((exchange, code) -> code.call());
        return new ApplicationScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T call(Callable<T> code) throws Exception {
                return (T) setUp.call(null, code);
            }
        };
    }

    /**
     * @return the application's scope, in which a servlet with a {@code <run-as>} runs as its role; the application's
     *         security domain becomes the current one of its code ({@code SecurityDomain.getCurrent()}), as Undertow makes
     *         a secured web application's, so that what the servlet calls finds the run-as identity
     */
    private ApplicationScope runAs(ApplicationScope scope) {
        java.util.Map<String, String> roles = new java.util.HashMap<>();
        this.application.info().getServlets().stream().filter(servlet -> servlet.getRunAsRole() != null).forEach(servlet -> roles.put(servlet.getName(), servlet.getRunAsRole()));
        if (roles.isEmpty() || this.securityDomain == null) {
            return scope;
        }
        try {
            this.securityDomain.get().registerWithClassLoader(this.application.classLoader());
            this.registeredDomain = true;
        } catch (IllegalStateException e) {
            // the web application's own security domain is registered already: the run-as identity is of the one the SIP application uses
            LOGGER.log(System.Logger.Level.DEBUG, "SIP application {0}: the class loader has a security domain already: {1}", this.application.name(), e.getMessage());
        }
        return new SipRunAs(scope, roles, this.securityDomain);
    }

    private void unregisterDomain() {
        if (this.registeredDomain) {
            org.wildfly.security.auth.server.SecurityDomain.unregisterClassLoader(this.application.classLoader());
            this.registeredDomain = false;
        }
    }

    /** Finds the web deployment's HTTP sessions by id, for {@code SipApplicationSession.getSessions("HTTP")}. */
    private static java.util.function.Function<String, jakarta.servlet.http.HttpSession> httpSessions(ServletContext context) {
        if (!(context instanceof ServletContextImpl web)) {
            return id -> null;
        }
        return id -> {
            io.undertow.server.session.Session session = web.getDeployment().getSessionManager().getSession(id);
            return (session != null) ? io.undertow.servlet.spec.HttpSessionImpl.forSession(session, web, false) : null;
        };
    }

    private Object create(Class<?> type) throws ReflectiveOperationException {
        ClassIntrospecter introspecter = this.introspecter;
        if (introspecter == null) {
            return type.getDeclaredConstructor().newInstance();
        }
        InstanceHandle<?> handle = introspecter.createInstanceFactory(type).createInstance();
        this.instances.add(handle);
        return handle.getInstance();
    }

    /** Lets the injected servlets and listeners go (their @PreDestroy runs); the container destroyed them. */
    private void release() {
        this.unregisterDomain();
        for (InstanceHandle<?> handle : this.instances) {
            handle.release();
        }
        this.instances.clear();
    }

    private void injectStaticResources() throws SipDeploymentException {
        for (SipContent.StaticResource resource : this.application.staticResources()) {
            try {
                Field field = this.application.classLoader().loadClass(resource.className()).getDeclaredField(resource.field());
                field.setAccessible(true);
                field.set(null, this.application.resources().reference(resource.kind()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new SipDeploymentException("@Resource " + resource.className() + "." + resource.field() + " cannot be set: " + e);
            }
        }
    }

    private String failure(String reason) {
        return "SIP application " + this.application.deployment() + " cannot be deployed: " + reason;
    }
}
