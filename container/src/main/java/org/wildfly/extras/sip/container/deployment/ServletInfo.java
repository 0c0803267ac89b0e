package org.wildfly.extras.sip.container.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SIP servlet of an application, from a {@code <servlet>} element or a {@code @SipServlet} class: a fluent,
 * copyable description.
 */
public final class ServletInfo {

    /**
     * The values of a servlet's {@code @SipServlet} annotation, as written.
     * @param name the name, or empty for the simple class name
     * @param applicationName the application, or empty for the package's
     * @param description the description, or empty
     * @param loadOnStartup the load order; negative to load when needed
     */
    public record SipServletAnnotation(String name, String applicationName, String description, int loadOnStartup) {
    }

    private final String name;
    private final String className;
    private Integer loadOnStartup;
    private String description;
    private String origin;
    private SipServletAnnotation annotation;
    private String runAsRole;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final Map<String, String> roleLinks = new LinkedHashMap<>();

    /**
     * @param name the servlet name, unique in the application
     * @param className the binary name of its class, a {@code javax.servlet.sip.SipServlet}
     */
    public ServletInfo(String name, String className) {
        this.name = Objects.requireNonNull(name, "name");
        this.className = Objects.requireNonNull(className, "className");
    }

    /** @return a deep copy */
    public ServletInfo copy() {
        ServletInfo copy = new ServletInfo(this.name, this.className);
        copy.loadOnStartup = this.loadOnStartup;
        copy.description = this.description;
        copy.origin = this.origin;
        copy.annotation = this.annotation;
        copy.runAsRole = this.runAsRole;
        copy.initParams.putAll(this.initParams);
        copy.roleLinks.putAll(this.roleLinks);
        return copy;
    }

    public String getName() {
        return this.name;
    }

    public String getClassName() {
        return this.className;
    }

    /** @return the load order: 0 or more to load at deployment, lower first; negative or {@code null} to load when needed */
    public Integer getLoadOnStartup() {
        return this.loadOnStartup;
    }

    public ServletInfo setLoadOnStartup(Integer loadOnStartup) {
        this.loadOnStartup = loadOnStartup;
        return this;
    }

    public String getDescription() {
        return this.description;
    }

    public ServletInfo setDescription(String description) {
        this.description = description;
        return this;
    }

    /** @return where it was declared, such as {@code "sip.xml line 9"} or {@code "@SipServlet on class org.example.A"}; {@code null} if unknown */
    public String getOrigin() {
        return this.origin;
    }

    public ServletInfo setOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    /** @return the values of its {@code @SipServlet} annotation, or {@code null} if its class has none */
    public SipServletAnnotation getAnnotation() {
        return this.annotation;
    }

    public ServletInfo setAnnotation(SipServletAnnotation annotation) {
        this.annotation = annotation;
        return this;
    }

    /** @return the role of its {@code <run-as>}: what the components it calls see it as while it runs; {@code null} for its caller's identity */
    public String getRunAsRole() {
        return this.runAsRole;
    }

    public ServletInfo setRunAsRole(String runAsRole) {
        this.runAsRole = runAsRole;
        return this;
    }

    /** @return the init parameters, in declaration order */
    public Map<String, String> getInitParams() {
        return Collections.unmodifiableMap(this.initParams);
    }

    /** @return the {@code <security-role-ref>}s: the role name the servlet's code uses → the security role it stands for */
    public Map<String, String> getRoleLinks() {
        return Collections.unmodifiableMap(this.roleLinks);
    }

    public ServletInfo addRoleLink(String roleName, String roleLink) {
        this.roleLinks.put(Objects.requireNonNull(roleName, "roleName"), Objects.requireNonNull(roleLink, "roleLink"));
        return this;
    }

    public ServletInfo addInitParam(String name, String value) {
        this.initParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public String toString() {
        return this.name + "=" + this.className;
    }
}
