package org.wildfly.extension.sip.clustering;

import org.wildfly.clustering.server.service.BinaryServiceConfiguration;
import org.wildfly.extension.sip.session.SipSessionGranularity;
import org.wildfly.extension.sip.session.SipSessionManagementProvider;

/**
 * SIP session management on an Infinispan cache of a cache container of the {@code infinispan} subsystem.
 * @param cache the cache container and, if named, the cache whose configuration the SIP session caches copy
 * @param granularity what a cache write carries
 * @param marshaller how attributes are serialized
 */
public record InfinispanSipSessionManagementProvider(BinaryServiceConfiguration cache, SipSessionGranularity granularity, SipSessionMarshaller marshaller) implements SipSessionManagementProvider {

    @Override
    public SipSessionGranularity getGranularity() {
        return this.granularity;
    }
}
