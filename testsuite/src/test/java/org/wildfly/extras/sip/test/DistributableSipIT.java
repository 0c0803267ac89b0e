package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.test.app.counter.CounterServlet;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * Two nodes of one cluster on loopback (port offsets 200 and 300, the {@code ee} channel on the TCP stack with TCPPING
 * to both nodes' {@code jgroups-tcp} ports), each its own {@code jboss.server.base.dir} on the provisioned server. A
 * distributable SIP application counts a call's requests in its application session: sipp sets the call up on node 1
 * and sends the next requests straight to node 2, which answers from the replicated session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributableSipIT {

    private static final int OFFSET_1 = 200;
    private static final int OFFSET_2 = 300;
    private static final String WARNING = "is <distributable/>, but this server has no sip-clustering subsystem";

    private static ProvisionedServer node1;
    private static ProvisionedServer node2;

    /** Routes the ee channel over TCP, finding the two nodes with TCPPING; run offline on a node's configuration. */
    static String tcppingScript(int... offsets) {
        StringBuilder script = new StringBuilder("embed-server --server-config=standalone.xml --std-out=discard\n");
        StringBuilder bindings = new StringBuilder();
        for (int i = 0; i < offsets.length; i++) {
            String name = "jgroups-node" + (i + 1);
            script.append("/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=").append(name)
                    .append(":add(host=127.0.0.1, port=").append(7600 + offsets[i]).append(")\n");
            bindings.append(i > 0 ? ", " : "").append(name);
        }
        script.append("/subsystem=jgroups/stack=tcp/protocol=MPING:remove()\n")
                .append("/subsystem=jgroups/stack=tcp/protocol=TCPPING:add(add-index=0, socket-bindings=[").append(bindings).append("])\n")
                .append("/subsystem=jgroups/stack=tcp/transport=TCP:write-attribute(name=properties, value={tcp_nodelay=true})\n")
                .append("/subsystem=jgroups/channel=ee:write-attribute(name=stack, value=tcp)\n")
                .append("stop-embedded-server\n");
        return script.toString();
    }

    @BeforeAll
    static void start() throws Exception {
        ProvisionedServer installation = ProvisionedServer.fromSystemProperties();
        Path home = installation.home();
        Path cluster = SipApplications.ARCHIVES.resolveSibling("cluster");
        Path base1 = baseDir(home, cluster.resolve("node1"));
        configure(home, base1, tcppingScript(OFFSET_1, OFFSET_2));
        Path base2 = baseDir(home, cluster.resolve("node2"));
        Files.copy(base1.resolve("configuration/standalone.xml"), base2.resolve("configuration/standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
        node1 = new ProvisionedServer(home, base1, OFFSET_1, List.of("-Djboss.node.name=node1"));
        node2 = new ProvisionedServer(home, base2, OFFSET_2, List.of("-Djboss.node.name=node2"));
        node1.start();
        node2.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ProvisionedServer node : new ProvisionedServer[] {node1, node2}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void sessionCreatedOnNode1IsReadOnNode2() throws Exception {
        Path archive = counterSar("counter.sar", "counter", null);
        deploy(node1, archive);
        deploy(node2, archive);
        awaitJoined(node1);

        Sipp.Result result = Sipp.run("counter-two-nodes-uac.xml", "u1", node1.sipPort(), "-key", "node2_port", Integer.toString(node2.sipPort()));
        assertTrue(result.passed(), result.output());
        // INVITE and the first INFO answered by node 1, the second INFO and the BYE by node 2 from the replicated session
        assertTrue(result.output().contains("X-Count: 2") && result.output().contains("X-Node: node1"), result.output());
        assertTrue(result.output().contains("X-Count: 4") && result.output().contains("X-Node: node2"), result.output());

        int owned = 0;
        for (ProvisionedServer node : new ProvisionedServer[] {node1, node2}) {
            ModelNode sip = node.cli().run("/deployment=counter.sar/subsystem=sip:read-resource(include-runtime=true)").response();
            assertEquals("success", sip.get("outcome").asString(), sip.toString());
            assertEquals("default", sip.get("result", "session-management").asString(), sip.toString());
            assertEquals("web/counter.sar.sip", sip.get("result", "cache").asString(), sip.toString());
            owned += sip.get("result", "active-application-sessions").asInt();
        }
        assertEquals(1, owned, "the call's application session is owned by exactly one of the two nodes");
        undeploy(node1, "counter.sar");
        undeploy(node2, "counter.sar");
    }

    @Test
    @Order(2)
    void deploymentNamesItsSessionManagement() throws Exception {
        for (ProvisionedServer node : new ProvisionedServer[] {node1, node2}) {
            JBossCli.Result added = node.cli().run("/subsystem=sip-clustering/infinispan-session-management=fine:add(cache-container=web, granularity=ATTRIBUTE, marshaller=JBOSS)");
            assertTrue(added.succeeded(), added.output());
        }
        Path archive = counterSar("counter-fine.sar", "counter-fine", "fine");
        deploy(node1, archive);
        deploy(node2, archive);

        Sipp.Result result = Sipp.run("counter-two-nodes-uac.xml", "u1", node1.sipPort(), "-key", "node2_port", Integer.toString(node2.sipPort()));
        assertTrue(result.passed(), result.output());
        for (ProvisionedServer node : new ProvisionedServer[] {node1, node2}) {
            // the documented stack has tcp_nodelay on: the store's warning about the channel must stay silent
            assertTrue(node.serverLogLines().stream().noneMatch(line -> line.contains("tcp_nodelay=false")), node.serverLog());
        }
        ModelNode sip = node2.cli().run("/deployment=counter-fine.sar/subsystem=sip:read-resource(include-runtime=true)").response();
        assertEquals("fine", sip.get("result", "session-management").asString(), sip.toString());
        undeploy(node1, "counter-fine.sar");
        undeploy(node2, "counter-fine.sar");

        // a name that the server does not have fails the deployment, naming it
        Path missing = counterSar("counter-missing.sar", "counter-missing", "missing");
        JBossCli.Result failed = node1.cli().command("deploy " + missing);
        assertFalse(failed.succeeded(), failed.output());
        assertTrue(failed.output().contains("WEB-INF/distributable-sip.xml names session management 'missing'"), failed.output());
    }

    @Test
    @Order(3)
    void withoutSipClusteringDeploysNotDistributableWithOneWarning() throws Exception {
        JBossCli.Result removed = node2.cli().runScript("/subsystem=sip-clustering:remove()\nreload\n");
        assertTrue(removed.succeeded(), removed.output());
        node2.awaitLogCount("WFLYSRV0025", 2);
        deploy(node2, counterSar("counter.sar", "counter", null));
        assertEquals(1, node2.serverLogLines().stream().filter(line -> line.contains(WARNING)).count(), node2.serverLog());

        // the whole call runs on node 2, with its session in memory
        Sipp.Result result = Sipp.run("counter-two-nodes-uac.xml", "u1", node2.sipPort(), "-key", "node2_port", Integer.toString(node2.sipPort()));
        assertTrue(result.passed(), result.output());
        ModelNode sip = node2.cli().run("/deployment=counter.sar/subsystem=sip:read-resource(include-runtime=true)").response();
        assertFalse(sip.get("result", "session-management").isDefined(), sip.toString());
    }

    /** The counter application, {@code <distributable/>}; with a WEB-INF/distributable-sip.xml if a provider is named. */
    private static Path counterSar(String fileName, String applicationName, String sessionManagement) throws IOException {
        TestArchive archive = TestArchive.named(fileName)
                .classes(CounterServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml(applicationName, "counter", CounterServlet.class.getName(), "    <distributable/>\n"));
        if (sessionManagement != null) {
            archive.text("WEB-INF/distributable-sip.xml", """
                    <distributable-sip xmlns="urn:wildfly:distributable-sip:1.0">
                        <session-management name="%s"/>
                    </distributable-sip>
                    """.formatted(sessionManagement));
        }
        return archive.writeTo(SipApplications.ARCHIVES);
    }

    /** A fresh base directory for a node: the provisioned configuration, an empty deployments directory. */
    static Path baseDir(Path home, Path baseDir) throws IOException {
        if (Files.exists(baseDir)) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path configuration = baseDir.resolve("configuration");
        Files.createDirectories(configuration);
        Files.createDirectories(baseDir.resolve("deployments"));
        // the configuration as provisioned (ProvisionedServer keeps it beside the shared server's own, which the class
        // before may have left with its deployments); before that server first started, its own is as provisioned
        Path pristine = home.resolve("standalone/configuration.provisioned");
        Path source = Files.isDirectory(pristine) ? pristine : home.resolve("standalone/configuration");
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        Path provisioned = configuration.resolve("standalone.xml.provisioned");
        if (Files.exists(provisioned)) {
            Files.move(provisioned, configuration.resolve("standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        return baseDir;
    }

    /** Runs a CLI script on a node's configuration with an embedded server (no server runs). */
    static void configure(Path home, Path baseDir, String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sip-cluster-", ".cli");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + file).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor() == 0, output);
        Files.delete(file);
        assertTrue(Files.readString(baseDir.resolve("configuration/standalone.xml")).contains("TCPPING"), "configured " + baseDir + ":\n" + output);
    }

    static void deploy(ProvisionedServer node, Path archive) throws Exception {
        JBossCli.Result deployed = node.cli().command("deploy " + archive);
        assertTrue(deployed.succeeded(), deployed.output() + "\n" + node.serverLog());
    }

    static void undeploy(ProvisionedServer node, String name) throws Exception {
        JBossCli.Result undeployed = node.cli().command("undeploy " + name);
        assertTrue(undeployed.succeeded(), undeployed.output());
    }

    /**
     * Waits until a node has joined the cluster once more, as another member's log says.
     * @param member a member of the cluster
     * @param joining the node name of the one joining
     * @param joinsBefore how many times the member's log said so before
     */
    static void awaitJoinedAgain(ProvisionedServer member, String joining, long joinsBefore) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (member.serverLogLines().stream().filter(line -> line.contains("ISPN100000: Node " + joining + " joined the cluster")).count() <= joinsBefore) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(joining + " did not join again:\n" + member.serverLog());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until node 2 has joined node 1's cluster, as node 1's log says. */
    static void awaitJoined(ProvisionedServer node) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (node.serverLogLines().stream().noneMatch(line -> line.contains("ISPN100000: Node node2 joined the cluster"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("node 2 did not join node 1:\n" + node.serverLog());
            }
            Thread.sleep(200);
        }
    }
}
