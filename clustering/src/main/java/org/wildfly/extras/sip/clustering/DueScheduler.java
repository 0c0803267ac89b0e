package org.wildfly.extras.sip.clustering;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;
import org.wildfly.extras.sip.container.session.SipSessionStore.DueHandler;

/**
 * Arms the due time of each application session (its expiry or next timer) on the node that is the primary owner of
 * its cache entry, so that expiry and timers run once in the cluster. Each owner learns a due time from the writes it
 * applies (entry events carry the header field {@code due}); after a topology change, each node re-arms the entries
 * it now owns first, which moves the work of a node that left to a survivor. The container re-reads the session under
 * its lock when called, so a stale call does nothing.
 */
@Listener(observation = Listener.Observation.POST)
final class DueScheduler implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(DueScheduler.class.getName());

    private final Cache<String, Map<String, Object>> cache;
    private final DueHandler handler;
    private final ScheduledExecutorService executor;
    private final Map<String, Armed> armed = new ConcurrentHashMap<>();

    DueScheduler(Cache<String, Map<String, Object>> cache, DueHandler handler) {
        this.cache = cache;
        this.handler = handler;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sip-due-" + cache.getName());
            thread.setDaemon(true);
            return thread;
        });
        this.cache.addListener(this);
        this.executor.execute(this::rearmOwned);
    }

    /**
     * @param cache a cache
     * @return the keys this node holds as primary owner
     */
    static Set<String> primaryOwnedKeys(Cache<String, Map<String, Object>> cache) {
        Set<String> keys = new HashSet<>();
        for (String key : cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD).keySet()) {
            if (!InfinispanSipSessionStore.isBinding(key) && isPrimaryOwner(cache, key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean isPrimaryOwner(Cache<String, Map<String, Object>> cache, String key) {
        DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
        return distribution == null || distribution.getCacheTopology().getDistribution(key).isPrimary();
    }

    @CacheEntryCreated
    @CacheEntryModified
    public void written(CacheEntryEvent<String, Map<String, Object>> event) {
        String key = event.getKey();
        if (InfinispanSipSessionStore.isBinding(key)) {
            return; // nothing is ever due on a transaction's binding
        }
        Map<String, Object> value = event.getValue();
        if (value != null && isPrimaryOwner(this.cache, key)) {
            this.arm(key, (value.get(InfinispanSipSessionStore.DUE) instanceof Long due) ? due : 0);
        } else {
            this.disarm(key);
        }
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<String, Map<String, Object>> event) {
        this.disarm(event.getKey());
    }

    @TopologyChanged
    public void topologyChanged(TopologyChangedEvent<String, Map<String, Object>> event) {
        this.executor.execute(this::rearmOwned);
    }

    @Override
    public void close() {
        this.cache.removeListener(this);
        this.executor.shutdownNow();
        this.armed.clear();
    }

    private void rearmOwned() {
        try {
            Set<String> owned = primaryOwnedKeys(this.cache);
            this.armed.keySet().removeIf(key -> {
                if (!owned.contains(key)) {
                    this.armed.get(key).future().cancel(false);
                    return true;
                }
                return false;
            });
            for (String key : owned) {
                Map<String, Object> value = this.cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD, Flag.SKIP_LOCKING).get(key);
                if (value != null && value.get(InfinispanSipSessionStore.DUE) instanceof Long due) {
                    this.arm(key, due);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot re-arm the sessions of cache " + this.cache.getName() + " after a topology change", e);
        }
    }

    private void arm(String key, long due) {
        if (due == 0) {
            this.disarm(key);
            return;
        }
        Armed previous = this.armed.get(key);
        if (previous != null && previous.due() == due && !previous.future().isDone()) {
            return;
        }
        long delay = Math.max(0, due - System.currentTimeMillis());
        ScheduledFuture<?> future = this.executor.schedule(() -> this.fire(key, due), delay, TimeUnit.MILLISECONDS);
        previous = this.armed.put(key, new Armed(due, future));
        if (previous != null) {
            previous.future().cancel(false);
        }
    }

    private void disarm(String key) {
        Armed previous = this.armed.remove(key);
        if (previous != null) {
            previous.future().cancel(false);
        }
    }

    private void fire(String key, long due) {
        this.armed.computeIfPresent(key, (k, armed) -> (armed.due() == due) ? null : armed);
        try {
            this.handler.due(key);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Due work of application session " + key + " failed", e);
        }
    }

    private record Armed(long due, ScheduledFuture<?> future) {
    }
}
