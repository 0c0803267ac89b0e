package org.wildfly.extras.sip.container.session;

/**
 * Where a deployment's application sessions live: in this JVM, or in a distributed cache.
 * The container calls it under the application session's lock (one message at a time), so an implementation
 * needs no locking of its own for one id. Between {@link #find} or {@link #create} and {@link #commit}, the caller
 * owns the returned object; {@code commit} makes its changes visible to the other nodes, once per message.
 */
public interface SipSessionStore extends AutoCloseable {

    /**
     * Creates an application session.
     * @param id its id
     * @param creationTime epoch milliseconds
     * @param expirationTime epoch milliseconds; 0 for never
     * @return the new session's data
     * @throws IllegalStateException if the id is taken
     */
    ApplicationSessionData create(String id, long creationTime, long expirationTime);

    /**
     * @param id an application session id
     * @return its data, or {@code null} if there is no such session
     */
    ApplicationSessionData find(String id);

    /**
     * Writes what a message changed.
     * @param data what {@link #find} or {@link #create} returned
     */
    void commit(ApplicationSessionData data);

    /**
     * Removes an application session, after its invalidation or expiry.
     * @param id the application session id
     */
    void remove(String id);

    /** @return the number of application sessions this store holds, on this node */
    int size();

    @Override
    void close();
}
