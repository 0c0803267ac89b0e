package org.wildfly.extension.sip.deployment;

import java.util.function.Consumer;

import org.jboss.as.server.DeploymentProcessorTarget;
import org.jboss.as.server.deployment.Phase;

/**
 * The deployment processors of the {@code sip} subsystem, in the order a SIP deployment meets them.
 */
public final class SipDeploymentChain implements Consumer<DeploymentProcessorTarget> {

    // just after Undertow marks .war files as web deployments, and before it lays out WEB-INF
    static final int STRUCTURE_SIP_ARCHIVE = Phase.STRUCTURE_WAR_DEPLOYMENT_INIT + 1;
    // once EE found an .ear's modules: a SIP archive it did not take as one is refused, not silently left out
    static final int STRUCTURE_EAR_SIP_MODULES = Phase.STRUCTURE_EAR + 1;
    // after Undertow made its servlets web components, so that the SIP servlets join them
    static final int PARSE_SIP_DEPLOYMENT = Phase.PARSE_WEB_COMPONENTS + 1;
    static final int DEPENDENCIES_SIP = Phase.DEPENDENCIES_WAR_MODULE + 1;
    // before EE installs the module's JNDI bindings, which include java:comp/env/sip/...
    static final int POST_MODULE_SIP_APPLICATION = Phase.POST_MODULE_INJECTION_ANNOTATION + 1;
    // once the application is resolved (distributable comes from sip.xml or @SipApplication): its provider reaches INSTALL
    static final int POST_MODULE_SIP_SESSION_MANAGEMENT = Phase.POST_MODULE_INJECTION_ANNOTATION + 2;
    // before Undertow installs the web deployment, which reads our servlet extension
    static final int INSTALL_SIP_APPLICATION = Phase.INSTALL_WAR_DEPLOYMENT - 1;

    static final String SUBSYSTEM = "sip";
    /** Attributes of {@code /deployment=*&#47;subsystem=sip} that the install processor writes. */
    public static final String APPLICATION_NAME = "application-name";
    public static final String SERVLETS = "servlets";

    @Override
    public void accept(DeploymentProcessorTarget target) {
        target.addDeploymentProcessor(SUBSYSTEM, Phase.STRUCTURE, STRUCTURE_SIP_ARCHIVE, new SipArchiveStructureProcessor());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.STRUCTURE, STRUCTURE_EAR_SIP_MODULES, new EnterpriseArchiveSipModules());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.PARSE, PARSE_SIP_DEPLOYMENT, new SipParsingProcessor());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.DEPENDENCIES, DEPENDENCIES_SIP, new SipDependencyProcessor());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.POST_MODULE, POST_MODULE_SIP_APPLICATION, new SipApplicationProcessor());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.POST_MODULE, POST_MODULE_SIP_SESSION_MANAGEMENT, new SipSessionManagementProcessor());
        target.addDeploymentProcessor(SUBSYSTEM, Phase.INSTALL, INSTALL_SIP_APPLICATION, new SipInstallProcessor());
    }
}
