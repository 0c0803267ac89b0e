package org.wildfly.extension.sip.deployment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application names in use on this server: the application router and the container know an application by its
 * name, so two deployments may not share one. A deployment holds its name from the moment its classes are known until
 * it is undeployed.
 */
final class SipApplicationNames {

    private static final Map<String, String> DEPLOYMENTS = new ConcurrentHashMap<>();

    private SipApplicationNames() {
    }

    /**
     * @param name the application name
     * @param deployment the deployment that wants it
     * @return the deployment that already holds it, or {@code null} if {@code deployment} now holds it
     */
    static String reserve(String name, String deployment) {
        String holder = DEPLOYMENTS.putIfAbsent(name, deployment);
        return (holder == null || holder.equals(deployment)) ? null : holder;
    }

    static void release(String name, String deployment) {
        DEPLOYMENTS.remove(name, deployment);
    }
}
