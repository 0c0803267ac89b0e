package org.wildfly.extension.sip.deployment;

import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * A SIP application resolved from its descriptor and annotations, ready to be started with its servlet context.
 * @param deployment the deployment's name
 * @param info the merged, resolved deployment model
 * @param classLoader the deployment's class loader
 * @param resources the application's SipFactory, TimerService and SipSessionsUtil once it runs
 */
record SipApplication(String deployment, SipDeploymentInfo info, ClassLoader classLoader, SipApplicationResources resources) {

    String name() {
        return this.info.getApplicationName();
    }
}
