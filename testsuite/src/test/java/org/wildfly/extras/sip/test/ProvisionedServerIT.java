package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server provisioned with layers web-clustering + sip-clustering boots cleanly and both subsystems answer jboss-cli.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedServerIT {

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void configurationHoldsBothSubsystemsAndTheSipSockets() throws Exception {
        String xml = server.configuration();
        assertTrue(xml.contains("<subsystem xmlns=\"urn:wildfly:sip:1.0\""), xml);
        assertTrue(xml.contains("<subsystem xmlns=\"urn:wildfly:sip-clustering:1.0\""), xml);
        assertTrue(xml.contains("urn:jboss:domain:distributable-web:"), "web-clustering is provisioned too");
        assertTrue(xml.contains("<socket-binding name=\"sip-udp\" port=\"5060\"/>"), xml);
        assertTrue(xml.contains("<socket-binding name=\"sip-tcp\" port=\"5060\"/>"), xml);
    }

    @Test
    @Order(1)
    void sipModulesAreInstalled() throws Exception {
        Path modules = server.home().resolve("modules/system/layers/base");
        for (String module : List.of("javax/servlet/sip/api", "javax/sip/jain-sip-ri", "org/wildfly/extension/sip", "org/wildfly/extension/sip/clustering")) {
            try (Stream<Path> files = Files.list(modules.resolve(module).resolve("main"))) {
                assertTrue(files.anyMatch(file -> file.toString().endsWith(".jar")), "a jar in module " + module);
            }
        }
    }

    @Test
    @Order(1)
    void bootLogsNoError() throws Exception {
        List<String> errors = server.serverLogLines().stream().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(List.of(), errors);
        assertEquals(0, server.count("WFLYSRV0026"), "started with errors");
    }

    @Test
    @Order(1)
    void sipSubsystemAnswers() throws Exception {
        ModelNode sip = success(server.cli().run("/subsystem=sip:read-resource(recursive=true, include-defaults=true)"));
        assertEquals(3, sip.get("default-session-timeout").asInt());
        assertEquals(16, sip.get("thread-pool-size").asInt());
        assertEquals("UDP", sip.get("connector", "udp", "transport").asString());
        assertEquals("sip-udp", sip.get("connector", "udp", "socket-binding").asString());
        assertEquals("TCP", sip.get("connector", "tcp", "transport").asString());
        assertEquals("sip-tcp", sip.get("connector", "tcp", "socket-binding").asString());
    }

    @Test
    @Order(1)
    void sipClusteringSubsystemAnswers() throws Exception {
        ModelNode clustering = success(server.cli().run("/subsystem=sip-clustering:read-resource(recursive=true, include-defaults=true)"));
        assertEquals("default", clustering.get("default-session-management").asString());
        ModelNode provider = clustering.get("infinispan-session-management", "default");
        assertEquals("web", provider.get("cache-container").asString());
        assertEquals("SESSION", provider.get("granularity").asString());
        assertEquals("PROTOSTREAM", provider.get("marshaller").asString());
    }

    @Test
    @Order(1)
    void sipSocketBindingsAreOrdinaryOffsetBindings() throws Exception {
        ModelNode binding = success(server.cli().run("/socket-binding-group=standard-sockets/socket-binding=sip-udp:read-resource(include-defaults=true)"));
        assertEquals(5060, binding.get("port").asInt());
        assertFalse(binding.get("fixed-port").asBoolean(), "a fixed port would ignore the port offset");
        assertEquals(server.managementPort() - 9990, success(server.cli().run("/socket-binding-group=standard-sockets:read-attribute(name=port-offset, resolve-expressions=true)")).asInt());
    }

    @Test
    @Order(1)
    void sipContainerAnswersOnTheOffsetPorts() throws Exception {
        int port = 5060 + server.managementPort() - 9990;
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            String options = "OPTIONS sip:node@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bKprovisioned\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:node@127.0.0.1>\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nCall-ID: provisioned-server\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.send(new java.net.DatagramPacket(bytes, bytes.length, java.net.InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            java.net.DatagramPacket answer = new java.net.DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            String response = new String(buffer, 0, answer.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
            // no application is deployed: the node answers the OPTIONS itself, as a load balancer's probe needs
            assertTrue(response.startsWith("SIP/2.0 200 "), response);
            assertTrue(response.contains("Allow:"), response);
            assertTrue(response.contains("Call-ID: provisioned-server"), response);
        }
        try (java.net.Socket tcp = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            assertTrue(tcp.isConnected(), "the TCP connector listens on " + port);
        }
    }

    @Test
    @Order(2)
    void badValueIsRefusedWithWhatToChange() throws Exception {
        JBossCli.Result result = server.cli().run("/subsystem=sip:write-attribute(name=advertised-host, value=\"sip:lb.example.com\")");
        assertFalse(result.succeeded(), result.output());
        assertTrue(result.output().contains("is not a valid advertised-host: give a host name"), result.output());
    }

    @Test
    @Order(2)
    void missingCacheContainerIsRefusedNamingIt() throws Exception {
        JBossCli.Result result = server.cli().run("/subsystem=sip-clustering/infinispan-session-management=other:add(cache-container=no-such-container, granularity=SESSION)");
        assertFalse(result.succeeded(), result.output());
        assertTrue(result.output().contains("no-such-container"), result.output());
        assertFalse(server.cli().run("/subsystem=sip-clustering/infinispan-session-management=other:read-resource").succeeded(), "nothing was added");
    }

    @Test
    @Order(3)
    void writtenAttributeNeedsReloadAndSurvivesIt() throws Exception {
        ModelNode write = server.cli().run("/subsystem=sip:write-attribute(name=advertised-host, value=sip-lb.example.com)").response();
        assertEquals("success", write.get("outcome").asString(), write.toString());
        assertEquals("reload-required", write.get("response-headers", "process-state").asString(), write.toString());
        assertEquals("reload-required", success(server.cli().run(":read-attribute(name=server-state)")).asString());

        long boots = server.count("WFLYSRV0025");
        assertTrue(server.cli().run(":reload").succeeded());
        server.awaitLogCount("WFLYSRV0025", (int) boots + 1);

        assertEquals("running", success(server.cli().run(":read-attribute(name=server-state)")).asString());
        assertEquals("sip-lb.example.com", success(server.cli().run("/subsystem=sip:read-attribute(name=advertised-host)")).asString());
        assertTrue(server.configuration().contains("advertised-host=\"sip-lb.example.com\""), "persisted in standalone.xml");
    }

    private static ModelNode success(JBossCli.Result result) {
        ModelNode response = result.response();
        assertEquals("success", response.get("outcome").asString(), result.output());
        return response.get("result");
    }
}
