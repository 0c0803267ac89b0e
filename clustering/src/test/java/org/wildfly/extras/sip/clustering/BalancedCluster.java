package org.wildfly.extras.sip.clustering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.Servlet;

import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Two or more containers in this JVM whose application's sessions live in one replicated Infinispan cache, behind the
 * Kamailio configuration we ship, configured as docs/load-balancer.md says: each node advertises the balancer and sends
 * its own requests through it.
 */
final class BalancedCluster implements AutoCloseable {

    private final Map<String, ClusterNode> members = new LinkedHashMap<>();
    private final Map<String, SipContainer> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> sipPorts = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final int balancerPort;
    private final Kamailio balancer;

    /**
     * @param application the application's name
     * @param servlet the application's servlet on a node, by node name
     * @param names the nodes' names
     */
    BalancedCluster(String application, Function<String, Servlet> servlet, String... names) throws Exception {
        this.balancerPort = FreePorts.udpAndTcp();
        List<Integer> ports = new ArrayList<>();
        try {
            for (String name : names) {
                ClusterNode member = this.track(new ClusterNode(name));
                this.members.put(name, member);
            }
            for (String name : names) {
                int port = FreePorts.udpAndTcp();
                ports.add(port);
                this.sipPorts.put(name, port);
                SipContainer container = this.track(SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)),
                        "127.0.0.1", this.balancerPort, 2).withOutboundProxy("sip:127.0.0.1:" + this.balancerPort)));
                ClusterNode member = this.members.get(name);
                InfinispanSipSessionStore store = this.track(store(member, application));
                Servlet nodeServlet = servlet.apply(name);
                // a servlet that is also a timer listener (an application that answers later) gets the timers too
                List<Object> listeners = (nodeServlet instanceof javax.servlet.sip.TimerListener) ? List.of(nodeServlet) : List.of();
                container.deploy(SipApplicationDefinition.builder(application, Map.of(application, nodeServlet)).mainServlet(application)
                        .listeners(listeners).sessionTimeoutMinutes(3).servletContext(TestServletContext.create(application)).build(), store);
                this.nodes.put(name, container);
            }
            this.balancer = this.track(Kamailio.start(this.balancerPort, ports));
        } catch (Exception | Error e) {
            this.close();
            throw e;
        }
    }

    /** @return a store of an application's sessions in a member's cache: SESSION granularity, ProtoStream */
    static InfinispanSipSessionStore store(ClusterNode member, String application) {
        return new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
            @Override
            public org.infinispan.Cache<String, Map<String, Object>> cache() {
                return member.cache();
            }

            @Override
            public String applicationName() {
                return application;
            }

            @Override
            public SessionGranularity granularity() {
                return SessionGranularity.SESSION;
            }

            @Override
            public org.wildfly.clustering.marshalling.ByteBufferMarshaller marshaller() {
                return SessionMarshaller.PROTOSTREAM.create(BalancedCluster.class.getClassLoader());
            }
        });
    }

    int balancerPort() {
        return this.balancerPort;
    }

    /** @return the SIP port of a node, for a peer that talks to it without the balancer */
    int sipPort(String name) {
        return this.sipPorts.get(name);
    }

    String balancerLog() throws java.io.IOException {
        return this.balancer.log();
    }

    /** The node dies without a goodbye: no more cluster traffic, no more SIP. */
    void crash(String name) {
        this.members.get(name).crash();
        this.nodes.get(name).close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = this.resources.size() - 1; i >= 0; i--) {
            try {
                this.resources.get(i).close();
            } catch (Exception e) {
                // already stopped by the test
            }
        }
    }
}
