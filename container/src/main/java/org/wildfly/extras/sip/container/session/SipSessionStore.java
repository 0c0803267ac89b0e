package org.wildfly.extras.sip.container.session;

import java.util.List;

/**
 * Where a deployment's application sessions live: in this JVM, or in a distributed cache.
 * The container calls it under the application session's key on its serial executor (one message at a time on this
 * node). {@link #find} or {@link #create} opens a unit of work on an id, which a distributed store backs with a lock
 * held across the cluster; {@link #release} ends it. Between them the caller owns the returned object; {@link #commit}
 * marks what the unit of work writes, and {@code release} writes it, once per message, and lets other nodes in.
 */
public interface SipSessionStore extends AutoCloseable {

    /**
     * Creates an application session and opens a unit of work on it.
     * @param id its id
     * @param creationTime epoch milliseconds
     * @param expirationTime epoch milliseconds; 0 for never
     * @return the new session's data
     * @throws IllegalStateException if the id is taken
     */
    ApplicationSessionData create(String id, long creationTime, long expirationTime);

    /**
     * Opens a unit of work on an id, or joins the one open: a second call before {@link #release} returns the same object.
     * @param id an application session id
     * @return its data, or {@code null} if there is no such session
     * @throws SessionUnavailableException if it is held elsewhere for longer than the store waits
     */
    ApplicationSessionData find(String id);

    /**
     * Marks the state to write: what a message changed so far. The unit of work stays open.
     * @param data what {@link #find} or {@link #create} returned
     */
    void commit(ApplicationSessionData data);

    /**
     * Removes an application session, after its invalidation or expiry.
     * @param id the application session id
     */
    void remove(String id);

    /**
     * Ends the unit of work on an id: writes what was committed or removed, forgets later uncommitted changes, and
     * releases the id. Does nothing if no unit of work is open on it.
     * @param id the application session id
     * @return whether a unit of work was open on it, and ended
     */
    default boolean release(String id) {
        return false; // the in-memory store shares its objects: nothing to write or release
    }

    /**
     * Checks that an attribute can be stored, at {@code setAttribute} (a distributable application needs marshallable values).
     * @param name the attribute name
     * @param value the value
     * @throws IllegalArgumentException naming the attribute and the value's class, if it cannot be stored
     */
    default void checkAttribute(String name, Object value) {
        // in memory, anything goes
    }

    /**
     * Whether the store arms application-session expiry and servlet timers itself, from the data it writes, and
     * calls {@link DueHandler#due} on the node that must act (a distributed store: once in the cluster, on the session's
     * owner, moving to another node when the owner leaves). If {@code false}, the container arms them on this node.
     * @return {@code true} if the store schedules
     */
    default boolean schedules() {
        return false;
    }

    /**
     * Starts the store's scheduling, if it {@link #schedules()}: it calls the handler from then on.
     * @param handler what the container does when a session's expiry or one of its timers is due
     */
    default void start(DueHandler handler) {
    }

    /**
     * Reads an application session as it stands, without a lock and outside any unit of work: a glance, for work that
     * must learn what another node did (an ACK it received). Changes to what it returns are never written.
     * @param id the application session id
     * @return a copy of its data, or {@code null} if there is none or this store keeps its sessions on this node only
     */
    default ApplicationSessionData peek(String id) {
        return null;
    }

    /** @return the number of application sessions this store holds, on this node */
    int size();

    /**
     * @return the application sessions this node took over since it started: ones it loaded that a node no longer in
     *         the cluster had written last (that node died or left with calls in progress)
     */
    default long sessionsTakenOver() {
        return 0;
    }

    /**
     * @return the application sessions of the deployment as this store sees them (a distributed store: those of the
     *         whole cluster), for an operator's view of its calls: nothing is locked, so a session a message is changing
     *         shows as it was last written
     */
    List<StoredSession> sessions();

    /**
     * @return the names of the nodes that share this store's sessions, as the owners in {@link #sessions} name them;
     *         empty where the sessions live on this node only
     */
    default List<String> members() {
        return List.of();
    }

    /**
     * An id for a new application session that this node handles: the given one, or one derived from it whose lock and
     * primary copy a distributed store keeps on this node, so that the session's messages here cost no remote lock.
     * The same on each call on one node while the cluster's membership stays the same.
     * @param id a new id (random, or a transaction's)
     * @return the id to create the session under
     */
    default String localId(String id) {
        return id;
    }

    /**
     * Opens a unit of work on a new application session's id and binds a new initial request's transaction to it, once
     * in the cluster, so that a node that gets the request again, or its CANCEL, finds the session ({@link #bound}).
     * The binding is written with the session, when the unit of work ends, and goes when the session goes.
     * <p>
     * The default serves a store whose {@link #localId} gives the id it is given: the id is then the transaction key
     * itself, and a session under it is the binding. A store that derives other ids overrides this and {@link #bound}.
     * @param transactionKey the request's transaction, {@link SessionKeys#forTransaction}
     * @param id the id the session is to be created under ({@link #localId})
     * @return the application session id the transaction was bound to before (the request was handled before, here or
     *         on another node), or {@code null}: it is bound to {@code id} now
     * @throws SessionUnavailableException if the binding is held elsewhere for longer than the store waits
     */
    default String bind(String transactionKey, String id) {
        return (this.find(id) != null) ? id : null;
    }

    /**
     * @param transactionKey a request's transaction, {@link SessionKeys#forTransaction}
     * @return the application session id {@link #bind} bound it to, or the key itself where the two are one
     */
    default String bound(String transactionKey) {
        return transactionKey;
    }

    @Override
    void close();

    /** What the container does when a scheduling store says a session has work due. */
    @FunctionalInterface
    interface DueHandler {
        /**
         * The expiry or a timer of an application session is due: the container looks at the session under its key,
         * fires its due timers and expires it if it expired. A stale call does nothing.
         * @param applicationSessionId the session
         */
        void due(String applicationSessionId);
    }
}
