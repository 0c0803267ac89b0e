package org.wildfly.extension.sip.session;

import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;
import org.wildfly.subsystem.service.DeploymentServiceInstaller;

/**
 * Provides distributable SIP session management to {@code <distributable/>} SIP applications.
 * The {@code sip-clustering} subsystem registers one per {@code *-session-management} resource,
 * and names the one applications get unless they choose.
 */
public interface SipSessionManagementProvider {

    /** A named provider. */
    UnaryServiceDescriptor<SipSessionManagementProvider> SERVICE_DESCRIPTOR = UnaryServiceDescriptor.of("org.wildfly.sip.session-management-provider", SipSessionManagementProvider.class);
    /** The provider applications get unless they name one. */
    NullaryServiceDescriptor<SipSessionManagementProvider> DEFAULT_SERVICE_DESCRIPTOR = NullaryServiceDescriptor.of("org.wildfly.sip.default-session-management-provider", SipSessionManagementProvider.class);

    /**
     * Tells what a write to the cache carries when a message changed a session.
     * @return the replication granularity
     */
    SipSessionGranularity getGranularity();

    /**
     * Installs the session store of one distributable deployment, with whatever it needs (e.g. a cache of its own).
     * @param deployment the deployment
     * @return the installer of the service named {@link SipSessionStoreConfiguration#serviceName()}, which provides the
     *         deployment's store and closes it when it stops
     */
    DeploymentServiceInstaller getSessionStoreServiceInstaller(SipSessionStoreConfiguration deployment);

    /**
     * Tells where a deployment's sessions are kept, for the runtime view of the deployment.
     * @param deployment the deployment
     * @return e.g. {@code web/app.war.sip}: the cache container and the deployment's cache
     */
    String getSessionStoreLocation(SipSessionStoreConfiguration deployment);
}
