package org.wildfly.extension.sip.deployment;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.dmr.ModelNode;
import org.jboss.msc.service.ServiceName;
import org.wildfly.extension.sip.SipServiceDescriptor;
import org.wildfly.extension.undertow.deployment.UndertowAttachments;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * Hooks a SIP application into its web deployment: the web deployment waits for the SIP container, and starts the SIP
 * application when its servlet context is initialized (so SIP and HTTP servlets share one context), and stops it when
 * that context is destroyed.
 */
final class SipInstallProcessor implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext context) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = context.getDeploymentUnit();
        SipApplication application = unit.getAttachment(SipAttachments.SIP_APPLICATION);
        if (application == null) {
            return;
        }
        AtomicReference<SipContainer> container = new AtomicReference<>();
        ServiceName name = unit.getServiceName().append("sip-container");
        ServiceInstaller.builder(ServiceDependency.on(SipServiceDescriptor.CONTAINER))
                .provides(name)
                .withCaptor(container::set)
                .build()
                .install(context);
        unit.addToAttachmentList(Attachments.WEB_DEPENDENCIES, name);
        // what /deployment=*/subsystem=sip shows
        ModelNode model = unit.getAttachment(Attachments.DEPLOYMENT_RESOURCE_SUPPORT).getDeploymentSubsystemModel(SipDeploymentChain.SUBSYSTEM);
        model.get(SipDeploymentChain.APPLICATION_NAME).set(application.name());
        ModelNode servlets = model.get(SipDeploymentChain.SERVLETS).setEmptyList();
        application.info().getServlets().forEach(servlet -> servlets.add(servlet.getName()));
        Supplier<SipSessionStore> store = SipSessionManagementProcessor.installStore(context, application, model);
        Supplier<SecurityDomain> securityDomain = SipSecurityDomains.install(context, application, model);
        unit.addToAttachmentList(UndertowAttachments.UNDERTOW_SERVLET_EXTENSIONS, new SipApplicationLifecycle(application, container::get, store, securityDomain));
    }
}
