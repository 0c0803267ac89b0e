package org.wildfly.extras.sip.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code WEB-INF/sip.xml} (SIP Servlet 1.1) written in code, for a test's archive: the application's name, its
 * servlets, the main servlet that takes its initial requests, listeners, context parameters and
 * {@code <distributable/>}.
 *
 * <pre>
 * SipDescriptor.application("counter").mainServlet("counter", CounterServlet.class).distributable()
 * </pre>
 */
public final class SipDescriptor {

    private final String applicationName;
    private final Map<String, String> servlets = new LinkedHashMap<>();
    private final List<String> listeners = new ArrayList<>();
    private final Map<String, String> contextParameters = new LinkedHashMap<>();
    private String mainServlet;
    private boolean distributable;

    private SipDescriptor(String applicationName) {
        this.applicationName = requireName(applicationName, "application name");
    }

    /** @return a descriptor of an application of that name ({@code <app-name>}), without servlets yet */
    public static SipDescriptor application(String applicationName) {
        return new SipDescriptor(applicationName);
    }

    /** @return the application's name, which also names its archive in {@link SipArchives} */
    public String applicationName() {
        return this.applicationName;
    }

    /** Declares a SIP servlet. */
    public SipDescriptor servlet(String name, Class<?> servletClass) {
        this.servlets.put(requireName(name, "servlet name"), servletClass.getName());
        return this;
    }

    /** Declares a SIP servlet and makes it the main servlet ({@code <servlet-selection><main-servlet>}). */
    public SipDescriptor mainServlet(String name, Class<?> servletClass) {
        this.servlet(name, servletClass);
        this.mainServlet = name;
        return this;
    }

    /** Names the main servlet of an application whose servlets are declared by {@code @SipServlet} annotations. */
    public SipDescriptor mainServlet(String name) {
        this.mainServlet = requireName(name, "main servlet name");
        return this;
    }

    /** Declares a listener: any of the SIP Servlet listener interfaces. */
    public SipDescriptor listener(Class<?> listenerClass) {
        this.listeners.add(listenerClass.getName());
        return this;
    }

    /** Adds a context parameter, read with {@code ServletContext.getInitParameter}. */
    public SipDescriptor contextParameter(String name, String value) {
        this.contextParameters.put(requireName(name, "context parameter name"), value);
        return this;
    }

    /** Marks the application {@code <distributable/>}: its sessions are replicated in a cluster. */
    public SipDescriptor distributable() {
        this.distributable = true;
        return this;
    }

    /** @return the classes the descriptor names, to add to an archive */
    List<String> classNames() {
        List<String> names = new ArrayList<>(this.servlets.values());
        names.addAll(this.listeners);
        return names;
    }

    /** @return the descriptor's XML */
    @Override
    public String toString() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                """);
        xml.append("    <app-name>").append(escape(this.applicationName)).append("</app-name>\n");
        if (this.distributable) {
            xml.append("    <javaee:distributable/>\n");
        }
        this.contextParameters.forEach((name, value) -> xml.append("    <javaee:context-param>\n        <javaee:param-name>").append(escape(name))
                .append("</javaee:param-name>\n        <javaee:param-value>").append(escape(value)).append("</javaee:param-value>\n    </javaee:context-param>\n"));
        this.listeners.forEach(listener -> xml.append("    <listener>\n        <javaee:listener-class>").append(listener).append("</javaee:listener-class>\n    </listener>\n"));
        if (this.mainServlet != null) {
            xml.append("    <servlet-selection>\n        <main-servlet>").append(escape(this.mainServlet)).append("</main-servlet>\n    </servlet-selection>\n");
        }
        this.servlets.forEach((name, servletClass) -> xml.append("    <servlet>\n        <javaee:servlet-name>").append(escape(name))
                .append("</javaee:servlet-name>\n        <javaee:servlet-class>").append(servletClass).append("</javaee:servlet-class>\n    </servlet>\n"));
        return xml.append("</sip-app>\n").toString();
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A SIP application's " + what + " must not be empty");
        }
        return name;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
