package org.wildfly.extras.sip.container.deployment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of one SIP application, as data: what its {@code sip.xml} ({@link SipXmlParser}) and its annotations
 * ({@link SipAnnotations}) say. Fluent and copyable, like Undertow's {@code DeploymentInfo}. {@link #resolve()} checks
 * it and applies the defaults.
 */
public final class SipDeploymentInfo {

    private String version;
    private String applicationName;
    private String displayName;
    private String description;
    private boolean distributable;
    private String mainServlet;
    private String mainServletOrigin;
    private Integer sessionTimeout;
    private Integer proxyTimeout;
    private ApplicationKeyMethod applicationKey;
    private final Map<String, ServletInfo> servlets = new LinkedHashMap<>();
    private final List<ServletMapping> servletMappings = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<String> unsupported = new ArrayList<>();
    private final List<SecurityConstraint> securityConstraints = new ArrayList<>();
    private final java.util.Set<String> securityRoles = new java.util.LinkedHashSet<>();
    private LoginConfig loginConfig;
    private final List<EnvironmentReference> environment = new ArrayList<>();

    /** @return a deep copy */
    public SipDeploymentInfo copy() {
        SipDeploymentInfo copy = new SipDeploymentInfo();
        copy.version = this.version;
        copy.applicationName = this.applicationName;
        copy.displayName = this.displayName;
        copy.description = this.description;
        copy.distributable = this.distributable;
        copy.mainServlet = this.mainServlet;
        copy.mainServletOrigin = this.mainServletOrigin;
        copy.sessionTimeout = this.sessionTimeout;
        copy.proxyTimeout = this.proxyTimeout;
        copy.applicationKey = this.applicationKey;
        this.servlets.values().forEach(servlet -> copy.servlets.put(servlet.getName(), servlet.copy()));
        copy.servletMappings.addAll(this.servletMappings);
        copy.listeners.addAll(this.listeners);
        copy.contextParams.putAll(this.contextParams);
        copy.unsupported.addAll(this.unsupported);
        copy.securityConstraints.addAll(this.securityConstraints);
        copy.securityRoles.addAll(this.securityRoles);
        copy.loginConfig = this.loginConfig;
        copy.environment.addAll(this.environment);
        return copy;
    }

    /**
     * Checks that the description is complete and consistent, and applies the defaults: an application with one servlet,
     * no main servlet and no mappings gets that servlet as main servlet (JSR 289 §16, and the {@code main-servlet}
     * documentation of the 1.1 schema).
     * @return a resolved copy
     * @throws SipDeploymentException if the application has no name, or a main servlet or mapping names an unknown servlet
     */
    public SipDeploymentInfo resolve() throws SipDeploymentException {
        if (this.applicationName == null || this.applicationName.isEmpty()) {
            throw new SipDeploymentException("no application name: the descriptor has no <app-name> and no class carries @SipApplication");
        }
        if (this.mainServlet != null && !this.servletMappings.isEmpty()) {
            throw new SipDeploymentException(at(this.mainServletOrigin) + "application '" + this.applicationName + "' has both a main servlet ('" + this.mainServlet
                    + "') and servlet mappings; it may have one or the other");
        }
        if (this.mainServlet != null && !this.servlets.containsKey(this.mainServlet)) {
            throw new SipDeploymentException(at(this.mainServletOrigin) + "unknown servlet '" + this.mainServlet + "' in <main-servlet>" + this.known());
        }
        for (ServletMapping mapping : this.servletMappings) {
            if (!this.servlets.containsKey(mapping.servletName())) {
                throw new SipDeploymentException(at(mapping.origin()) + "unknown servlet '" + mapping.servletName() + "' in <servlet-mapping>" + this.known());
            }
        }
        for (SecurityConstraint constraint : this.securityConstraints) {
            for (SecurityConstraint.ResourceCollection collection : constraint.collections()) {
                for (String servlet : collection.servletNames()) {
                    if (!this.servlets.containsKey(servlet)) {
                        // a constraint on a servlet that is not there would protect nothing while looking as if it did
                        throw new SipDeploymentException(at(constraint.origin()) + "unknown servlet '" + servlet + "' in <resource-collection> '" + collection.name()
                                + "' of <security-constraint>" + this.known());
                    }
                }
            }
        }
        SipDeploymentInfo resolved = this.copy();
        if (resolved.mainServlet == null && resolved.servletMappings.isEmpty() && resolved.servlets.size() == 1) {
            resolved.mainServlet = resolved.servlets.keySet().iterator().next();
            resolved.mainServletOrigin = "the application's only servlet";
        }
        return resolved;
    }

    private String known() {
        return this.servlets.isEmpty() ? "; the application declares no servlet" : "; the servlets are " + this.servlets.keySet();
    }

    private static String at(String origin) {
        return (origin != null) ? origin + ": " : "";
    }

    /** @return {@code "1.1"} for a JSR 289 descriptor, {@code "1.0"} for a JSR 116 one, {@code null} without descriptor */
    public String getVersion() {
        return this.version;
    }

    public SipDeploymentInfo setVersion(String version) {
        this.version = version;
        return this;
    }

    /** @return the application name, unique in the container; {@code null} until set */
    public String getApplicationName() {
        return this.applicationName;
    }

    public SipDeploymentInfo setApplicationName(String applicationName) {
        this.applicationName = applicationName;
        return this;
    }

    public String getDisplayName() {
        return this.displayName;
    }

    public SipDeploymentInfo setDisplayName(String displayName) {
        this.displayName = displayName;
        return this;
    }

    public String getDescription() {
        return this.description;
    }

    public SipDeploymentInfo setDescription(String description) {
        this.description = description;
        return this;
    }

    /** @return whether the application may run in a cluster */
    public boolean isDistributable() {
        return this.distributable;
    }

    public SipDeploymentInfo setDistributable(boolean distributable) {
        this.distributable = distributable;
        return this;
    }

    /** @return the servlet that gets initial requests when the application does not use servlet mappings; {@code null} if none */
    public String getMainServlet() {
        return this.mainServlet;
    }

    /** @return where the main servlet was chosen, such as {@code "sip.xml line 12"}; {@code null} if unknown */
    public String getMainServletOrigin() {
        return this.mainServletOrigin;
    }

    public SipDeploymentInfo setMainServlet(String mainServlet) {
        return this.setMainServlet(mainServlet, null);
    }

    /**
     * @param mainServlet the main servlet's name
     * @param origin where it was chosen, for error messages
     * @return this
     */
    public SipDeploymentInfo setMainServlet(String mainServlet, String origin) {
        this.mainServlet = mainServlet;
        this.mainServletOrigin = origin;
        return this;
    }

    /** @return the application session timeout in minutes (0 or less: never), or {@code null} for the container default */
    public Integer getSessionTimeout() {
        return this.sessionTimeout;
    }

    public SipDeploymentInfo setSessionTimeout(Integer minutes) {
        this.sessionTimeout = minutes;
        return this;
    }

    /** @return the default proxy timeout in seconds, or {@code null} for the container default */
    public Integer getProxyTimeout() {
        return this.proxyTimeout;
    }

    public SipDeploymentInfo setProxyTimeout(Integer seconds) {
        this.proxyTimeout = seconds;
        return this;
    }

    /** @return the {@code @SipApplicationKey} method, or {@code null} */
    public ApplicationKeyMethod getApplicationKey() {
        return this.applicationKey;
    }

    public SipDeploymentInfo setApplicationKey(ApplicationKeyMethod applicationKey) {
        this.applicationKey = applicationKey;
        return this;
    }

    /** @return the servlets, in declaration order */
    public List<ServletInfo> getServlets() {
        return List.copyOf(this.servlets.values());
    }

    /**
     * @param name a servlet name
     * @return that servlet, or {@code null}
     */
    public ServletInfo getServlet(String name) {
        return this.servlets.get(name);
    }

    /**
     * @param servlet a servlet whose name is new to the application
     * @return this
     * @throws IllegalArgumentException if the application already has a servlet of that name
     */
    public SipDeploymentInfo addServlet(ServletInfo servlet) {
        if (this.servlets.putIfAbsent(servlet.getName(), servlet) != null) {
            throw new IllegalArgumentException("the application already has a servlet named " + servlet.getName());
        }
        return this;
    }

    /** @return the servlet mappings, in the order they are tried */
    public List<ServletMapping> getServletMappings() {
        return Collections.unmodifiableList(this.servletMappings);
    }

    public SipDeploymentInfo addServletMapping(ServletMapping mapping) {
        this.servletMappings.add(Objects.requireNonNull(mapping, "mapping"));
        return this;
    }

    /** @return the listener class names, in declaration order */
    public List<String> getListeners() {
        return Collections.unmodifiableList(this.listeners);
    }

    /**
     * @param className a listener class name; added once
     * @return this
     */
    public SipDeploymentInfo addListener(String className) {
        if (!this.listeners.contains(Objects.requireNonNull(className, "className"))) {
            this.listeners.add(className);
        }
        return this;
    }

    /** @return the context parameters, in declaration order */
    public Map<String, String> getContextParams() {
        return Collections.unmodifiableMap(this.contextParams);
    }

    public SipDeploymentInfo addContextParam(String name, String value) {
        this.contextParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @return what the application declares that the container ignores, one sentence each, with its location */
    public List<String> getUnsupported() {
        return Collections.unmodifiableList(this.unsupported);
    }

    public SipDeploymentInfo addUnsupported(String warning) {
        this.unsupported.add(Objects.requireNonNull(warning, "warning"));
        return this;
    }

    /** @return the {@code <security-constraint>}s, in declaration order */
    public List<SecurityConstraint> getSecurityConstraints() {
        return Collections.unmodifiableList(this.securityConstraints);
    }

    public SipDeploymentInfo addSecurityConstraint(SecurityConstraint constraint) {
        this.securityConstraints.add(Objects.requireNonNull(constraint, "constraint"));
        return this;
    }

    /** @return the environment entries, references and lifecycle callbacks of {@code sip.xml}, in declaration order */
    public List<EnvironmentReference> getEnvironment() {
        return Collections.unmodifiableList(this.environment);
    }

    public SipDeploymentInfo addEnvironment(EnvironmentReference reference) {
        this.environment.add(Objects.requireNonNull(reference, "reference"));
        return this;
    }

    /** @return the role names of the {@code <security-role>}s */
    public java.util.Set<String> getSecurityRoles() {
        return Collections.unmodifiableSet(this.securityRoles);
    }

    public SipDeploymentInfo addSecurityRole(String role) {
        this.securityRoles.add(Objects.requireNonNull(role, "role"));
        return this;
    }

    /** @return the {@code <login-config>}, or {@code null} */
    public LoginConfig getLoginConfig() {
        return this.loginConfig;
    }

    public SipDeploymentInfo setLoginConfig(LoginConfig loginConfig) {
        this.loginConfig = loginConfig;
        return this;
    }

    @Override
    public String toString() {
        return "SipDeploymentInfo[" + this.applicationName + ", servlets=" + this.servlets.values() + ", main=" + this.mainServlet
                + ", mappings=" + this.servletMappings.size() + "]";
    }
}
