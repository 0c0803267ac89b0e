package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;
import org.junit.jupiter.api.Test;

/** What a deployment's cache becomes, from a copy of the configured one such as WildFly's {@code web} {@code dist}. */
class SipCacheConfiguratorTestCase {

    /** As WildFly's {@code web} container defines {@code dist}: BATCH transactions and a passivating file store. */
    private static ConfigurationBuilder webDist() {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.clustering().cacheMode(CacheMode.DIST_SYNC);
        builder.transaction().transactionMode(TransactionMode.TRANSACTIONAL).lockingMode(LockingMode.PESSIMISTIC);
        builder.persistence().passivation(true).addSoftIndexFileStore().purgeOnStartup(true);
        return builder;
    }

    @Test
    void aStoreThatOnlyTakesEvictedEntriesIsDroppedSinceNothingIsEvicted() {
        Configuration configuration = new SipCacheConfigurator().apply(webDist()).build();
        assertFalse(configuration.persistence().usingStores(), "no store: " + configuration.persistence().stores());
        assertEquals(-1, configuration.memory().maxCount());
    }

    @Test
    void aStoreWrittenThroughIsKept() {
        ConfigurationBuilder builder = webDist();
        builder.persistence().passivation(false);
        Configuration configuration = new SipCacheConfigurator().apply(builder).build();
        assertTrue(configuration.persistence().usingStores(), "an operator's store that keeps every write stays");
    }

    @Test
    void aCacheWithoutPessimisticTransactionsIsRefusedWithWhatToChange() {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.clustering().cacheMode(CacheMode.DIST_SYNC);
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> new SipCacheConfigurator().apply(builder));
        assertTrue(refusal.getMessage().contains("transaction mode BATCH"), refusal.getMessage());
    }
}
