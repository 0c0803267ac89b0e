package org.wildfly.extension.sip.deployment;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipServlet;

/**
 * The objects a running SIP application offers through JNDI and {@code @Resource}: they exist only once the container
 * deployed it, while JNDI bindings and injection sources are set up before, so they read them from here.
 */
final class SipApplicationResources {

    /** A resource of a SIP application: its servlet context attribute and its JNDI name under {@code sip/<app-name>/}. */
    enum Kind {
        SIP_FACTORY(SipServlet.SIP_FACTORY, "SipFactory", javax.servlet.sip.SipFactory.class),
        TIMER_SERVICE(SipServlet.TIMER_SERVICE, "TimerService", javax.servlet.sip.TimerService.class),
        SIP_SESSIONS_UTIL(SipServlet.SIP_SESSIONS_UTIL, "SipSessionsUtil", javax.servlet.sip.SipSessionsUtil.class);

        private final String attribute;
        private final String jndiName;
        private final Class<?> type;

        Kind(String attribute, String jndiName, Class<?> type) {
            this.attribute = attribute;
            this.jndiName = jndiName;
            this.type = type;
        }

        /** @return the name under {@code java:comp/env}, e.g. {@code sip/chat/SipFactory} */
        String environmentName(String applicationName) {
            return "sip/" + applicationName + "/" + this.jndiName;
        }

        Class<?> type() {
            return this.type;
        }

        /** @return the resource of this type, or {@code null} for another type */
        static Kind of(String typeName) {
            for (Kind kind : values()) {
                if (kind.type.getName().equals(typeName)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final Map<Kind, Object> values = new ConcurrentHashMap<>();
    private final Map<Kind, Object> forwarders = new ConcurrentHashMap<>();

    private volatile ServletContext context;

    /** The application is being deployed with this servlet context, where the container puts its resources first. */
    void starting(ServletContext context) {
        this.context = context;
    }

    /** The application runs: takes the resources the container put into its servlet context. */
    void started() {
        for (Kind kind : Kind.values()) {
            Object value = this.context.getAttribute(kind.attribute);
            if (value != null) {
                this.values.put(kind, value);
            }
        }
    }

    void stopped() {
        this.values.clear();
        this.context = null;
    }

    /**
     * What JNDI and {@code @Resource} hand out: the resource itself once the application runs; before, while the
     * container creates the application's servlets (and injects them), an object of the same interface that forwards
     * each call to the resource, which exists by the time a servlet's init runs.
     * @param kind which resource
     * @return it, or its forwarder
     */
    Object reference(Kind kind) {
        Object value = this.values.get(kind);
        return (value != null) ? value : this.forwarders.computeIfAbsent(kind, this::forwarder);
    }

    private Object forwarder(Kind kind) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> arguments[0] == proxy || this.get(kind).equals(arguments[0]);
                    case "hashCode" -> this.get(kind).hashCode();
                    default -> "forwarder to the " + kind.jndiName + " of a SIP application";
                };
            }
            try {
                return method.invoke(this.get(kind), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(kind.type.getClassLoader(), new Class<?>[] {kind.type}, handler);
    }

    /**
     * @param kind which resource
     * @return it
     * @throws IllegalStateException if the application is not running
     */
    Object get(Kind kind) {
        Object value = this.values.get(kind);
        ServletContext context = this.context;
        if (value == null && context != null) {
            value = context.getAttribute(kind.attribute); // during deploy, e.g. from a SipServletListener
        }
        if (value == null) {
            throw new IllegalStateException("The SIP application is not running: its " + kind.jndiName + " is not available");
        }
        return value;
    }
}
