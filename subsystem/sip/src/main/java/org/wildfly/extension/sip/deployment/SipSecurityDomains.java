package org.wildfly.extension.sip.deployment;

import java.util.function.Supplier;

import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.dmr.ModelNode;
import org.jboss.msc.service.ServiceName;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * Finds the Elytron security domain that authenticates the callers of a SIP application with {@code <security-constraint>}s,
 * as Undertow does for a web application: the {@code <security-domain>} of its {@code jboss-web.xml}, else {@code other}, names
 * an Undertow {@code application-security-domain} (whose Elytron domain is used), or else an Elytron {@code security-domain}
 * directly. A server with neither {@code other} falls back to Elytron's {@code ApplicationDomain}, the domain of
 * {@code application-users.properties} that every WildFly configuration has. No domain found: the deployment is refused.
 */
final class SipSecurityDomains {

    /** The name a deployment that names no security domain gets, as in Undertow's and EJB's default configuration. */
    static final String DEFAULT = "other";
    /** The Elytron domain of application users, used when the server has no {@code other}. */
    static final String APPLICATION_DOMAIN = "ApplicationDomain";
    /** What {@code /deployment=*&#47;subsystem=sip} shows: the domain that authenticates the application's callers. */
    static final String SECURITY_DOMAIN = "security-domain";

    private static final String APPLICATION_SECURITY_DOMAIN_CAPABILITY = "org.wildfly.undertow.application-security-domain";
    private static final String SECURITY_DOMAIN_CAPABILITY = "org.wildfly.security.security-domain";

    private SipSecurityDomains() {
    }

    /**
     * Makes the web deployment wait for the application's security domain, if it has constraints or a servlet with a run-as.
     * @param context the INSTALL phase
     * @param application the SIP application
     * @param model {@code /deployment=*&#47;subsystem=sip}
     * @return the domain once the web deployment starts; {@code null} if the application has no security constraint and no run-as
     * @throws DeploymentUnitProcessingException if no domain can be found, saying what to configure
     */
    static Supplier<SecurityDomain> install(DeploymentPhaseContext context, SipApplication application, ModelNode model) throws DeploymentUnitProcessingException {
        boolean runAs = application.info().getServlets().stream().anyMatch(servlet -> servlet.getRunAsRole() != null);
        if (application.info().getSecurityConstraints().isEmpty() && !runAs) {
            return null;
        }
        DeploymentUnit unit = context.getDeploymentUnit();
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        String named = (war != null && war.getMergedJBossWebMetaData() != null) ? war.getMergedJBossWebMetaData().getSecurityDomain() : null;
        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        String name = (named != null) ? named : DEFAULT;
        ServiceName domain;
        String shown;
        if (support.hasCapability(APPLICATION_SECURITY_DOMAIN_CAPABILITY, name)) {
            // the Elytron domain behind Undertow's application-security-domain, which it provides beside its own service
            domain = support.getCapabilityServiceName(APPLICATION_SECURITY_DOMAIN_CAPABILITY, name).append("security-domain");
            shown = "application-security-domain " + name;
        } else if (support.hasCapability(SECURITY_DOMAIN_CAPABILITY, name)) {
            domain = support.getCapabilityServiceName(SECURITY_DOMAIN_CAPABILITY, name);
            shown = "security-domain " + name;
        } else if (named == null && support.hasCapability(SECURITY_DOMAIN_CAPABILITY, APPLICATION_DOMAIN)) {
            domain = support.getCapabilityServiceName(SECURITY_DOMAIN_CAPABILITY, APPLICATION_DOMAIN);
            shown = "security-domain " + APPLICATION_DOMAIN;
        } else {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, "its sip.xml has " + (runAs ? "a servlet with <run-as>" : "<security-constraint>s")
                    + ", but this server has no security domain '" + name + "' to " + (runAs ? "give the run-as identity" : "authenticate its callers") + (named != null ? " (named by <security-domain> in jboss-web.xml)" : " (the default, as jboss-web.xml names none)")
                    + ": add /subsystem=undertow/application-security-domain=" + name + ":add(security-domain=ApplicationDomain), or an Elytron"
                    + " /subsystem=elytron/security-domain=" + name + ", or name an existing one in jboss-web.xml <security-domain>"));
        }
        java.util.concurrent.atomic.AtomicReference<SecurityDomain> captured = new java.util.concurrent.atomic.AtomicReference<>();
        ServiceName holder = unit.getServiceName().append("sip-security-domain");
        ServiceInstaller.builder(ServiceDependency.<SecurityDomain>on(domain)).provides(holder).withCaptor(captured::set).build().install(context);
        unit.addToAttachmentList(Attachments.WEB_DEPENDENCIES, holder);
        model.get(SECURITY_DOMAIN).set(shown);
        return captured::get;
    }
}
