package org.wildfly.extras.sip.container;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

/**
 * The servlet context a SIP application sees: the host's context (attributes, parameters, resources, the host's own
 * servlets), whose {@code getNamedDispatcher} also knows the application's SIP servlets, which the host has never
 * heard of (JSR 289 applications hand requests from servlet to servlet by name).
 */
final class SipServletContextView {

    private SipServletContextView() {
    }

    /**
     * @param definition the application, with the host's servlet context
     * @return the view of that context its SIP servlets, messages and sessions show; {@code null} when the host gave none
     */
    static ServletContext of(SipApplicationDefinition definition) {
        ServletContext host = definition.servletContext();
        if (host == null) {
            return null;
        }
        // a proxy rather than a class that delegates each method: it delegates whatever Servlet API version the host runs
        return (ServletContext) Proxy.newProxyInstance(SipServletContextView.class.getClassLoader(), new Class<?>[] { ServletContext.class },
                (proxy, method, arguments) -> invoke(definition, host, proxy, method, arguments));
    }

    private static Object invoke(SipApplicationDefinition definition, ServletContext host, Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getName().equals("getNamedDispatcher") && arguments.length == 1) {
            Servlet servlet = definition.servlets().get((String) arguments[0]);
            if (servlet != null) {
                // the named servlet runs in its own scope (its <run-as>), as it would if the container called it
                return new SipRequestDispatcher(definition.name(), (String) arguments[0], servlet, definition.scope().forServlet((String) arguments[0]));
            }
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "SIP view of " + host;
            };
        }
        try {
            return method.invoke(host, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
