package org.wildfly.extension.sip.session;

import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

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
}
