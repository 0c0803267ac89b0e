package org.wildfly.extras.sip.container;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipServletRequest;

/**
 * A SIP application ready to run: its servlets, already instantiated by the host (WildFly, or a test), its listeners,
 * and the settings the container applies to it.
 * @param name the application name
 * @param servlets the SIP servlets by name, in declaration order
 * @param mainServlet the servlet that gets initial requests, or {@code null} when servlet-mapping rules choose
 * @param listeners listener objects (session, attribute, servlet listeners)
 * @param sessionTimeoutMinutes the application-session timeout; 0 or less for never
 * @param servletContext the application's servlet context
 * @param servletSelector names the servlet of an initial request (main servlet or servlet-mapping rules); {@code null} when none serves it
 * @param applicationKey the application's {@code @SipApplicationKey} method: the key of an initial request's application session, or {@code null}
 */
public record SipApplicationDefinition(String name, Map<String, Servlet> servlets, String mainServlet, List<Object> listeners, int sessionTimeoutMinutes, ServletContext servletContext,
        Function<SipServletRequest, String> servletSelector, Function<SipServletRequest, String> applicationKey) {

    /** An application whose main servlet gets every initial request, without application keys. */
    public SipApplicationDefinition(String name, Map<String, Servlet> servlets, String mainServlet, List<Object> listeners, int sessionTimeoutMinutes, ServletContext servletContext) {
        this(name, servlets, mainServlet, listeners, sessionTimeoutMinutes, servletContext, request -> mainServlet, null);
    }

    public SipApplicationDefinition {
        if (mainServlet != null && !servlets.containsKey(mainServlet)) {
            throw new IllegalArgumentException("Application " + name + " has no servlet named " + mainServlet + " to be its main servlet; it has " + servlets.keySet());
        }
        servlets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servlets));
        listeners = List.copyOf(listeners);
    }
}
