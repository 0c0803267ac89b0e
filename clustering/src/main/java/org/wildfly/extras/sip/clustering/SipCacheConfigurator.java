package org.wildfly.extras.sip.clustering;

import java.util.function.UnaryOperator;

import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;

/**
 * Adjusts the configuration of a deployment's cache, copied from the configured one (by default {@code web}'s):
 * entries never expire or get evicted on their own (the container expires sessions, once in the cluster), and the cache
 * must be transactional and pessimistic, since a unit of work locks its entry from {@code find} to its end.
 */
public final class SipCacheConfigurator implements UnaryOperator<ConfigurationBuilder> {

    @Override
    public ConfigurationBuilder apply(ConfigurationBuilder builder) {
        var configuration = builder.build();
        if (configuration.transaction().transactionMode() != TransactionMode.TRANSACTIONAL || configuration.transaction().lockingMode() != LockingMode.PESSIMISTIC) {
            throw new IllegalArgumentException("A distributable SIP application needs a transactional, pessimistic cache (transaction mode BATCH or a pessimistic "
                    + "transaction mode), not " + configuration.transaction().transactionMode() + "/" + configuration.transaction().lockingMode());
        }
        builder.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE); // parts are already bytes: no second encoding
        builder.expiration().lifespan(-1).maxIdle(-1).wakeUpInterval(-1);
        builder.memory().maxCount(-1);
        return builder;
    }
}
