package org.wildfly.extension.sip.deployment;

import org.jboss.as.server.deployment.DeploymentUnit;

/**
 * The wording of SIP deployment failures: the deployment, then what is wrong and what to change.
 */
final class SipDeploymentMessages {

    private SipDeploymentMessages() {
    }

    static String failed(DeploymentUnit unit, String reason) {
        return "SIP application " + unit.getName() + " cannot be deployed: " + reason;
    }
}
