package org.wildfly.extras.sip.clustering;

import java.util.Map;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;
import org.infinispan.transaction.lookup.EmbeddedTransactionManagerLookup;
import org.infinispan.util.concurrent.IsolationLevel;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.wildfly.clustering.cache.infinispan.marshalling.MediaTypes;
import org.wildfly.clustering.cache.infinispan.marshalling.UserMarshaller;
import org.wildfly.clustering.marshalling.protostream.ClassLoaderMarshaller;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamByteBufferMarshaller;
import org.wildfly.clustering.marshalling.protostream.SerializationContextBuilder;

/**
 * One cluster member in this JVM: a cache manager on the loopback JGroups stack, with the cache container marshaller
 * WildFly's {@code web} container has (ProtoStream from WildFly's initializers, none of ours), and the deployment's
 * cache as WildFly's {@code dist} cache is (distributed, transactional, pessimistic, repeatable read).
 */
final class ClusterNode implements AutoCloseable {

    static final String CLUSTER = "sip-test";
    static final String CACHE = "app.sip";

    private final EmbeddedCacheManager manager;

    ClusterNode(String name) {
        this(CLUSTER, name);
    }

    ClusterNode(String cluster, String name) {
        ClassLoader loader = ClusterNode.class.getClassLoader();
        GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.transport().clusterName(cluster).nodeName(name).addProperty(JGroupsTransport.CONFIGURATION_FILE, "sip-loopback.xml");
        global.serialization().marshaller(new UserMarshaller(MediaTypes.WILDFLY_PROTOSTREAM,
                new ProtoStreamByteBufferMarshaller(SerializationContextBuilder.newInstance(ClassLoaderMarshaller.of(loader)).load(loader).build())));
        global.jmx().disable();
        this.manager = new DefaultCacheManager(global.build(), false);
        ConfigurationBuilder cache = new ConfigurationBuilder();
        cache.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(2);
        cache.transaction().transactionMode(TransactionMode.TRANSACTIONAL).lockingMode(LockingMode.PESSIMISTIC)
                .transactionManagerLookup(new EmbeddedTransactionManagerLookup());
        cache.locking().isolationLevel(IsolationLevel.REPEATABLE_READ).lockAcquisitionTimeout(2_000);
        this.manager.defineConfiguration(CACHE, new SipCacheConfigurator().apply(cache).build());
        this.manager.start();
    }

    Cache<String, Map<String, Object>> cache() {
        return this.manager.getCache(CACHE);
    }

    EmbeddedCacheManager manager() {
        return this.manager;
    }

    /** Cuts this node off the network without a goodbye, as a crash or {@code kill -9} would. */
    void crash() {
        JChannel channel = ((JGroupsTransport) GlobalComponentRegistry.componentOf(this.manager, org.infinispan.remoting.transport.Transport.class)).getChannel();
        DISCARD discard = channel.getProtocolStack().findProtocol(DISCARD.class);
        discard.discardAll(true);
    }

    @Override
    public void close() {
        this.manager.stop();
    }
}
