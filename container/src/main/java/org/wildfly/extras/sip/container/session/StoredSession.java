package org.wildfly.extras.sip.container.session;

/**
 * An application session as its store holds it, for an operator's view of the calls.
 * @param data its data: a copy where the store keeps copies, else the live object (read it, do not change it)
 * @param owner the node that owns it (primary owner in a distributed store), or {@code null} for this node
 */
public record StoredSession(ApplicationSessionData data, String owner) {
}
