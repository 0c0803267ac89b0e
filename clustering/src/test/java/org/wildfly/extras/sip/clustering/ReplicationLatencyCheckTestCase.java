package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.jgroups.JChannel;
import org.jgroups.fork.ForkChannel;
import org.jgroups.protocols.FORK;
import org.jgroups.protocols.LOCAL_PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.junit.jupiter.api.Test;

/** The warning a node logs when its cache replicates over TCP with Nagle's algorithm on (WildFly's tcp stack as shipped). */
class ReplicationLatencyCheckTestCase {

    @Test
    void tcpWithoutNodelayOnAForkOfTheChannelIsFound() throws Exception {
        try (JChannel main = channel(false); ForkChannel fork = new ForkChannel(main, "sip", "cache")) {
            String problem = ReplicationLatencyCheck.problem(fork);
            assertNotNull(problem, "WildFly's caches run on a fork of the ee channel: the check must see through it");
            assertTrue(problem.contains("tcp_nodelay=true"), problem);
            assertTrue(problem.contains("transport=TCP:write-attribute"), problem);
        }
    }

    @Test
    void tcpWithNodelayIsFine() throws Exception {
        try (JChannel main = channel(true)) {
            assertNull(ReplicationLatencyCheck.problem(main));
        }
    }

    private static JChannel channel(boolean nodelay) throws Exception {
        TCP tcp = new TCP();
        tcp.tcpNodelay(nodelay);
        tcp.setBindAddress(InetAddress.getLoopbackAddress());
        return new JChannel(tcp, new LOCAL_PING(), new NAKACK2(), new UNICAST3(), new GMS(), new FORK());
    }
}
