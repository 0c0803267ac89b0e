package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.test.app.counter.CounterServlet;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.FreePorts;

/**
 * Mid-call failover as an operator would see it: two WildFly nodes of one cluster behind the Kamailio configuration we
 * ship, a distributable application, a call set up through the balancer; the node that answered it is killed with
 * {@code kill -9}; the call's next requests reach the other node through Kamailio, which answers them from the
 * replicated session, the application's count going on.
 */
class KillNineFailoverIT {

    private static final int OFFSET_1 = 500;
    private static final int OFFSET_2 = 600;

    private static ProvisionedServer node1;
    private static ProvisionedServer node2;
    private static Kamailio balancer;
    private static int balancerPort;

    @BeforeAll
    static void start() throws Exception {
        balancerPort = FreePorts.udpAndTcp();
        ProvisionedServer installation = ProvisionedServer.fromSystemProperties();
        Path home = installation.home();
        Path cluster = SipApplications.ARCHIVES.resolveSibling("failover");
        // both nodes advertise the balancer, so that the calls' in-dialog requests come back through it
        String script = DistributableSipIT.tcppingScript(OFFSET_1, OFFSET_2).replace("stop-embedded-server\n",
                "/subsystem=sip:write-attribute(name=advertised-host, value=127.0.0.1)\n"
                + "/subsystem=sip:write-attribute(name=advertised-port, value=" + balancerPort + ")\n"
                + "stop-embedded-server\n");
        Path base1 = DistributableSipIT.baseDir(home, cluster.resolve("node1"));
        DistributableSipIT.configure(home, base1, script);
        Path base2 = DistributableSipIT.baseDir(home, cluster.resolve("node2"));
        Files.copy(base1.resolve("configuration/standalone.xml"), base2.resolve("configuration/standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
        node1 = new ProvisionedServer(home, base1, OFFSET_1, List.of("-Djboss.node.name=node1"));
        node2 = new ProvisionedServer(home, base2, OFFSET_2, List.of("-Djboss.node.name=node2"));
        node1.start();
        node2.start();
        Path archive = TestArchive.named("counter.sar").classes(CounterServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("counter", "counter", CounterServlet.class.getName(), "    <distributable/>\n"))
                .writeTo(SipApplications.ARCHIVES);
        DistributableSipIT.deploy(node1, archive);
        DistributableSipIT.deploy(node2, archive);
        DistributableSipIT.awaitJoined(node1);
        balancer = Kamailio.start(balancerPort, List.of(node1.sipPort(), node2.sipPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (ProvisionedServer node : new ProvisionedServer[] {node1, node2}) {
            if (node != null) {
                node.close();
            }
        }
    }

    /** Over UDP and over TCP (the balancer carries a call that came over TCP to the node over TCP); the killed node is started again after each. */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callOutlivesTheNodeThatAnsweredIt(String transport) throws Exception {
        long before1 = messagesIn(node1);
        long before2 = messagesIn(node2);
        // read before the call: the kill must come early in its 8 s pause, and a management call takes a second or more
        long takenOver1 = deploymentFigure(node1, "sessions-taken-over");
        long takenOver2 = deploymentFigure(node2, "sessions-taken-over");
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run("failover-counter-uac.xml", transport, balancerPort, "-trace_rtt", "-rtt_freq", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the node that took the INVITE and its ACK is the one to kill
        ProvisionedServer answering = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(6));
        while (answering == null && Instant.now().isBefore(deadline)) {
            if (messagesIn(node1) >= before1 + 2) {
                answering = node1;
            } else if (messagesIn(node2) >= before2 + 2) {
                answering = node2;
            }
            Thread.sleep(100);
        }
        assertNotNull(answering, "a node answered the call through the balancer\n" + balancer.log());
        ProvisionedServer survivor = (answering == node1) ? node2 : node1;
        long survivorBefore = (survivor == node1) ? before1 : before2;
        String answeringName = (answering == node1) ? "node1" : "node2";
        long joins = survivor.serverLogLines().stream().filter(line -> line.contains("ISPN100000: Node " + answeringName + " joined the cluster")).count();
        long takenOverBefore = (survivor == node1) ? takenOver1 : takenOver2;
        String survivorName = (survivor == node1) ? "node1" : "node2";
        answering.kill();
        try {
            Sipp.Result result = call.get(60, TimeUnit.SECONDS);
            assertTrue(result.passed(), result.output() + "\n" + balancer.log());
            assertTrue(result.output().contains("X-Count: 3") && result.output().contains("X-Node: " + survivorName),
                    "the survivor answered the BYE from the replicated session:\n" + result.output());
            assertEquals(survivorBefore + 2, messagesIn(survivor), "the survivor got the INFO and the BYE");
            assertEquals(takenOverBefore + 1, deploymentFigure(survivor, "sessions-taken-over"), "the survivor's metrics tell it took the call over");
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + survivor.managementPort() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(Pattern.compile("(?m)^wildfly_sip_sessions_taken_over\\S*\\{[^}]*deployment=\"counter.sar\"[^}]*\\} [1-9]").matcher(metrics.body()).find(),
                    "and so does /metrics:\n" + metrics.body().lines().filter(line -> line.contains("sip_")).toList());
            // a figure, not a goal: how long the caller waited for the first answer after the kill
            System.out.println("Failover (" + transport + "): the INFO after kill -9 was answered in " + failoverMillis(result.output()) + " ms (sipp response time, retransmissions included)");
        } finally {
            answering.restart();
            DistributableSipIT.awaitJoinedAgain(survivor, answeringName, joins);
            Thread.sleep(2500); // the balancer's probes find it up again: two probes at one a second
        }
    }

    /** @return sipp's response time "failover" (INFO sent to its 200) in milliseconds, from its -trace_rtt lines */
    private static String failoverMillis(String sippOutput) {
        Matcher time = Pattern.compile("(?m)^\\d+;(\\d+);failover\\b").matcher(sippOutput);
        return time.find() ? time.group(1) : "?";
    }

    private static long messagesIn(ProvisionedServer node) throws Exception {
        return deploymentFigure(node, "messages-in");
    }

    private static long deploymentFigure(ProvisionedServer node, String name) throws Exception {
        ModelNode sip = node.cli().run("/deployment=counter.sar/subsystem=sip:read-attribute(name=" + name + ")").response();
        return sip.get("result").isDefined() ? sip.get("result").asLong() : 0;
    }
}
