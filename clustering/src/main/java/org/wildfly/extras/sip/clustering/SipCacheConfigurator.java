package org.wildfly.extras.sip.clustering;

import java.util.function.UnaryOperator;

import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;

/**
 * Adjusts the configuration of a deployment's cache, copied from the configured one (by default {@code web}'s):
 * entries never expire or get evicted on their own (the container expires sessions, once in the cluster), so a store
 * that only takes evicted entries (passivation) is dropped, while one written through is kept; and the cache must be
 * transactional and pessimistic, since a unit of work locks its entry from {@code find} to its end. A node
 * whose cache stops waits at most {@link #STOP_TIMEOUT_MILLIS} for transactions still open there (not the 10 s of
 * {@code web}'s {@code stop-timeout}).
 */
public final class SipCacheConfigurator implements UnaryOperator<ConfigurationBuilder> {

    /**
     * The container has let its applications finish their work before their cache stops (up to 5 s). What is left then
     * is a lock the rest of the cluster may be waiting for: in the rolling restart, a leaving node's cache waited 10 s
     * for one local and one remote transaction while the other node's messages of that call waited behind it, past the
     * balancer's 6 s, and the caller's INFO got a 408.
     */
    static final long STOP_TIMEOUT_MILLIS = 2000;

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
        if (configuration.persistence().passivation()) {
            // a passivating store gets what is evicted, and nothing is: it only cost each new session a look-up and each
            // removal a write, on every owner (web's dist cache has one, purged at start)
            builder.persistence().passivation(false).clearStores();
        }
        builder.transaction().cacheStopTimeout(Math.min(configuration.transaction().cacheStopTimeout(), STOP_TIMEOUT_MILLIS));
        return builder;
    }
}
