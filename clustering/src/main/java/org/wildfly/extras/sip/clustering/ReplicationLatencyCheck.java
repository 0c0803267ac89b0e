package org.wildfly.extras.sip.clustering;

import org.infinispan.Cache;
import org.infinispan.remoting.rpc.RpcManager;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.protocols.TP;

/**
 * Finds what in a cache's JGroups channel makes every replicated SIP message slow. Each message of a call ends with a
 * synchronous exchange with the other owner of its session (a lock, a commit). Over a TCP transport without
 * {@code tcp_nodelay} (JGroups' default, kept by WildFly's {@code tcp} stack), a small request sent while the previous
 * one is not acknowledged yet waits for the peer's delayed acknowledgement: about 40 ms on Linux, per exchange. Measured
 * on two nodes (docs/benchmarks.md): 200 calls/s with a median INVITE→200 of 132 ms, against 400 calls/s and 8 ms with it.
 */
final class ReplicationLatencyCheck {

    private ReplicationLatencyCheck() {
    }

    /**
     * @param cache a deployment's cache
     * @return what to change, or {@code null} if nothing is found (a local cache, another transport, a channel that cannot be read)
     */
    static String problem(Cache<?, ?> cache) {
        RpcManager rpc = cache.getAdvancedCache().getRpcManager();
        Transport transport = (rpc != null) ? rpc.getTransport() : null;
        if (!(transport instanceof JGroupsTransport jgroups)) {
            return null;
        }
        return problem(jgroups.getChannel());
    }

    /**
     * @param channel a channel, or a fork of one (WildFly's caches run on forks of the {@code ee} channel)
     * @return what to change, or {@code null}
     */
    static String problem(JChannel channel) {
        TP transport;
        try {
            transport = (channel != null) ? channel.getProtocolStack().getTransport() : null;
        } catch (RuntimeException e) {
            return null; // a stack of an unexpected shape: nothing to say about it
        }
        if (transport instanceof BasicTCP tcp && !tcp.tcpNodelay()) {
            return "the JGroups channel's " + tcp.getName() + " transport has tcp_nodelay=false (the default): each replicated message can wait about"
                    + " 40 ms for the other node's delayed acknowledgement, which limits the calls a cluster carries and adds to every answer's"
                    + " delay. Set it on the stack the channel uses, e.g. /subsystem=jgroups/stack=tcp/transport=" + tcp.getName()
                    + ":write-attribute(name=properties, value={tcp_nodelay=true}), and reload";
        }
        return null;
    }
}
