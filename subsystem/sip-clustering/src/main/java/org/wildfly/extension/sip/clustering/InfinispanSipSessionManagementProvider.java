package org.wildfly.extension.sip.clustering;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.infinispan.Cache;
import org.jboss.marshalling.ModularClassResolver;
import org.jboss.modules.Module;
import org.wildfly.clustering.infinispan.service.CacheConfigurationServiceInstaller;
import org.wildfly.clustering.infinispan.service.CacheServiceInstaller;
import org.wildfly.clustering.infinispan.service.InfinispanServiceDescriptor;
import org.wildfly.clustering.marshalling.ByteBufferMarshaller;
import org.wildfly.clustering.server.service.BinaryServiceConfiguration;
import org.wildfly.extension.sip.session.SipSessionGranularity;
import org.wildfly.extension.sip.session.SipSessionManagementProvider;
import org.wildfly.extension.sip.session.SipSessionStoreConfiguration;
import org.wildfly.extras.sip.clustering.InfinispanSipSessionStore;
import org.wildfly.extras.sip.clustering.SessionGranularity;
import org.wildfly.extras.sip.clustering.SessionMarshaller;
import org.wildfly.extras.sip.clustering.SipCacheConfigurator;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.subsystem.service.DeploymentServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * SIP session management on an Infinispan cache of a cache container of the {@code infinispan} subsystem: each
 * distributable deployment gets a cache of its own, {@code <deployment>.sip}, configured as the named cache (or the
 * container's default one), and an {@link InfinispanSipSessionStore} over it.
 * @param cache the cache container and, if named, the cache whose configuration the SIP session caches copy
 * @param granularity what a cache write carries
 * @param marshaller how attributes are serialized
 */
public record InfinispanSipSessionManagementProvider(BinaryServiceConfiguration cache, SipSessionGranularity granularity, SipSessionMarshaller marshaller) implements SipSessionManagementProvider {

    /** The suffix of a deployment's cache name; it differs from the deployment name, which Undertow's session cache takes. */
    static final String CACHE_SUFFIX = ".sip";

    @Override
    public SipSessionGranularity getGranularity() {
        return this.granularity;
    }

    @Override
    public DeploymentServiceInstaller getSessionStoreServiceInstaller(SipSessionStoreConfiguration deployment) {
        BinaryServiceConfiguration deploymentCache = this.cache.withChildName(deployment.deploymentName() + CACHE_SUFFIX);
        DeploymentServiceInstaller configurationInstaller = new CacheConfigurationServiceInstaller(deploymentCache, CacheConfigurationServiceInstaller.fromTemplate(this.cache).map(new SipCacheConfigurator()));
        DeploymentServiceInstaller cacheInstaller = new CacheServiceInstaller(deploymentCache);
        ServiceDependency<Cache<?, ?>> cache = deploymentCache.getServiceDependency(InfinispanServiceDescriptor.CACHE);
        String applicationName = deployment.applicationName();
        SessionGranularity granularity = SessionGranularity.valueOf(this.granularity.name());
        SessionMarshaller marshaller = SessionMarshaller.valueOf(this.marshaller.name());
        Module module = deployment.module();
        Supplier<SipSessionStore> store = new Supplier<>() {
            @Override
            public SipSessionStore get() {
                ByteBufferMarshaller bytes = marshaller.create(module.getClassLoader(), ModularClassResolver.getInstance(module.getModuleLoader()));
                return new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
                    @SuppressWarnings("unchecked")
                    @Override
                    public Cache<String, Map<String, Object>> cache() {
                        return (Cache<String, Map<String, Object>>) cache.get();
                    }

                    @Override
                    public String applicationName() {
                        return applicationName;
                    }

                    @Override
                    public SessionGranularity granularity() {
                        return granularity;
                    }

                    @Override
                    public ByteBufferMarshaller marshaller() {
                        return bytes;
                    }
                });
            }
        };
        DeploymentServiceInstaller storeInstaller = ServiceInstaller.builder(store)
                .provides(deployment.serviceName())
                .requires(List.of(cache))
                .onStop(SipSessionStore::close)
                .build();
        return DeploymentServiceInstaller.combine(configurationInstaller, cacheInstaller, storeInstaller);
    }

    @Override
    public String getSessionStoreLocation(SipSessionStoreConfiguration deployment) {
        return this.cache.getParentName() + "/" + deployment.deploymentName() + CACHE_SUFFIX;
    }
}
