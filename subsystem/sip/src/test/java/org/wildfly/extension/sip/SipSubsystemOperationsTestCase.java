package org.wildfly.extension.sip;

import static org.jboss.as.controller.descriptions.ModelDescriptionConstants.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.descriptions.ModelDescriptionConstants;
import org.jboss.as.controller.operations.common.Util;
import org.jboss.as.subsystem.test.AbstractSubsystemTest;
import org.jboss.as.subsystem.test.AdditionalInitialization;
import org.jboss.as.subsystem.test.KernelServices;
import org.jboss.dmr.ModelNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Drives {@code /subsystem=sip} as an operator would: every attribute takes good values and refuses bad ones with a message that says what to change.
 */
public class SipSubsystemOperationsTestCase extends AbstractSubsystemTest {

    private static final PathAddress SIP = PathAddress.pathAddress(ModelDescriptionConstants.SUBSYSTEM, "sip");

    private KernelServices services;

    public SipSubsystemOperationsTestCase() {
        super("sip", new SipExtension());
    }

    @Before
    public void boot() throws Exception {
        this.services = this.createKernelServicesBuilder(AdditionalInitialization.withCapabilities("org.wildfly.network.socket-binding.sip-udp", "org.wildfly.network.socket-binding.sip-tcp",
                "org.wildfly.network.socket-binding.sip-tls", "org.wildfly.security.ssl-context.sip-server", "org.wildfly.security.ssl-context.sip-client"))
                .setSubsystemXml("<subsystem xmlns=\"urn:wildfly:sip:1.0\"><connector name=\"udp\" socket-binding=\"sip-udp\" transport=\"UDP\"/></subsystem>")
                .build();
        assertTrue(this.services.getBootErrorDescription(), this.services.isSuccessfulBoot());
    }

    @After
    public void shutdown() {
        this.services.shutdown();
    }

    @Test
    public void defaultsAreReadBack() {
        ModelNode resource = this.success(operation(READ_RESOURCE_OPERATION, SIP, INCLUDE_DEFAULTS, true, RECURSIVE, true));
        assertEquals(3, resource.get("default-session-timeout").asInt());
        assertEquals(16, resource.get("thread-pool-size").asInt());
        assertEquals(1000, resource.get("max-queued-messages").asInt());
        assertEquals(0, resource.get("max-call-rate").asInt());
        assertEquals(1024, resource.get("max-tcp-connections").asInt());
        assertEquals(65535, resource.get("max-message-size").asInt());
        assertEquals(16384, resource.get("max-header-size").asInt());
        assertEquals(120, resource.get("tcp-idle-timeout").asInt());
        assertEquals(10, resource.get("tcp-read-timeout").asInt());
        assertEquals(4194304, resource.get("udp-backlog").asInt());
        assertFalse(resource.get("advertised-host").isDefined());
        assertFalse(resource.get("application-router").isDefined());
        assertEquals("UDP", resource.get("connector", "udp", "transport").asString());
        assertEquals("sip-udp", resource.get("connector", "udp", "socket-binding").asString());
    }

    @Test
    public void descriptionNamesEveryAttributeWithItsText() {
        ModelNode description = this.success(operation(READ_RESOURCE_DESCRIPTION_OPERATION, SIP, RECURSIVE, true));
        Set<String> attributes = description.get(ATTRIBUTES).keys();
        assertEquals(Set.of("advertised-host", "advertised-port", "outbound-proxy", "application-router", "application-router-module", "default-session-timeout", "thread-pool-size", "max-queued-messages", "max-call-rate",
                "max-tcp-connections", "max-message-size", "max-header-size", "tcp-idle-timeout", "tcp-read-timeout", "udp-backlog",
                "client-ssl-context", "trusted-hosts", "queued-messages", "refused-requests", "dropped-datagrams", "retried-requests", "malformed-messages", "calls-in-progress",
                "suspend-state"), attributes);
        for (String attribute : attributes) {
            assertFalse(attribute, description.get(ATTRIBUTES, attribute, DESCRIPTION).asString().isBlank());
        }
        ModelNode connector = description.get(CHILDREN, "connector", MODEL_DESCRIPTION, "*");
        assertEquals(Set.of("socket-binding", "transport", "ssl-context", "messages-received", "messages-sent", "malformed-messages"), connector.get(ATTRIBUTES).keys());
        for (String metric : List.of("messages-received", "messages-sent", "malformed-messages")) {
            assertFalse(metric, connector.get(ATTRIBUTES, metric, DESCRIPTION).asString().isBlank());
        }
        assertEquals(Set.of("UDP", "TCP", "TLS"), Set.copyOf(connector.get(ATTRIBUTES, "transport", ALLOWED).asList().stream().map(ModelNode::asString).toList()));
    }

    @Test
    public void trustedHostsTakeAddressesAndNamesThatResolve() {
        ModelNode hosts = new ModelNode().add("192.0.2.10").add("[2001:db8::10]").add("localhost").add("${sip.trusted.proxy:127.0.0.2}");
        this.success(Util.getWriteAttributeOperation(SIP, "trusted-hosts", hosts));
        ModelNode read = this.success(Util.getReadAttributeOperation(SIP, "trusted-hosts"));
        assertEquals(List.of("192.0.2.10", "[2001:db8::10]", "localhost", "${sip.trusted.proxy:127.0.0.2}"), read.asList().stream().map(ModelNode::asString).toList());
        this.success(Util.getUndefineAttributeOperation(SIP, "trusted-hosts"));
        assertFalse(this.success(Util.getReadAttributeOperation(SIP, "trusted-hosts")).isDefined());
    }

    @Test
    public void trustedHostThatDoesNotResolveIsRefusedNamingIt() {
        ModelNode hosts = new ModelNode().add("192.0.2.10").add("no-such-proxy.invalid");
        this.assertRefused(Util.getWriteAttributeOperation(SIP, "trusted-hosts", hosts), "'no-such-proxy.invalid' of trusted-hosts cannot be resolved to an IP address on this server",
                "give the IP address of the proxy");
        assertFalse(this.success(Util.getReadAttributeOperation(SIP, "trusted-hosts")).isDefined());
    }

    @Test
    public void goodValuesAreWrittenAndReadBack() {
        this.write("advertised-host", "lb.example.com");
        this.write("advertised-port", "5080");
        this.write("application-router", TestRouterProvider.class.getName());
        this.write("default-session-timeout", "0");
        this.write("thread-pool-size", "64");
        this.write("advertised-host", "[2001:db8::10]");
        this.write("advertised-host", "192.0.2.10");
        this.write("advertised-host", "${sip.lb.host:lb.example.com}");
        ModelNode resource = this.success(Util.createEmptyOperation(READ_RESOURCE_OPERATION, SIP));
        assertEquals(5080, resource.get("advertised-port").asInt());
        assertEquals(64, resource.get("thread-pool-size").asInt());
        assertEquals(TestRouterProvider.class.getName(), resource.get("application-router").asString());
    }

    @Test
    public void badHostIsRefusedWithAnExample() {
        this.assertRefused(this.writeOperation("advertised-host", "sip:lb.example.com:5060"), "advertised-host", "host name");
        this.assertRefused(this.writeOperation("advertised-host", "two words"), "advertised-host", "IP address");
    }

    @Test
    public void outboundProxyIsASipUriOfAHost() {
        this.write("outbound-proxy", "sip:10.0.0.10:5060");
        this.write("outbound-proxy", "sip:lb.example.com;transport=tcp");
        this.assertRefused(this.writeOperation("outbound-proxy", "10.0.0.10:5060"), "outbound-proxy", "sip:10.0.0.10:5060");
        this.assertRefused(this.writeOperation("outbound-proxy", "sip:alice@lb.example.com"), "outbound-proxy", "names a user");
    }

    @Test
    public void badPortIsRefused() {
        this.write("advertised-host", "lb.example.com");
        this.assertRefused(this.writeOperation("advertised-port", "70000"), "advertised-port", "65535");
        this.assertRefused(this.writeOperation("advertised-port", "0"), "advertised-port", "1");
        this.assertRefused(this.writeOperation("advertised-port", "five"), "advertised-port");
    }

    @Test
    public void portWithoutHostIsRefused() {
        ModelNode add = Util.createRemoveOperation(SIP);
        this.success(add);
        ModelNode op = Util.createAddOperation(SIP);
        op.get("advertised-port").set(5080);
        this.assertRefused(op, "advertised-host");
    }

    @Test
    public void badRouterClassIsRefused() {
        this.assertRefused(this.writeOperation("application-router", "com.example.1Router"), "application-router", "SipApplicationRouterProvider");
    }

    @Test
    public void unknownRouterClassIsRefusedSayingWhereToPutIt() {
        this.assertRefused(this.writeOperation("application-router", "com.example.NoSuchRouterProvider"), "com.example.NoSuchRouterProvider", "application-router-module");
        assertFalse("nothing was written", this.success(Util.getReadAttributeOperation(SIP, "application-router")).isDefined());
    }

    @Test
    public void routerClassThatIsNoProviderIsRefused() {
        this.assertRefused(this.writeOperation("application-router", String.class.getName()), "java.lang.String does not extend javax.servlet.sip.ar.spi.SipApplicationRouterProvider");
    }

    @Test
    public void routerModuleThatDoesNotExistIsRefusedNamingIt() {
        this.assertRefused(this.writeOperation("application-router-module", "com.example.no.such.router"), "com.example.no.such.router", "module add");
        this.write("application-router", TestRouterProvider.class.getName());
        this.assertRefused(this.writeOperation("application-router-module", "com.example.no.such.router"), "com.example.no.such.router");
        assertEquals(TestRouterProvider.class.getName(), this.success(Util.getReadAttributeOperation(SIP, "application-router")).asString());
    }

    @Test
    public void negativeTimeoutAndEmptyPoolAreRefused() {
        this.assertRefused(this.writeOperation("default-session-timeout", "-1"), "default-session-timeout", "0");
        this.assertRefused(this.writeOperation("thread-pool-size", "0"), "thread-pool-size", "1");
    }

    @Test
    public void overloadLimitsThatCannotWorkAreRefused() {
        this.assertRefused(this.writeOperation("max-queued-messages", "0"), "max-queued-messages", "1");
        this.assertRefused(this.writeOperation("max-call-rate", "-1"), "max-call-rate", "0");
        this.assertRefused(this.writeOperation("max-tcp-connections", "0"), "max-tcp-connections", "1");
        this.assertRefused(this.writeOperation("max-message-size", "100"), "max-message-size", "1024");
        this.assertRefused(this.writeOperation("tcp-read-timeout", "0"), "tcp-read-timeout", "1");
        this.write("max-call-rate", "300");
        assertEquals(300, this.success(Util.getReadAttributeOperation(SIP, "max-call-rate")).asInt());
    }

    @Test
    public void threadPoolSizeBeyondWhatAServerCanRunIsRefusedSayingWhy() {
        this.assertRefused(this.writeOperation("thread-pool-size", "2147483647"), "thread-pool-size 2147483647 is out of range: give 1 to 1024 threads (the default is 16)");
        this.assertRefused(this.writeOperation("thread-pool-size", "1025"), "1 to 1024");
        this.write("thread-pool-size", "1024");
    }

    @Test
    public void secondConnectorOfATransportOnOneSocketBindingIsRefusedNamingTheFirst() {
        ModelNode dup = connectorAdd("dup", "sip-udp", "UDP");
        this.assertRefused(dup, "Socket binding sip-udp is already used by SIP connector udp; give connector dup a socket binding of its own");
        assertFalse(this.services.executeOperation(Util.createEmptyOperation(READ_RESOURCE_OPERATION, SIP.append("connector", "dup"))).get(OUTCOME).asString().equals(SUCCESS));
    }

    @Test
    public void udpAndTcpConnectorsShareASocketBinding() {
        this.success(connectorAdd("tcp", "sip-udp", "TCP"));
    }

    @Test
    public void socketBindingWrittenOntoAnotherConnectorsIsRefused() {
        PathAddress other = SIP.append("connector", "other");
        this.success(connectorAdd("other", "sip-tcp", "UDP"));
        this.assertRefused(Util.getWriteAttributeOperation(other, "socket-binding", new ModelNode("sip-udp")), "Socket binding sip-udp is already used by SIP connector udp");
        assertEquals("sip-tcp", this.success(Util.getReadAttributeOperation(other, "socket-binding")).asString());
        // nor by turning a connector of another transport into a second one of the same
        this.success(Util.getWriteAttributeOperation(other, "socket-binding", new ModelNode("sip-tcp")));
        this.success(connectorAdd("tcp", "sip-udp", "TCP"));
        this.assertRefused(Util.getWriteAttributeOperation(SIP.append("connector", "tcp"), "transport", new ModelNode("UDP")), "already used by SIP connector udp");
    }

    @Test
    public void tlsConnectorWithoutSslContextIsRefusedSayingWhatToAdd() {
        this.assertRefused(connectorAdd("tls", "sip-tls", "TLS"), "A TLS connector needs the keys it presents: add ssl-context=<name> to connector tls", "server-ssl-context");
    }

    @Test
    public void tlsConnectorTakesAServerSslContextAndTheSubsystemAClientOne() {
        ModelNode add = connectorAdd("tls", "sip-tls", "TLS");
        add.get("ssl-context").set("sip-server");
        this.success(add);
        assertEquals("sip-server", this.success(Util.getReadAttributeOperation(SIP.append("connector", "tls"), "ssl-context")).asString());
        this.write("client-ssl-context", "sip-client");
        // the TLS connector cannot lose its keys, nor turn into another transport with them
        this.assertRefused(Util.getUndefineAttributeOperation(SIP.append("connector", "tls"), "ssl-context"), "add ssl-context=<name>");
        this.assertRefused(Util.getWriteAttributeOperation(SIP.append("connector", "tls"), "transport", new ModelNode("TCP")), "takes no ssl-context");
    }

    @Test
    public void sslContextOnAConnectorOfAnotherTransportIsRefused() {
        this.assertRefused(Util.getWriteAttributeOperation(SIP.append("connector", "udp"), "ssl-context", new ModelNode("sip-server")),
                "Connector udp listens on UDP, which takes no ssl-context");
    }

    @Test
    public void sslContextThatDoesNotExistIsRefusedNamingIt() {
        ModelNode add = connectorAdd("tls", "sip-tls", "TLS");
        add.get("ssl-context").set("no-such-context");
        this.assertRefused(add, "no-such-context");
        this.assertRefused(this.writeOperation("client-ssl-context", "no-such-client"), "no-such-client");
    }

    @Test
    public void tlsSharesASocketBindingWithUdpButNotWithTcp() {
        this.success(connectorAdd("tcp", "sip-tcp", "TCP"));
        ModelNode onTcp = connectorAdd("tls", "sip-tcp", "TLS");
        onTcp.get("ssl-context").set("sip-server");
        this.assertRefused(onTcp, "Socket binding sip-tcp is already used by SIP connector tcp");
        ModelNode onUdp = connectorAdd("tls", "sip-udp", "TLS");
        onUdp.get("ssl-context").set("sip-server");
        this.success(onUdp);
    }

    private static ModelNode connectorAdd(String name, String socketBinding, String transport) {
        ModelNode op = Util.createAddOperation(SIP.append("connector", name));
        op.get("socket-binding").set(socketBinding);
        op.get("transport").set(transport);
        return op;
    }

    @Test
    public void connectorWithUnknownTransportIsRefusedListingTheChoices() {
        ModelNode op = Util.createAddOperation(SIP.append("connector", "sctp"));
        op.get("socket-binding").set("sip-tcp");
        op.get("transport").set("SCTP");
        this.assertRefused(op, "SCTP", "UDP", "TCP");
    }

    @Test
    public void connectorOnMissingSocketBindingIsRefusedNamingIt() {
        ModelNode op = Util.createAddOperation(SIP.append("connector", "tcp"));
        op.get("socket-binding").set("no-such-binding");
        op.get("transport").set("TCP");
        this.assertRefused(op, "no-such-binding");
    }

    @Test
    public void connectorIsAddedAndRemoved() {
        PathAddress tcp = SIP.append(PathElement.pathElement("connector", "tcp"));
        ModelNode op = Util.createAddOperation(tcp);
        op.get("socket-binding").set("sip-tcp");
        op.get("transport").set("TCP");
        this.success(op);
        assertEquals("TCP", this.success(Util.getReadAttributeOperation(tcp, "transport")).asString());
        this.success(Util.createRemoveOperation(tcp));
        assertEquals(Set.of("udp"), this.success(operation(READ_CHILDREN_NAMES_OPERATION, SIP, CHILD_TYPE, "connector")).asList().stream().map(ModelNode::asString).collect(java.util.stream.Collectors.toSet()));
    }

    private static ModelNode operation(String name, PathAddress address, Object... parameters) {
        ModelNode operation = Util.createEmptyOperation(name, address);
        for (int i = 0; i < parameters.length; i += 2) {
            Object value = parameters[i + 1];
            operation.get((String) parameters[i]).set((value instanceof Boolean flag) ? new ModelNode(flag) : new ModelNode(value.toString()));
        }
        return operation;
    }

    private void write(String name, String value) {
        this.success(this.writeOperation(name, value));
        assertEquals(value, this.success(Util.getReadAttributeOperation(SIP, name)).asString());
    }

    private ModelNode writeOperation(String name, String value) {
        return Util.getWriteAttributeOperation(SIP, name, new ModelNode(value));
    }

    private ModelNode success(ModelNode operation) {
        ModelNode result = this.services.executeOperation(operation);
        assertEquals(result.toString(), SUCCESS, result.get(OUTCOME).asString());
        return result.get(RESULT);
    }

    private void assertRefused(ModelNode operation, String... expectedInMessage) {
        ModelNode result = this.services.executeOperation(operation);
        assertEquals(result.toString(), FAILED, result.get(OUTCOME).asString());
        String message = result.get(FAILURE_DESCRIPTION).asString();
        for (String expected : expectedInMessage) {
            assertTrue("'" + expected + "' missing from: " + message, message.contains(expected));
        }
    }
}
