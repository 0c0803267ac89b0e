package org.wildfly.extras.sip.container;

import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

/**
 * A SIP application ready to run: its servlets, already instantiated by the host (WildFly, or a test), its listeners,
 * and the settings the container applies to it.
 * @param name the application name
 * @param servlets the SIP servlets by name, in declaration order
 * @param mainServlet the servlet that gets initial requests
 * @param listeners listener objects (session, attribute, servlet listeners)
 * @param sessionTimeoutMinutes the application-session timeout; 0 or less for never
 * @param servletContext the application's servlet context
 */
public record SipApplicationDefinition(String name, Map<String, Servlet> servlets, String mainServlet, List<Object> listeners, int sessionTimeoutMinutes, ServletContext servletContext) {

    public SipApplicationDefinition {
        if (!servlets.containsKey(mainServlet)) {
            throw new IllegalArgumentException("Application " + name + " has no servlet named " + mainServlet + " to be its main servlet; it has " + servlets.keySet());
        }
        servlets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servlets));
        listeners = List.copyOf(listeners);
    }
}
