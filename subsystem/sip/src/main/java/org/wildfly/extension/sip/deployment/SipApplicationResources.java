package org.wildfly.extension.sip.deployment;

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
    }

    private final Map<Kind, Object> values = new ConcurrentHashMap<>();

    /** Takes the resources the container put into the application's servlet context. */
    void capture(ServletContext context) {
        for (Kind kind : Kind.values()) {
            Object value = context.getAttribute(kind.attribute);
            if (value != null) {
                this.values.put(kind, value);
            }
        }
    }

    void clear() {
        this.values.clear();
    }

    /**
     * @param kind which resource
     * @return it
     * @throws IllegalStateException if the application is not running
     */
    Object get(Kind kind) {
        Object value = this.values.get(kind);
        if (value == null) {
            throw new IllegalStateException("The SIP application is not running: its " + kind.jndiName + " is not available");
        }
        return value;
    }
}
