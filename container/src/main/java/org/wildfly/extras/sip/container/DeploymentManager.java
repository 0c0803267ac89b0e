package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.ServletException;

import javax.servlet.sip.ar.SipApplicationRouter;

import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;

/**
 * The applications deployed on this container: deploys and undeploys them (telling the application router), and finds
 * the one a message is for, by name or by one of its application sessions.
 */
final class DeploymentManager {

    private static final System.Logger LOGGER = System.getLogger(DeploymentManager.class.getName());
    /** How long an application that stops lets its code that runs finish: a servlet takes milliseconds; one still running is stuck. */
    static final java.time.Duration CODE_WAIT = java.time.Duration.ofSeconds(1);
    /** How long an application that stops waits for the answers to the requests it sent: a phone answers a BYE in milliseconds. */
    static final java.time.Duration ANSWER_WAIT = java.time.Duration.ofSeconds(5);

    /** An application session and the deployment it belongs to. */
    record Found(Deployment deployment, SipApplicationSessionImpl applicationSession) {
    }

    private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
    /** Undeployed, and still finishing their running code and the answers to the requests they sent (no longer found for new work). */
    private final List<Deployment> leaving = new CopyOnWriteArrayList<>();
    private final SipApplicationRouter router;

    /** @param router hears of each application deployed and undeployed */
    DeploymentManager(SipApplicationRouter router) {
        this.router = router;
    }

    /**
     * Deploys an application: it is found from now on, the router hears of it, and its servlets initialize.
     * @param deployment the application, as yet {@link Deployment.State#DEPLOYING}
     * @throws ServletException if a servlet's init fails
     */
    void deploy(Deployment deployment) throws ServletException {
        this.deployments.add(deployment);
        this.router.applicationDeployed(List.of(deployment.applicationName()));
        deployment.start();
    }

    /**
     * Undeploys an application: it is no longer found, the router hears of it, and its sessions and servlets end here.
     * @param name the application name; nothing happens if none is deployed
     */
    void undeploy(String name) {
        for (Deployment deployment : this.deployments) {
            if (deployment.applicationName().equals(name)) {
                this.leaving.add(deployment);
                this.deployments.remove(deployment);
                this.router.applicationUndeployed(List.of(name));
                // its requests are refused from now on (503 on a leaving node: the balancer sends them to another node),
                // but what its servlets are doing ends, and the answers to the requests it sent are still handled, so that
                // those it relays reach their caller
                if (!deployment.awaitFinished(CODE_WAIT, ANSWER_WAIT)) {
                    LOGGER.log(Level.INFO, "Application {0} stops with its code still running after {1} s or requests it sent still unanswered after {2} s", name,
                            CODE_WAIT.toSeconds(), ANSWER_WAIT.toSeconds());
                }
                this.leaving.remove(deployment);
                deployment.stop();
                LOGGER.log(Level.DEBUG, "Application {0} undeployed", name);
            }
        }
    }

    /** Undeploys every application. */
    void undeployAll() {
        for (Deployment deployment : List.copyOf(this.deployments)) {
            this.undeploy(deployment.applicationName());
        }
    }

    /** @return the deployed application of that name, or {@code null} */
    Deployment find(String name) {
        for (Deployment deployment : this.deployments) {
            if (deployment.applicationName().equals(name)) {
                return deployment;
            }
        }
        return null;
    }

    /**
     * @param name a deployed application
     * @return it
     * @throws IllegalStateException if none of that name is deployed
     */
    Deployment get(String name) {
        Deployment deployment = this.find(name);
        if (deployment == null) {
            throw new IllegalStateException("Application " + name + " is not deployed");
        }
        return deployment;
    }

    /**
     * @param name an application deployed, or undeployed and still finishing what it was doing ({@link #findServing})
     * @return it
     * @throws IllegalStateException if there is none of that name
     */
    Deployment serving(String name) {
        Deployment deployment = this.findServing(name);
        if (deployment == null) {
            throw new IllegalStateException("Application " + name + " is not deployed");
        }
        return deployment;
    }

    /**
     * @param name an application name
     * @return the application of that name, deployed or undeployed and still finishing what it was doing (its servlets'
     *         work, the answers to its requests), or {@code null}
     */
    Deployment findServing(String name) {
        Deployment deployment = this.find(name);
        if (deployment == null) {
            deployment = this.leaving.stream().filter(candidate -> candidate.applicationName().equals(name)).findFirst().orElse(null);
        }
        return deployment;
    }

    /** @return the calls in progress on this node, of every application */
    int callsInProgress() {
        int calls = 0;
        for (Deployment deployment : this.deployments) {
            calls += deployment.callsInProgress();
        }
        return calls;
    }

    /**
     * @param transactionKey a new initial request's transaction ({@link SessionKeys#forTransaction})
     * @return the application session a deployment bound it to, or the key itself if none did so under another id
     */
    String boundTo(String transactionKey) {
        for (Deployment deployment : this.deployments) {
            String bound = deployment.bound(transactionKey);
            if (bound != null && !bound.equals(transactionKey)) {
                return bound;
            }
        }
        return transactionKey;
    }

    /** @return the application session of that id, in whichever application holds it, or {@code null} */
    Found holding(String applicationSessionId) {
        for (Deployment deployment : this.deployments) {
            SipApplicationSessionImpl applicationSession = deployment.find(applicationSessionId);
            if (applicationSession != null) {
                return new Found(deployment, applicationSession);
            }
        }
        return null;
    }
}
