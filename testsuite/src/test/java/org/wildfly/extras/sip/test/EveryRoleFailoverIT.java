package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.roles.HangUpTimer;
import org.wildfly.extras.sip.test.app.roles.RolesServlet;
import org.wildfly.extras.sip.test.app.roles.UacServlet;

/**
 * Every role survives its node, as an operator runs it: two WildFly nodes of one cluster, configured as
 * docs/load-balancer.md says (advertised address and outbound proxy: the balancer), behind the shipped Kamailio
 * configuration, a {@code <distributable/>} application that counts each call's requests and says so in every message.
 * In each test a call is set up, the node that holds it is killed with {@code kill -9}, and the call goes on through
 * the other node; the killed node is then started again, as an operator would, for the next test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryRoleFailoverIT {

    private static final int OFFSET_1 = 700;
    private static final int OFFSET_2 = 800;
    private static final Pattern NODE = Pattern.compile("X-Node: (node[12])");

    private static ProvisionedServer node1;
    private static ProvisionedServer node2;
    private static Kamailio balancer;
    private static int balancerPort;
    private final List<Sipp.Server> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        balancerPort = FreePorts.udpAndTcp();
        ProvisionedServer installation = ProvisionedServer.fromSystemProperties();
        Path home = installation.home();
        Path cluster = SipApplications.ARCHIVES.resolveSibling("every-role");
        String script = DistributableSipIT.tcppingScript(OFFSET_1, OFFSET_2).replace("stop-embedded-server\n",
                "/subsystem=sip:write-attribute(name=advertised-host, value=127.0.0.1)\n"
                + "/subsystem=sip:write-attribute(name=advertised-port, value=" + balancerPort + ")\n"
                + "/subsystem=sip:write-attribute(name=outbound-proxy, value=\"sip:127.0.0.1:" + balancerPort + "\")\n"
                + "stop-embedded-server\n");
        Path base1 = DistributableSipIT.baseDir(home, cluster.resolve("node1"));
        DistributableSipIT.configure(home, base1, script);
        Path base2 = DistributableSipIT.baseDir(home, cluster.resolve("node2"));
        Files.copy(base1.resolve("configuration/standalone.xml"), base2.resolve("configuration/standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
        node1 = new ProvisionedServer(home, base1, OFFSET_1, List.of("-Djboss.node.name=node1"));
        node2 = new ProvisionedServer(home, base2, OFFSET_2, List.of("-Djboss.node.name=node2"));
        node1.start();
        node2.start();
        Path roles = rolesWar();
        Path clickToCall = Path.of(System.getProperty("sip.test.sample.war"));
        for (ProvisionedServer node : List.of(node1, node2)) {
            // the roles application first: the default application router gives initial requests to the first deployed
            DistributableSipIT.deploy(node, roles);
            DistributableSipIT.deploy(node, clickToCall);
        }
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

    @AfterEach
    void stopSipps() throws Exception {
        for (Sipp.Server sipp : this.sipps) {
            sipp.process().destroyForcibly();
        }
    }

    /** A record-routing proxy: after the kill, the caller's INFO and re-INVITE and the callee's BYE go through the survivor. */
    @Test
    @Order(1)
    void proxiedCall() throws Exception {
        Sipp.Server callee = this.callee("proxy-failover-uas.xml");
        Sipp.Server caller = this.caller("proxy-failover-uac.xml", callee);
        ProvisionedServer holding = this.nodeNamedIn(callee, "ACK ");
        this.killAndCheck(holding, caller, callee);
    }

    /** A B2BUA: after the kill, the caller's re-INVITE, then the callee's re-INVITE and BYE are relayed by the survivor, leg to leg. */
    @Test
    @Order(2)
    void bridgedCall() throws Exception {
        Sipp.Server callee = this.callee("b2bua-failover-uas.xml");
        Sipp.Server caller = this.caller("b2bua-failover-uac.xml", callee);
        ProvisionedServer holding = this.nodeNamedIn(callee, "ACK ");
        this.killAndCheck(holding, caller, callee);
    }

    /** The application placed the call (UAC) from node 1; node 1 dies; the callee's BYE is answered by node 2. */
    @Test
    @Order(3)
    void calleeHangsUpACallTheApplicationPlaced() throws Exception {
        Sipp.Server callee = this.callee("uac-failover-uas.xml");
        this.httpGet(node1, "/roles/uac?to=sip:callee@127.0.0.1:" + callee.port());
        this.awaitMessage(callee, "ACK ");
        this.killAndCheck(node1, null, callee);
    }

    /** The application placed the call and hangs up from a ServletTimer set before its node died: the survivor fires it, once. */
    @Test
    @Order(4)
    void applicationHangsUpFromATimerOnTheSurvivor() throws Exception {
        Sipp.Server callee = this.callee("uac-hung-up-uas.xml");
        String call = this.httpGet(node2, "/roles/uac?to=sip:callee@127.0.0.1:" + callee.port() + "&hangUpAfter=8000");
        this.awaitMessage(callee, "ACK ");
        this.killAndCheck(node2, null, callee);
        List<String> fired = node1.serverLogLines().stream().filter(line -> line.contains("ROLES hang-up timer fired on") && line.contains(call)).toList();
        assertEquals(1, fired.size(), "the timer fired once, on node 1: " + fired);
    }

    private Sipp.Server callee(String scenario) throws Exception {
        Sipp.Server callee = Sipp.startServer(scenario, "u1", "-timeout", "60s");
        this.sipps.add(callee);
        return callee;
    }

    private Sipp.Server caller(String scenario, Sipp.Server callee) throws Exception {
        Sipp.Server caller = Sipp.startClient(scenario, "u1", balancerPort, "-timeout", "60s", "-key", "callee_port", Integer.toString(callee.port()));
        this.sipps.add(caller);
        return caller;
    }

    /** Kills a node, checks that both phones finished their call through the other node, and starts the node again. */
    private void killAndCheck(ProvisionedServer holding, Sipp.Server caller, Sipp.Server callee) throws Exception {
        Thread.sleep(500); // the message's changes are written when it has been handled, just after what the phone saw
        holding.kill();
        ProvisionedServer survivor = (holding == node1) ? node2 : node1;
        String survivorName = (survivor == node1) ? "node1" : "node2";
        try {
            if (caller != null) {
                Sipp.Result result = caller.await(Duration.ofSeconds(60));
                assertTrue(result.passed(), "caller:\n" + result.output() + "\ncallee:\n" + callee.messagesSoFar() + "\n" + balancer.log());
                assertTrue(result.output().contains("X-Node: " + survivorName), "the survivor carried the call on:\n" + result.output());
            }
            Sipp.Result answered = callee.await(Duration.ofSeconds(60));
            assertTrue(answered.passed(), "callee:\n" + answered.output() + "\n" + balancer.log());
            assertTrue(answered.output().contains("X-Node: " + survivorName), "the survivor carried the call on:\n" + answered.output());
        } finally {
            String name = (holding == node1) ? "node1" : "node2";
            long joins = survivor.serverLogLines().stream().filter(line -> line.contains("ISPN100000: Node " + name + " joined the cluster")).count();
            holding.restart();
            DistributableSipIT.awaitJoinedAgain(survivor, name, joins);
            this.awaitBalancerSees(holding);
        }
    }

    /** @return the node whose name the phone saw in an X-Node header, once it has seen the message that starts so */
    private ProvisionedServer nodeNamedIn(Sipp.Server phone, String message) throws Exception {
        String messages = this.awaitMessage(phone, message);
        Matcher node = NODE.matcher(messages);
        assertTrue(node.find(), "the phone saw which node holds the call:\n" + messages);
        return node.group(1).equals("node1") ? node1 : node2;
    }

    private String awaitMessage(Sipp.Server phone, String message) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            String messages = phone.messagesSoFar();
            if (messages.contains("\n" + message) || messages.contains("\r\n" + message)) {
                return messages;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the phone did not get " + message + ":\n" + phone.messagesSoFar() + "\n" + balancer.log());
    }

    /** Waits until Kamailio's probe has found a node up again: it then takes its share of the calls. */
    private void awaitBalancerSees(ProvisionedServer node) throws Exception {
        Thread.sleep(2500); // two probes at one a second; no interface to ask Kamailio without its control socket
    }

    private String httpGet(ProvisionedServer node, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().trim();
    }

    private static Path rolesWar() throws Exception {
        return TestArchive.named("roles.war").classes(RolesServlet.class, UacServlet.class, HangUpTimer.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("roles", "roles", RolesServlet.class.getName(), """
                            <distributable/>
                            <listener>
                                <javaee:listener-class>%s</javaee:listener-class>
                            </listener>
                        """.formatted(HangUpTimer.class.getName())))
                .text("WEB-INF/web.xml", """
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <distributable/>
                        </web-app>
                        """)
                .writeTo(SipApplications.ARCHIVES);
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }
}
