package org.wildfly.extras.sip.clustering;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import org.infinispan.Cache;
import org.infinispan.commons.TimeoutException;
import org.infinispan.commons.util.CloseableIterator;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.remoting.transport.Address;
import org.wildfly.clustering.cache.function.MapComputeFunction;
import org.wildfly.clustering.marshalling.ByteBufferMarshaller;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SessionUnavailableException;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.extras.sip.container.session.StoredSession;
import org.wildfly.extras.sip.container.session.TimerData;

/**
 * The application sessions of one distributable deployment in an Infinispan cache, one entry per application session,
 * keyed by its id. A unit of work is a pessimistic transaction: {@link #find} takes the entry's lock, cluster-wide, and
 * suspends the transaction; {@link #release} resumes it, writes what the message committed (the whole session, or only
 * the changed parts) and commits. Concurrent messages for one application session on two nodes are thereby serialised.
 * Expiry and timers are armed on the entry's primary owner ({@link DueScheduler}).
 * <p>
 * A new session's id is one whose primary owner is the node that creates it ({@link #localId}), so the lock of each of
 * its messages there is taken without a remote call, and a write costs one call to the backup owners. Its initial
 * request's transaction is bound to it by a small entry of its own ({@link #bind}), which any node reads to find the
 * session from the request sent again or from its CANCEL; it goes when the session goes.
 */
public final class InfinispanSipSessionStore implements SipSessionStore {

    private static final System.Logger LOGGER = System.getLogger(InfinispanSipSessionStore.class.getName());

    /** Header field: the node that wrote the entry last. */
    static final String NODE = "node";
    /** Header field: when the session's expiry or next timer is due, in epoch milliseconds; absent for never. */
    static final String DUE = "due";
    /** Header field: the transaction of the initial request bound to the session ({@link #bind}). */
    static final String BINDING = "binding";
    /** Key prefix of a transaction's binding to its application session ({@link #bind}): outside the ids' alphabet. */
    static final String BINDING_KEY = "t:";
    /** Field of a binding entry: the application session id. */
    static final String BOUND = "bound-to";
    /** Field of a binding entry: the node that claimed the transaction ({@link #bind}). */
    static final String CLAIMANT = "claimed-by";
    /**
     * How long a binding lasts at most (it goes with its session before that): longer than the balancer keeps an INVITE
     * it may resend (load-balancer/kamailio.cfg, 3700 s), and than a CANCEL may come; so a claim whose unit of work failed
     * does not stay for ever.
     */
    private static final long BINDING_LIFESPAN_SECONDS = 7200;
    /** Suffixes {@link #localId} tries: enough that some land on this node in any cluster of a few nodes. */
    private static final String SUFFIXES = "0123456789abcdefghijklmnopqrstuv";

    /** What a store needs. */
    public interface Configuration {
        /** @return the deployment's cache: transactional, pessimistic (see {@link SipCacheConfigurator}) */
        Cache<String, Map<String, Object>> cache();

        /** @return the application name */
        String applicationName();

        /** @return what a message writes */
        SessionGranularity granularity();

        /** @return the deployment's marshaller, from {@link SessionMarshaller} */
        ByteBufferMarshaller marshaller();
    }

    private final Cache<String, Map<String, Object>> cache;
    private final TransactionManager transactions;
    private final String applicationName;
    private final SessionGranularity granularity;
    private final ByteBufferMarshaller marshaller;
    private final SessionCodec codec;
    private final String node;
    private final Map<String, OpenSession> units = new ConcurrentHashMap<>();
    private final LongAdder takenOver = new LongAdder();
    private volatile DueScheduler scheduler;

    public InfinispanSipSessionStore(Configuration configuration) {
        this.cache = configuration.cache();
        this.transactions = this.cache.getAdvancedCache().getTransactionManager();
        if (this.transactions == null) {
            throw new IllegalArgumentException("Cache " + this.cache.getName() + " is not transactional: a distributable SIP application needs a pessimistic transactional cache");
        }
        this.applicationName = configuration.applicationName();
        this.granularity = configuration.granularity();
        this.marshaller = configuration.marshaller();
        this.codec = new SessionCodec(this.granularity, this.marshaller);
        this.node = String.valueOf(this.cache.getCacheManager().getAddress());
        String slow = ReplicationLatencyCheck.problem(this.cache);
        if (slow != null) {
            LOGGER.log(Level.WARNING, "Distributable SIP application {0}: {1}", this.applicationName, slow);
        }
    }

    @Override
    public ApplicationSessionData create(String id, long creationTime, long expirationTime) {
        OpenSession unit = this.open(id);
        if (unit.exists || unit.data != null) {
            throw new IllegalStateException("Application session " + id + " exists");
        }
        unit.data = new ApplicationSessionData(id, this.applicationName, creationTime, expirationTime);
        return unit.data;
    }

    @Override
    public ApplicationSessionData find(String id) {
        return this.open(id).data;
    }

    /** An id whose segment's primary owner is this node: the id itself, or the id with the first suffix that lands here. */
    @Override
    public String localId(String id) {
        DistributionManager distribution = this.cache.getAdvancedCache().getDistributionManager();
        if (distribution == null) {
            return id;
        }
        LocalizedCacheTopology topology = distribution.getCacheTopology();
        if (topology.getDistribution(id).isPrimary()) {
            return id;
        }
        for (int i = 0; i < SUFFIXES.length(); i++) {
            String candidate = id + '_' + SUFFIXES.charAt(i);
            if (topology.getDistribution(candidate).isPrimary()) {
                return candidate;
            }
        }
        return id; // a node that owns no segment (it is joining): its sessions live elsewhere until it does
    }

    /**
     * The binding is an entry of its own, {@code t:<transaction>}, written as a <em>claim</em> naming this node and the
     * new session, committed at once, before the request is handled: a node that gets the request again while this one
     * still works on it (the balancer resends a node's unanswered INVITEs to another when its probes declare it down: a
     * pause, a starved CPU) sees it is taken, and leaves it to this node rather than answering it a second time. Once the
     * session is written, the claim is the binding by which any node finds it. A claim whose node has left the cluster
     * with no session written (it died before its first unit of work ended) is taken over.
     */
    @Override
    public String bind(String transactionKey, String id) {
        OpenSession unit = this.open(id);
        if (unit.exists) {
            return id;
        }
        Map<String, Object> binding;
        try {
            binding = this.claim(BINDING_KEY + transactionKey, id);
        } catch (SessionUnavailableException e) {
            unit.failed = true;
            throw e;
        } catch (RuntimeException e) {
            unit.failed = true;
            if (isLockTimeout(e)) {
                // another node is writing its claim (or was, when it paused or died): it is that node's, until the
                // cluster drops it and its lock goes
                throw SessionUnavailableException.heldByLiveNode("The request of transaction " + transactionKey + " to " + this.applicationName
                        + " is being claimed by another node: " + e.getMessage());
            }
            throw new IllegalStateException("Cannot bind transaction " + transactionKey + " to application session " + id + " of " + this.applicationName + ": " + e.getMessage(), e);
        }
        if (binding == null) {
            unit.binding = transactionKey;
            return null;
        }
        return boundId(binding);
    }

    /**
     * Claims a transaction for a new session of this node, outside its unit of work (committed at once).
     * @return {@code null} if this node holds the claim now; else the binding of the session that handled the request
     * @throws SessionUnavailableException if another node that is still a member of the cluster holds the claim and has
     *         not written its session yet: {@link SessionUnavailableException#heldByLiveNode()}
     */
    private Map<String, Object> claim(String key, String id) {
        Map<String, Object> claim = new HashMap<>(Map.of(BOUND, id, CLAIMANT, this.node));
        Map<String, Object> before = this.cache.putIfAbsent(key, claim, BINDING_LIFESPAN_SECONDS, TimeUnit.SECONDS);
        if (before == null || this.isOwnClaim(before, id)) {
            return null; // claimed now, or by an earlier try of this request here
        }
        String bound = boundId(before);
        if (bound != null && this.cache.containsKey(bound)) {
            return before; // handled before: its session was written
        }
        String claimant = String.valueOf(before.get(CLAIMANT));
        if (this.isMember(claimant)) {
            throw SessionUnavailableException.heldByLiveNode("The request bound by " + key.substring(BINDING_KEY.length()) + " to " + this.applicationName
                    + " is being handled by node " + claimant + ", which has not ended its first unit of work on it");
        }
        LOGGER.log(Level.DEBUG, "Node {0} left the cluster before its first unit of work on {1} ended: {2} takes its request over", claimant, key, this.node);
        if (!this.cache.replace(key, before, claim, BINDING_LIFESPAN_SECONDS, TimeUnit.SECONDS)) {
            throw new SessionUnavailableException("The request of " + key + " to " + this.applicationName + " is being taken over by another node", null);
        }
        return null;
    }

    private boolean isOwnClaim(Map<String, Object> binding, String id) {
        return binding != null && this.node.equals(binding.get(CLAIMANT)) && id.equals(binding.get(BOUND));
    }

    @Override
    public List<String> members() {
        List<Address> members = this.cache.getCacheManager().getMembers();
        return (members == null) ? List.of(this.node) : members.stream().map(String::valueOf).toList();
    }

    /** @return whether a node of that name is in this cache manager's view of the cluster (this node alone when not clustered) */
    private boolean isMember(String node) {
        return this.members().contains(node);
    }

    @Override
    public String bound(String transactionKey) {
        return boundId(this.read(BINDING_KEY + transactionKey));
    }

    /** @return the application session id a binding entry names, or {@code null} if there is no binding */
    private static String boundId(Map<String, Object> binding) {
        return (binding != null && binding.get(BOUND) instanceof String bound) ? bound : null;
    }

    @Override
    public ApplicationSessionData peek(String id) {
        Map<String, Object> entry = this.read(id);
        if (entry == null) {
            return null;
        }
        try {
            return this.codec.decode(parts(entry));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot read application session {0} of {1}: {2}", id, this.applicationName, e.getMessage());
            return null;
        }
    }

    @Override
    public void commit(ApplicationSessionData data) {
        OpenSession unit = this.units.get(data.id());
        boolean alone = (unit == null);
        if (alone) {
            // outside any unit of work (e.g. a session created outside a message): write at once
            unit = this.lock(data.id());
            this.units.put(data.id(), unit);
        }
        try {
            unit.data = data;
            unit.committed = this.codec.encode(data);
            unit.due = dueTime(data);
            unit.removed = false;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot marshal application session " + data.id() + " of " + this.applicationName + ": " + e.getMessage(), e);
        } finally {
            if (alone) {
                this.release(data.id());
            }
        }
    }

    @Override
    public void remove(String id) {
        OpenSession unit = this.units.get(id);
        boolean alone = (unit == null);
        if (alone) {
            unit = this.lock(id);
            this.units.put(id, unit);
        }
        unit.removed = true;
        unit.committed = null;
        if (alone) {
            this.release(id);
        }
    }

    @Override
    public boolean release(String id) {
        OpenSession unit = this.units.remove(id);
        if (unit == null) {
            return false;
        }
        try {
            this.transactions.resume(unit.transaction);
            boolean written = this.write(id, unit);
            if (written) {
                this.transactions.commit();
            } else {
                this.transactions.rollback(); // nothing to write: just let the lock go
            }
        } catch (Exception e) {
            try {
                if (this.transactions.getTransaction() != null) {
                    this.transactions.rollback();
                } else {
                    // not even resumed (its node is stopping under it): end it where it is, so that its lock goes now,
                    // not when the cache stops, while another node waits for the session
                    unit.transaction.rollback();
                }
            } catch (Exception rollback) {
                e.addSuppressed(rollback);
            }
            throw new IllegalStateException("Cannot write application session " + id + " of " + this.applicationName + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public void checkAttribute(String name, Object value) {
        String problem = null;
        if (!this.marshaller.test(value)) {
            problem = this.marshaller + " cannot marshal it";
        } else {
            try {
                this.codec.write(value);
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(String.format("Attribute %s of class %s cannot be replicated, and %s is distributable: %s", name, value.getClass().getName(), this.applicationName, problem));
        }
    }

    @Override
    public boolean schedules() {
        return true;
    }

    @Override
    public void start(DueHandler handler) {
        this.scheduler = new DueScheduler(this.cache, handler);
    }

    /**
     * The sessions this node holds a copy of (as primary or backup owner: with two owners in a two-node cluster, all of
     * them), each decoded here, with its primary owner.
     */
    @Override
    public List<StoredSession> sessions() {
        List<StoredSession> sessions = new ArrayList<>();
        DistributionManager distribution = this.cache.getAdvancedCache().getDistributionManager();
        LocalizedCacheTopology topology = (distribution != null) ? distribution.getCacheTopology() : null;
        try (CloseableIterator<Map.Entry<String, Map<String, Object>>> entries = this.cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).entrySet().iterator()) {
            while (entries.hasNext()) {
                Map.Entry<String, Map<String, Object>> entry = entries.next();
                if (isBinding(entry.getKey())) {
                    continue;
                }
                try {
                    String owner = (topology != null) ? String.valueOf(topology.getDistribution(entry.getKey()).primary()) : this.node;
                    sessions.add(new StoredSession(this.codec.decode(parts(entry.getValue())), owner));
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "Cannot read application session {0} of {1} for the view of its calls: {2}", entry.getKey(), this.applicationName, e.toString());
                }
            }
        }
        return sessions;
    }

    @Override
    public long sessionsTakenOver() {
        return this.takenOver.sum();
    }

    @Override
    public int size() {
        return DueScheduler.primaryOwnedKeys(this.cache).size();
    }

    @Override
    public void close() {
        DueScheduler scheduler = this.scheduler;
        if (scheduler != null) {
            scheduler.close();
        }
        for (String id : Map.copyOf(this.units).keySet()) {
            OpenSession unit = this.units.remove(id);
            try {
                unit.transaction.rollback(); // where it is: a unit another thread still runs is ended too, and its lock goes
            } catch (Exception e) {
                LOGGER.log(Level.DEBUG, "Cannot roll back the open unit of work of application session {0}: {1}", id, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "Application sessions of " + this.applicationName + " in cache " + this.cache.getName() + " (" + this.granularity + ", " + this.marshaller + ")";
    }

    /**
     * @return when a session has work due: its expiry, its next timer, or a dialog to end for want of an ACK (its node
     *         died), whichever comes first; 0 for never
     */
    static long dueTime(ApplicationSessionData data) {
        long due = data.expirationTime();
        for (TimerData timer : data.timers().values()) {
            if (due == 0 || timer.nextExecution() < due) {
                due = timer.nextExecution();
            }
        }
        for (SipSessionData session : data.sipSessions().values()) {
            long overdue = (session.isValid() && session.dialog() != null) ? session.dialog().ackOverdueAt() : 0;
            if (overdue != 0 && (due == 0 || overdue < due)) {
                due = overdue;
            }
        }
        return data.isValid() ? due : 0;
    }

    /** @return the unit of work open on an id, opened (its lock taken) if there is none */
    private OpenSession open(String id) {
        OpenSession unit = this.units.get(id);
        if (unit == null) {
            unit = this.lock(id);
            this.units.put(id, unit);
        }
        return unit;
    }

    private OpenSession lock(String id) {
        Map<String, Object> entry;
        Transaction transaction;
        try {
            this.transactions.begin();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a transaction for application session " + id + " of " + this.applicationName + ": " + e.getMessage(), e);
        }
        try {
            entry = this.cache.getAdvancedCache().withFlags(Flag.FORCE_WRITE_LOCK).get(id);
            transaction = this.transactions.suspend();
        } catch (Exception e) {
            try {
                this.transactions.rollback();
            } catch (Exception rollback) {
                e.addSuppressed(rollback);
            }
            if (isLockTimeout(e)) {
                // another node's message holds it, or a failed node did and the cluster has not dropped it yet
                throw new SessionUnavailableException("Application session " + id + " of " + this.applicationName + " is locked elsewhere: " + e.getMessage(), e);
            }
            throw new IllegalStateException("Cannot lock application session " + id + " of " + this.applicationName + ": " + e.getMessage(), e);
        }
        OpenSession unit = new OpenSession(transaction, entry);
        if (entry != null) {
            try {
                unit.data = this.codec.decode(unit.stored);
            } catch (IOException | RuntimeException e) {
                this.units.put(id, unit);
                this.release(id);
                throw new IllegalStateException("Cannot read application session " + id + " of " + this.applicationName + ": " + e.getMessage(), e);
            }
            Object writer = entry.get(NODE);
            unit.data.setActivated(!this.node.equals(writer));
            if (writer instanceof String previous && !previous.equals(this.node) && !this.isMember(previous)) {
                unit.takenOver = true; // written with this node's name at the end of the unit, so counted once
                this.takenOver.increment();
            }
        }
        return unit;
    }

    /** @return an entry as it stands, read outside any unit of work this thread may have open; {@code null} if unreadable */
    private Map<String, Object> read(String key) {
        Transaction suspended = null;
        try {
            suspended = this.transactions.suspend();
            return this.cache.get(key);
        } catch (Exception e) {
            LOGGER.log(Level.DEBUG, "Cannot read {0} of {1}: {2}", key, this.applicationName, e.getMessage());
            return null;
        } finally {
            if (suspended != null) {
                try {
                    this.transactions.resume(suspended);
                } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "Cannot resume the unit of work of this thread after reading " + key + ": " + e.getMessage(), e);
                }
            }
        }
    }


    /** @return whether a cache key is a transaction's binding, not an application session */
    static boolean isBinding(String key) {
        return key.startsWith(BINDING_KEY);
    }

    /** @return the body parts of a cache entry, without its header fields */
    private static Map<String, byte[]> parts(Map<String, Object> entry) {
        Map<String, byte[]> parts = new HashMap<>();
        entry.forEach((key, value) -> {
            if (SessionCodec.isPart(key) && value instanceof byte[] bytes) {
                parts.put(key, bytes);
            }
        });
        return parts;
    }

    /** @return whether a failure is a lock that could not be had in time, here or on the owner (wrapped as a remote exception) */
    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** @return whether anything was written */
    private boolean write(String id, OpenSession unit) {
        if (unit.failed) {
            return false;
        }
        if (unit.removed || unit.committed == null) {
            if (!unit.exists) {
                // a new session gone within its first unit of work (the request was answered finally): its claim goes too
                if (unit.binding == null) {
                    return false;
                }
                this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).remove(BINDING_KEY + unit.binding);
                return true;
            }
            if (!unit.removed) {
                if (unit.takenOver) {
                    // read, not changed, by this node after its last writer left: it is this node's now, and counted once
                    this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).compute(id, new MapComputeFunction<>(Map.of(NODE, this.node)));
                    return true;
                }
                return false;
            }
            this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).remove(id);
            if (unit.storedBinding != null) {
                // without its lock: after bind, only a unit that holds the session's lock writes the binding
                this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES, Flag.SKIP_LOCKING).remove(BINDING_KEY + unit.storedBinding);
            }
            return true;
        }
        String binding = (unit.binding != null) ? unit.binding : unit.storedBinding;
        Map<String, Object> changes = new HashMap<>();
        for (Map.Entry<String, byte[]> part : unit.committed.entrySet()) {
            if (!Arrays.equals(part.getValue(), unit.stored.get(part.getKey()))) {
                changes.put(part.getKey(), part.getValue());
            }
        }
        for (String key : unit.stored.keySet()) {
            if (!unit.committed.containsKey(key)) {
                changes.put(key, null); // a removed attribute, SIP session or timer
            }
        }
        if (changes.isEmpty() && !unit.takenOver && unit.due == unit.storedDue && Objects.equals(binding, unit.storedBinding)) {
            return false;
        }
        changes.put(DUE, (unit.due != 0) ? unit.due : null);
        changes.put(NODE, this.node);
        if (!Objects.equals(binding, unit.storedBinding)) {
            changes.put(BINDING, binding);
        }
        if (!unit.exists || this.granularity == SessionGranularity.SESSION) {
            Map<String, Object> entry = new HashMap<>(unit.committed);
            entry.put(NODE, this.node);
            if (unit.due != 0) {
                entry.put(DUE, unit.due);
            }
            if (binding != null) {
                entry.put(BINDING, binding);
            }
            this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).put(id, entry);
        } else {
            this.cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).compute(id, new MapComputeFunction<>(changes));
        }
        return true;
    }

    /** One open unit of work on an application session: its suspended transaction, what the cache held, what to write. */
    private static final class OpenSession {
        final Transaction transaction;
        final boolean exists;
        final Map<String, byte[]> stored = new HashMap<>();
        final long storedDue;
        final String storedBinding;
        ApplicationSessionData data;
        Map<String, byte[]> committed;
        long due;
        boolean removed;
        /** the transaction {@link #bind} bound to the session in this unit of work */
        String binding;
        /** a step of this unit of work failed: nothing is written, the locks go */
        boolean failed;
        /** the session was last written by a node that has left the cluster: this one takes it over */
        boolean takenOver;

        OpenSession(Transaction transaction, Map<String, Object> entry) {
            this.transaction = transaction;
            this.exists = (entry != null);
            if (entry != null) {
                this.stored.putAll(parts(entry));
            }
            this.storedDue = (entry != null && entry.get(DUE) instanceof Long due) ? due : 0;
            this.storedBinding = (entry != null && entry.get(BINDING) instanceof String binding) ? binding : null;
        }
    }
}
