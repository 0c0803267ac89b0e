package org.wildfly.extension.sip.deployment;

import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.server.deployment.module.ModuleDependency;
import org.jboss.as.server.deployment.module.ModuleSpecification;
import org.jboss.modules.Module;
import org.jboss.modules.ModuleLoader;

/**
 * Gives a SIP application the SIP Servlet API, and the container whose objects it is handed.
 */
final class SipDependencyProcessor implements DeploymentUnitProcessor {

    static final String API_MODULE = "javax.servlet.sip.api";
    static final String CONTAINER_MODULE = "org.wildfly.extras.sip.container";

    @Override
    public void deploy(DeploymentPhaseContext context) {
        DeploymentUnit unit = context.getDeploymentUnit();
        if (unit.getAttachment(SipAttachments.SIP_CONTENT) == null) {
            return;
        }
        ModuleSpecification specification = unit.getAttachment(Attachments.MODULE_SPECIFICATION);
        ModuleLoader loader = Module.getBootModuleLoader();
        specification.addSystemDependency(ModuleDependency.Builder.of(loader, API_MODULE).setReason("SIP application").build());
        specification.addSystemDependency(ModuleDependency.Builder.of(loader, CONTAINER_MODULE).setReason("SIP application").build());
    }
}
