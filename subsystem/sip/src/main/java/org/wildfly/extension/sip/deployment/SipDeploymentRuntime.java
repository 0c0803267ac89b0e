package org.wildfly.extension.sip.deployment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.wildfly.extras.sip.container.SipContainer;

/**
 * The SIP applications running on this server, by deployment name, for the management model's live numbers.
 */
public final class SipDeploymentRuntime {

    /** A running application: its name and the container it runs on. */
    record Running(String applicationName, Supplier<SipContainer> container) {
    }

    private static final Map<String, Running> RUNNING = new ConcurrentHashMap<>();

    private SipDeploymentRuntime() {
    }

    static void started(String deployment, String applicationName, Supplier<SipContainer> container) {
        RUNNING.put(deployment, new Running(applicationName, container));
    }

    static void stopped(String deployment) {
        RUNNING.remove(deployment);
    }

    /**
     * @param deployment a deployment's name
     * @return the number of application sessions of its SIP application on this node, or -1 when it is not running
     */
    public static int applicationSessions(String deployment) {
        Integer sessions = ofRunning(deployment, SipContainer::applicationSessionCount);
        return (sessions != null) ? sessions : -1;
    }

    /**
     * @param deployment a deployment's name
     * @return its application sessions and their calls (a distributable application's: the cluster's), or {@code null}
     *         when it is not running
     */
    public static java.util.List<org.wildfly.extras.sip.container.RuntimeStatistics.CallSession> calls(String deployment) {
        return ofRunning(deployment, SipContainer::calls);
    }

    /**
     * @param deployment a deployment's name
     * @return the live figures of its SIP application on this node, or {@code null} when it is not running
     */
    public static org.wildfly.extras.sip.container.RuntimeStatistics.Application statistics(String deployment) {
        return ofRunning(deployment, SipContainer::statistics);
    }

    /** @return what the container says of a deployment's running application, or {@code null} when it is not running */
    private static <T> T ofRunning(String deployment, java.util.function.BiFunction<SipContainer, String, T> figure) {
        Running running = RUNNING.get(deployment);
        SipContainer container = (running != null) ? running.container().get() : null;
        return (container != null) ? figure.apply(container, running.applicationName()) : null;
    }
}
