package org.wildfly.extras.sip.container;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.security.ApplicationSecurity;
import org.wildfly.extras.sip.container.security.SipIdentityStore;

/**
 * A SIP application ready to run: its servlets, already instantiated by the host (WildFly, or a test), its listeners,
 * and the settings the container applies to it.
 * @param name the application name
 * @param servlets the SIP servlets by name, in declaration order
 * @param mainServlet the servlet that gets initial requests, or {@code null} when servlet-mapping rules choose
 * @param listeners listener objects (session, attribute, servlet listeners)
 * @param sessionTimeoutMinutes the application-session timeout; 0 or less for never; {@code null} when the application sets none: the container's default
 * @param servletContext the application's servlet context
 * @param servletSelector names the servlet of an initial request (main servlet or servlet-mapping rules); {@code null} when none serves it
 * @param applicationKey the application's {@code @SipApplicationKey} method: the key of an initial request's application session, or {@code null}
 * @param proxyTimeoutSeconds how long a proxy branch waits for its final response (sip.xml {@code proxy-config/proxy-timeout})
 * @param scope what the host sets up around each call into the application's code
 * @param initParameters each servlet's init parameters (sip.xml {@code init-param}), by servlet name
 * @param httpSessions finds an HTTP session of the converged application by id; answers {@code null} without a web container
 * @param security what its {@code <security-constraint>}s ask, over the host's identity store; {@code null} when it has none
 */
public record SipApplicationDefinition(String name, Map<String, Servlet> servlets, String mainServlet, List<Object> listeners, Integer sessionTimeoutMinutes, ServletContext servletContext,
        Function<SipServletRequest, String> servletSelector, Function<SipServletRequest, String> applicationKey, int proxyTimeoutSeconds, ApplicationScope scope,
        Map<String, Map<String, String>> initParameters, Function<String, jakarta.servlet.http.HttpSession> httpSessions,
        ApplicationSecurity security) {

    /** The proxy timeout when sip.xml names none: Timer C of RFC 3261 §16.6 is "greater than 3 minutes". */
    public static final int DEFAULT_PROXY_TIMEOUT_SECONDS = 180;

    public SipApplicationDefinition {
        if (mainServlet != null && !servlets.containsKey(mainServlet)) {
            throw new IllegalArgumentException("Application " + name + " has no servlet named " + mainServlet + " to be its main servlet; it has " + servlets.keySet());
        }
        servlets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servlets));
        listeners = List.copyOf(listeners);
        scope = (scope != null) ? scope : ApplicationScope.NONE;
        initParameters = Map.copyOf(initParameters);
        httpSessions = (httpSessions != null) ? httpSessions : id -> null;
        if (proxyTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("Application " + name + ": proxy-timeout must be a positive number of seconds, not " + proxyTimeoutSeconds);
        }
    }

    /**
     * @param scope what the host sets up around each call into the application's code
     * @return this application, run in that scope
     */
    public SipApplicationDefinition withScope(ApplicationScope scope) {
        return new SipApplicationDefinition(this.name, this.servlets, this.mainServlet, this.listeners, this.sessionTimeoutMinutes, this.servletContext, this.servletSelector,
                this.applicationKey, this.proxyTimeoutSeconds, scope, this.initParameters, this.httpSessions, this.security);
    }

    /**
     * @param servletContext the servlet context the application's code sees
     * @return this application, with that context
     */
    public SipApplicationDefinition withServletContext(ServletContext servletContext) {
        return new SipApplicationDefinition(this.name, this.servlets, this.mainServlet, this.listeners, this.sessionTimeoutMinutes, servletContext, this.servletSelector,
                this.applicationKey, this.proxyTimeoutSeconds, this.scope, this.initParameters, this.httpSessions, this.security);
    }

    /**
     * @param httpSessions finds an HTTP session of the converged application by id, or answers {@code null}
     * @return this application, converged with those HTTP sessions
     */
    public SipApplicationDefinition withHttpSessions(Function<String, jakarta.servlet.http.HttpSession> httpSessions) {
        return new SipApplicationDefinition(this.name, this.servlets, this.mainServlet, this.listeners, this.sessionTimeoutMinutes, this.servletContext, this.servletSelector,
                this.applicationKey, this.proxyTimeoutSeconds, this.scope, this.initParameters, httpSessions, this.security);
    }

    /**
     * @param security what the application's constraints ask, over the host's identity store
     * @return this application, so protected
     */
    public SipApplicationDefinition withSecurity(ApplicationSecurity security) {
        return new SipApplicationDefinition(this.name, this.servlets, this.mainServlet, this.listeners, this.sessionTimeoutMinutes, this.servletContext, this.servletSelector,
                this.applicationKey, this.proxyTimeoutSeconds, this.scope, this.initParameters, this.httpSessions, security);
    }

    /**
     * @param store where the callers' accounts are, for an application with security constraints
     * @return this application, authenticating its callers against that store; itself if it has no constraint
     */
    public SipApplicationDefinition withIdentityStore(SipIdentityStore store) {
        return (this.security != null) ? this.withSecurity(this.security.withStore(store)) : this;
    }

    /**
     * @param name the application name
     * @param servlets the SIP servlets by name, in declaration order
     * @return a builder of the application, with the defaults of an application that sets nothing: no main servlet, no
     *         listeners, the container's session timeout, the default proxy timeout, no scope, no init parameters, no
     *         HTTP sessions
     */
    public static Builder builder(String name, Map<String, Servlet> servlets) {
        return new Builder(name, servlets);
    }

    /** Builds a {@link SipApplicationDefinition}: each setting as the record's component of the same name says. */
    public static final class Builder {
        private final String name;
        private final Map<String, Servlet> servlets;
        private String mainServlet;
        private List<Object> listeners = List.of();
        private Integer sessionTimeoutMinutes;
        private ServletContext servletContext;
        private Function<SipServletRequest, String> servletSelector;
        private Function<SipServletRequest, String> applicationKey;
        private int proxyTimeoutSeconds = DEFAULT_PROXY_TIMEOUT_SECONDS;
        private ApplicationScope scope = ApplicationScope.NONE;
        private Map<String, Map<String, String>> initParameters = Map.of();
        private Function<String, jakarta.servlet.http.HttpSession> httpSessions;
        private ApplicationSecurity security;

        private Builder(String name, Map<String, Servlet> servlets) {
            this.name = name;
            this.servlets = servlets;
        }

        /** @param mainServlet the servlet that gets every initial request, unless {@link #servletSelector} chooses */
        public Builder mainServlet(String mainServlet) {
            this.mainServlet = mainServlet;
            return this;
        }

        public Builder listeners(List<Object> listeners) {
            this.listeners = listeners;
            return this;
        }

        public Builder sessionTimeoutMinutes(Integer sessionTimeoutMinutes) {
            this.sessionTimeoutMinutes = sessionTimeoutMinutes;
            return this;
        }

        public Builder servletContext(ServletContext servletContext) {
            this.servletContext = servletContext;
            return this;
        }

        /** @param servletSelector names the servlet of an initial request; unset: the main servlet */
        public Builder servletSelector(Function<SipServletRequest, String> servletSelector) {
            this.servletSelector = servletSelector;
            return this;
        }

        public Builder applicationKey(Function<SipServletRequest, String> applicationKey) {
            this.applicationKey = applicationKey;
            return this;
        }

        public Builder proxyTimeoutSeconds(int proxyTimeoutSeconds) {
            this.proxyTimeoutSeconds = proxyTimeoutSeconds;
            return this;
        }

        public Builder scope(ApplicationScope scope) {
            this.scope = scope;
            return this;
        }

        public Builder initParameters(Map<String, Map<String, String>> initParameters) {
            this.initParameters = initParameters;
            return this;
        }

        public Builder httpSessions(Function<String, jakarta.servlet.http.HttpSession> httpSessions) {
            this.httpSessions = httpSessions;
            return this;
        }

        public Builder security(ApplicationSecurity security) {
            this.security = security;
            return this;
        }

        /**
         * @return the application
         * @throws IllegalArgumentException if the main servlet is not one of the servlets, or the proxy timeout is not positive
         */
        public SipApplicationDefinition build() {
            String main = this.mainServlet;
            Function<SipServletRequest, String> selector = (this.servletSelector != null) ? this.servletSelector : request -> main;
            return new SipApplicationDefinition(this.name, this.servlets, main, this.listeners, this.sessionTimeoutMinutes, this.servletContext, selector,
                    this.applicationKey, this.proxyTimeoutSeconds, this.scope, this.initParameters, this.httpSessions, this.security);
        }
    }
}
