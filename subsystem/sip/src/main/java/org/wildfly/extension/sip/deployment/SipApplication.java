package org.wildfly.extension.sip.deployment;

import java.util.List;

import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * A SIP application resolved from its descriptor and annotations, ready to be started with its servlet context.
 * @param deployment the deployment's name
 * @param info the merged, resolved deployment model
 * @param classLoader the deployment's class loader
 * @param resources the application's SipFactory, TimerService and SipSessionsUtil once it runs
 * @param staticResources the static {@code @Resource} fields to set before its servlets are created
 */
record SipApplication(String deployment, SipDeploymentInfo info, ClassLoader classLoader, SipApplicationResources resources, List<SipContent.StaticResource> staticResources) {

    String name() {
        return this.info.getApplicationName();
    }
}
