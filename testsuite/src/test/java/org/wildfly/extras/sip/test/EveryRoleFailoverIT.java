package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.roles.ExpiryLog;
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
        // two applications: the default application router's chains send the calls to the roles application, whichever
        // a node happened to deploy first at boot (the click-to-call sample takes no initial request)
        Path dar = cluster.resolve("dar.properties");
        Files.writeString(dar, "INVITE: (\"roles\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\")\n");
        String router = "-D" + "javax.servlet.sip.ar.dar.configuration=" + dar.toUri();
        node1 = new ProvisionedServer(home, base1, OFFSET_1, List.of("-Djboss.node.name=node1", router));
        node2 = new ProvisionedServer(home, base2, OFFSET_2, List.of("-Djboss.node.name=node2", router));
        node1.start();
        node2.start();
        Path roles = rolesWar();
        Path clickToCall = Path.of(System.getProperty("sip.test.sample.war"));
        for (ProvisionedServer node : List.of(node1, node2)) {
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

    /**
     * Converged: a call placed over HTTP belongs to the request's HTTP session; node 1 dies; the HTTP request that hangs
     * it up, sent to node 2 with the same session cookie, is served there and the callee gets its BYE.
     */
    @Test
    @Order(5)
    void httpSessionHangsUpOnTheOtherNode() throws Exception {
        Sipp.Server callee = this.callee("uac-hung-up-uas.xml");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        this.http(browser, "GET", node1, "/roles/uac?session&to=sip:callee@127.0.0.1:" + callee.port());
        this.awaitMessage(callee, "ACK ");
        Thread.sleep(500);
        node1.kill();
        try {
            assertEquals("node2", this.http(browser, "POST", node2, "/roles/uac"), "node 2 found the call by the HTTP session");
            Sipp.Result answered = callee.await(Duration.ofSeconds(60));
            assertTrue(answered.passed() && answered.output().contains("X-Node: node2"), "callee:\n" + answered.output() + "\n" + balancer.log());
        } finally {
            this.startAgain(node1, node2);
        }
    }

    /** The README's click-to-call: a call joined over HTTP on node 1; node 1 dies; node 2 hangs it up: both phones get their BYE. */
    @Test
    @Order(6)
    void clickToCallHungUpOnTheOtherNode() throws Exception {
        Sipp.Server alice = Sipp.startBuiltIn("uas", "u1");
        Sipp.Server bob = Sipp.startBuiltIn("uas", "u1");
        this.sipps.add(alice);
        this.sipps.add(bob);
        HttpClient browser = HttpClient.newHttpClient();
        String id = this.http(browser, "GET", node1, "/click-to-call/call?from=sip:alice@127.0.0.1:" + alice.port() + "&to=sip:bob@127.0.0.1:" + bob.port());
        this.awaitMessage(alice, "ACK ");
        this.awaitMessage(bob, "ACK ");
        assertEquals("connected", this.http(browser, "GET", node1, "/click-to-call/call?id=" + id));
        Thread.sleep(500);
        node1.kill();
        try {
            assertEquals("ended", this.http(browser, "POST", node2, "/click-to-call/call?id=" + id + "&action=hangup"));
            for (Sipp.Server phone : List.of(alice, bob)) {
                Sipp.Result result = phone.await(Duration.ofSeconds(30));
                assertTrue(result.passed(), "both phones got their BYE:\n" + result.output() + "\n" + balancer.log());
            }
        } finally {
            this.startAgain(node1, node2);
        }
    }

    /**
     * A rolling restart: calls set up while only node 1 runs; node 2 starts and joins; node 1 is killed and the calls go
     * on through node 2; node 1 starts again and joins; node 2 is killed and the calls end through node 1.
     */
    @Test
    @Order(7)
    void callsOutliveARollingRestart() throws Exception {
        node2.kill();
        Thread.sleep(3000); // the balancer's probes find node 2 gone: the calls all go to node 1
        int calls = 20;
        // each call: set up, 35 s, an INFO (X-Counter: 3), 35 s, an INFO and the BYE
        Sipp.Server caller = Sipp.startClient("long-call-uac.xml", "u1", balancerPort, "-m", Integer.toString(calls), "-r", "10", "-d", "35000",
                "-timeout", "150s", "-key", "role", "uas", "-key", "callee_port", "5060");
        this.sipps.add(caller);
        try {
            Thread.sleep(3000);
            this.startAgain(node2, node1);
            node1.kill();
            this.awaitCount(caller, "X-Counter: 3", calls); // every call's first INFO, through node 2
            this.startAgain(node1, node2);
            node2.kill();
            Sipp.Result result = caller.await(Duration.ofSeconds(150));
            assertTrue(result.passed(), "every call went on through the rolling restart:\n" + result.output() + "\n" + balancer.log());
            String messages = result.output();
            assertTrue(count(messages, "X-Node: node2") >= calls && count(messages, "X-Node: node1") >= 3 * calls,
                    "node 1 answered the calls' INVITE, second INFO and BYE, node 2 their first INFO:\n" + messages);
        } finally {
            this.startAgain(node2, node1);
        }
    }

    private void awaitCount(Sipp.Server phone, String text, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (count(phone.messagesSoFar(), text) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(expected + " times " + text + " expected:\n" + phone.messagesSoFar() + "\n" + balancer.log());
            }
            Thread.sleep(200);
        }
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    /**
     * Under load: calls of the three roles alive through the balancer when node 1 is killed; every one of them goes on
     * and ends (0 failed calls in sipp's statistics). Prints how long each call's first request after the kill waited.
     */
    @Test
    @Order(8)
    void everyCallAliveAtTheKillGoesOn() throws Exception {
        int perRole = 70;
        List<String> roles = List.of("uas", "proxy", "b2bua");
        List<Sipp.Server> callers = new ArrayList<>();
        List<Sipp.Server> callees = new ArrayList<>();
        for (String role : roles) {
            String calleePort = "5060"; // the application answers: no callee
            if (!role.equals("uas")) {
                Sipp.Server callee = Sipp.startServer("long-call-uas.xml", "u1", "-timeout", "120s", "-m", Integer.toString(perRole));
                this.sipps.add(callee);
                callees.add(callee);
                calleePort = Integer.toString(callee.port());
            }
            Sipp.Server caller = Sipp.startClient("long-call-uac.xml", "u1", balancerPort, "-m", Integer.toString(perRole), "-r", "20", "-d", "15000",
                    "-timeout", "120s", "-key", "role", role, "-key", "callee_port", calleePort, "-trace_rtt", "-rtt_freq", "1");
            this.sipps.add(caller);
            callers.add(caller);
        }
        // every call confirmed (its ACK sent) before the kill: 3.5 s of set-up at 20 calls a second per role
        Instant deadline = Instant.now().plusSeconds(30);
        while (callers.stream().mapToLong(EveryRoleFailoverIT::acksSent).sum() < 3L * perRole && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000); // the last ACKs handled and written, not only sent: an ACK the dead node took is lost with it
        node1.kill();
        try {
            List<Long> firstAfterKill = new ArrayList<>();
            for (int i = 0; i < callers.size(); i++) {
                Sipp.Result result = callers.get(i).await(Duration.ofSeconds(120));
                assertTrue(result.passed(), "caller of " + roles.get(i) + " calls:\n" + tail(result.output()) + "\n" + balancer.log());
                Matcher rtt = Pattern.compile("(?m)^[0-9.]+;([0-9.]+);").matcher(result.output());
                while (rtt.find()) {
                    firstAfterKill.add(Math.round(Double.parseDouble(rtt.group(1))));
                }
            }
            for (Sipp.Server callee : callees) {
                Sipp.Result result = callee.await(Duration.ofSeconds(30));
                assertTrue(result.passed(), "callee:\n" + tail(result.output()));
            }
            List<Long> times = sorted(firstAfterKill);
            // a figure, not a goal
            System.out.printf("Load failover: %d calls alive at kill -9 of node 1, 0 failed; first request after the kill answered in p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d measured)%n",
                    3 * perRole, percentile(times, 50), percentile(times, 90), percentile(times, 99), times.isEmpty() ? -1 : times.get(times.size() - 1), times.size());
        } finally {
            this.startAgain(node1, node2);
        }
    }

    private static long acksSent(Sipp.Server sipp) {
        try {
            return Pattern.compile("(?m)^ACK ").matcher(sipp.messagesSoFar()).results().count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static String tail(String output) {
        return output.length() > 20000 ? output.substring(0, 6000) + "\n...\n" + output.substring(output.length() - 12000) : output;
    }

    /** An application session due to expire after its node died expires once, on the survivor. */
    @Test
    @Order(9)
    void applicationSessionExpiresOnceOnTheSurvivor() throws Exception {
        Instant created = Instant.now();
        String session = this.httpGet(node1, "/roles/uac?expires=1");
        Thread.sleep(1000); // written at once, outside any message: on node 2 too by now
        node1.kill();
        try {
            Instant deadline = created.plusSeconds(90);
            while (expiries(node2, session) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            Thread.sleep(2000); // a second expiry would come now
            assertEquals(1, expiries(node2, session), "expired once, on node 2, about a minute after it was created:\n" + node2.serverLog());
            long after = Duration.between(created, Instant.now()).toSeconds();
            assertTrue(after >= 60, "not before its minute: " + after + " s");
        } finally {
            this.startAgain(node1, node2);
        }
    }

    /**
     * Calls in set-up: calls of the three roles ring (a UAS application that answers from a timer, a proxy and a B2BUA
     * in front of a callee that rings) when node 1 is killed; each is answered, from whichever node, and ends cleanly:
     * 0 failed calls. The calls that rang on node 1 were answered by node 2.
     */
    @Test
    @Order(10)
    void callsRingingAtTheKillAreAnswered() throws Exception {
        this.ringAndKill("ringing-role-uac.xml", "ringing-callee-uas.xml");
    }

    /** Calls in set-up that the callers give up after node 1, which rang some of them, was killed: 200 and 487 for each, callees cancelled. */
    @Test
    @Order(11)
    void callsRingingAtTheKillAreCancelled() throws Exception {
        this.ringAndKill("ringing-role-cancel-uac.xml", "cancelled-callee-uas.xml");
    }

    private void ringAndKill(String callerScenario, String calleeScenario) throws Exception {
        int perRole = 10; // hashed by Call-ID: some of each role's calls ring on node 1 (all ten on node 2: one time in a thousand)
        List<String> roles = List.of("uas-later", "proxy", "b2bua");
        List<Sipp.Server> callers = new ArrayList<>();
        List<Sipp.Server> callees = new ArrayList<>();
        for (String role : roles) {
            String calleePort = "5060"; // the application answers: no callee
            if (!role.equals("uas-later")) {
                Sipp.Server callee = Sipp.startServer(calleeScenario, "u1", "-timeout", "90s", "-m", Integer.toString(perRole));
                this.sipps.add(callee);
                callees.add(callee);
                calleePort = Integer.toString(callee.port());
            }
            Sipp.Server caller = Sipp.startClient(callerScenario, "u1", balancerPort, "-m", Integer.toString(perRole), "-r", "10", "-timeout", "90s",
                    "-key", "role", role, "-key", "callee_port", calleePort);
            this.sipps.add(caller);
            callers.add(caller);
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (callers.stream().mapToLong(caller -> countSoFar(caller, "SIP/2.0 180")).sum() < 3L * perRole && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // the 180's message written, not only sent
        List<Long> rangOnNode1 = callers.stream().map(caller -> countSoFar(caller, "X-Node: node1")).toList();
        node1.kill();
        try {
            for (int i = 0; i < callers.size(); i++) {
                Sipp.Result result = callers.get(i).await(Duration.ofSeconds(90));
                assertTrue(result.passed(), "caller of " + roles.get(i) + " calls:\n" + tail(result.output()) + "\n" + balancer.log());
                assertTrue(rangOnNode1.get(i) > 0, "some " + roles.get(i) + " calls rang on node 1 when it died:\n" + tail(result.output()));
            }
            for (Sipp.Server callee : callees) {
                Sipp.Result result = callee.await(Duration.ofSeconds(60));
                assertTrue(result.passed(), "callee:\n" + tail(result.output()));
            }
            System.out.printf("Early-dialog failover: %s calls ringing on node 1 at its kill -9 (uas-later, proxy, b2bua), of %d each; 0 failed%n", rangOnNode1, perRole);
        } finally {
            this.startAgain(node1, node2);
        }
    }

    /**
     * Calls whose node dies while their first INVITE is still in the servlet (the application takes three seconds over a
     * new call before it rings): nothing of them was stored. The balancer sends each INVITE node 1 had not answered to
     * node 2 once its probes find node 1 down, and node 2 starts the call: every call is rung and answered by node 2,
     * none waits for the balancer's 408. Over UDP and over TCP.
     */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    @Order(13)
    void callsStartingAtTheKillAreStartedOnTheSurvivor(String transport) throws Exception {
        int calls = 10;
        Sipp.Server caller = Sipp.startClient("ringing-role-uac.xml", transport, balancerPort, "-m", Integer.toString(calls), "-r", "10", "-timeout", "60s",
                "-key", "role", "uas-slow", "-key", "callee_port", "5060");
        this.sipps.add(caller);
        Thread.sleep(1500); // every INVITE sent, none rung yet: those on node 1 are in its servlet
        long rungBeforeTheKill = countSoFar(caller, "SIP/2.0 180");
        int balancerLogBefore = balancer.log().length();
        node1.kill();
        try {
            Sipp.Result result = caller.await(Duration.ofSeconds(60));
            assertTrue(result.passed(), "caller:\n" + tail(result.output()) + "\n" + balancer.log());
            assertEquals(0, rungBeforeTheKill, "no call rang before the kill");
            assertEquals(0, countSoFar(caller, "X-Node: node1"), "every call was rung and answered by node 2:\n" + tail(result.output()));
            long resent = balancer.log().substring(balancerLogBefore).lines().filter(line -> line.contains("unanswered by") && line.contains("which is down")).count();
            assertTrue(resent > 0, "some INVITEs were in node 1's servlet at its kill:\n" + balancer.log());
            System.out.printf("Calls starting at the kill (%s): %d INVITEs in node 1's servlet at its kill -9 started again on node 2, of %d; 0 failed%n", transport, resent, calls);
        } finally {
            this.startAgain(node1, node2);
        }
    }

    /**
     * A node paused for 25 s (SIGSTOP: a long GC pause, a starved CPU) while new calls are in its servlet, past the
     * balancer's probes and past the time a survivor waits for a session held elsewhere, but not past the cluster's
     * failure detection: the balancer resends the node's unanswered
     * INVITEs to node 2, which finds them claimed by node 1, still a member of the cluster, and leaves them to it. When
     * node 1 wakes, it rings and answers them: each call is answered once, by one node (before, node 2 answered the
     * INVITEs a second time, 500 or 200, and the caller got two final answers).
     */
    @Test
    @Order(14)
    void callsInThePausedNodesServletAreAnsweredOnce() throws Exception {
        long pauseMillis = 25_000;
        int calls = 8;
        long callsStartedBefore = callsStarted(node1) + callsStarted(node2);
        Sipp.Server caller = Sipp.startClient("ringing-role-uac.xml", "u1", balancerPort, "-m", Integer.toString(calls), "-r", "50", "-timeout", "90s",
                "-key", "role", "uas-slow", "-key", "callee_port", "5060");
        this.sipps.add(caller);
        // every INVITE taken by a node (claimed, in its servlet, which takes three seconds): this test is of the INVITEs a
        // paused node holds; those it had not read yet are invitesSentToAPausedNodeAreAnsweredOnce's
        Instant started = Instant.now().plusSeconds(3);
        while (callsStarted(node1) + callsStarted(node2) < callsStartedBefore + calls && Instant.now().isBefore(started)) {
            Thread.sleep(20);
        }
        assertEquals(callsStartedBefore + calls, callsStarted(node1) + callsStarted(node2), "every INVITE reached a servlet");
        int balancerLogBefore = balancer.log().length();
        int node2LogBefore = node2.serverLogLines().size();
        long retriedBefore = metric(node2, "wildfly_sip_retried_requests_total", "roles.war");
        node1.signal("STOP");
        try {
            // the probes find node 1 down within three seconds; node 2 waits ten for its claims; the cluster drops a
            // silent member after forty (JGroups' FD_ALL3 default)
            Thread.sleep(pauseMillis);
        } finally {
            node1.signal("CONT");
        }
        Sipp.Result result = caller.await(Duration.ofSeconds(60));
        assertTrue(result.passed(), "caller:\n" + tail(result.output()) + "\n" + balancer.log());
        long resent = balancer.log().substring(balancerLogBefore).lines().filter(line -> line.contains("unanswered by") && line.contains("which is down")).count();
        assertTrue(resent > 0, "some INVITEs were in node 1's servlet when it paused, and the balancer resent them:\n" + balancer.log());
        List<String> node2Log = node2.serverLogLines();
        long leftToNode1 = node2Log.subList(Math.min(node2LogBefore, node2Log.size()), node2Log.size()).stream().filter(line -> line.contains("left to the node that got it first")).count();
        assertEquals(resent, leftToNode1, "node 2 left each resent INVITE to node 1");
        long retried = metric(node2, "wildfly_sip_retried_requests_total", "roles.war") - retriedBefore;
        assertTrue(retried >= resent, "node 2's metrics count its tries of the INVITEs node 1 held (" + retried + " for " + resent + " INVITEs)");
        Map<String, Set<String>> answersByCall = finalAnswerTagsByCall(caller.messagesSoFar());
        assertEquals(calls, answersByCall.size(), "every call was answered:\n" + answersByCall);
        answersByCall.forEach((callId, tags) -> assertEquals(1, tags.size(), "call " + callId + " was answered by one node only: " + tags));
        System.out.printf("A node paused %d s with %d INVITEs in its servlet: each answered once, by the paused node; 0 failed%n", pauseMillis / 1000, resent);
        this.awaitBalancerSees(node1);
    }

    /**
     * A node paused (SIGSTOP: a GC pause longer than the balancer's timers) before it even read the INVITEs sent to it:
     * it sends no 100 Trying. The balancer's probes find it down and its unanswered INVITEs go, as they were sent, to
     * node 2, which answers them; when node 1 wakes and reads its copies, they are the requests node 2 took, and node 1
     * leaves them. Each caller gets one answer, from one dialog (before, the balancer gave such an INVITE to node 2 as a
     * new branch after two seconds, node 1 answered its own copy on waking, and callers got two 2xx of two dialogs).
     */
    @Test
    @Order(16)
    void invitesSentToAPausedNodeAreAnsweredOnce() throws Exception {
        int calls = 10;
        long node1CallsBefore = callsStarted(node1);
        int balancerLogBefore = balancer.log().length();
        Sipp.Server caller;
        node1.signal("STOP");
        try {
            caller = Sipp.startClient("bench-role-uac.xml", "u1", balancerPort, "-m", Integer.toString(calls), "-r", "10", "-d", "500", "-timeout", "60s",
                    "-key", "role", "uas", "-key", "callee_port", "5060");
            this.sipps.add(caller);
            Thread.sleep(6000); // longer than the balancer's probes take to find node 1 down, and than its former fr_timer
        } finally {
            node1.signal("CONT");
        }
        Sipp.Result result = caller.await(Duration.ofSeconds(60));
        Thread.sleep(1000); // a second answer from node 1, sent on waking, has time to come
        Map<String, Set<String>> answersByCall = finalAnswerTagsByCall(caller.messagesSoFar());
        assertEquals(calls, answersByCall.size(), "every call was answered:\n" + answersByCall + "\n" + tail(result.output()));
        String balancerLog = balancer.log();
        answersByCall.forEach((callId, tags) -> assertEquals(1, tags.size(), "call " + callId + " was answered by one node only: " + tags + "\n" + balancerLog));
        assertTrue(result.passed(), "caller:\n" + tail(result.output()) + "\n" + balancer.log());
        long resent = balancer.log().substring(balancerLogBefore).lines().filter(line -> line.contains("unanswered by") && line.contains("which is down")).count();
        assertTrue(resent > 0, "some INVITEs were sent to node 1 before the probes found it down, and the balancer resent them:\n" + balancer.log());
        assertEquals(node1CallsBefore, callsStarted(node1), "node 1 started none of the calls node 2 took while it slept");
        System.out.printf("A node paused 6 s before it read %d INVITEs: each answered once, by the other node; 0 failed%n", resent);
        this.awaitBalancerSees(node1);
    }

    /**
     * A node paused (SIGSTOP) in the middle of a call, an INFO on its way to it: the balancer gives the INFO to the other
     * node after its timer (six seconds), which answers it from the replicated call; the paused node, when it wakes, reads
     * its own copy of that INFO, which it must not show the application again. The BYE, sent once the node is back, is
     * the call's fourth request (X-Counter: 4; the INFO counted twice made it the fifth).
     */
    @Test
    @Order(17)
    void aRequestToAPausedNodeIsHandledOnce() throws Exception {
        Sipp.Server caller = Sipp.startClient("paused-info-uac.xml", "u1", balancerPort, "-m", "1", "-timeout", "60s");
        this.sipps.add(caller);
        Instant deadline = Instant.now().plusSeconds(10);
        while (countSoFar(caller, "SIP/2.0 200") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        String answer = caller.messagesSoFar();
        assertTrue(answer.contains("SIP/2.0 200"), "the call was answered:\n" + answer);
        ProvisionedServer answering = answer.contains("X-Node: node1") ? node1 : node2;
        Thread.sleep(500); // its ACK taken; the INFO comes a second later
        answering.signal("STOP");
        try {
            Thread.sleep(10_000); // past the balancer's timer for the INFO (6 s): the other node answers it
        } finally {
            answering.signal("CONT");
        }
        Sipp.Result result = caller.await(Duration.ofSeconds(40));
        assertTrue(result.passed(), "the INFO answered by the application as the call's third request, the BYE as its fourth:\n" + tail(result.output()) + "\n" + balancer.log());
        System.out.println("A node paused 10 s with an INFO of its call on its way: the application had it once, the caller got its answer; 0 failed");
        this.awaitBalancerSees(answering);
    }

    /** @return the calls a node started for the roles application, read from its /metrics (fast: no CLI to start) */
    private static long callsStarted(ProvisionedServer node) throws Exception {
        return metric(node, "wildfly_sip_calls_started_total", "roles.war");
    }

    /** @return a deployment's figure in a node's /metrics, 0 if it has none yet */
    private static long metric(ProvisionedServer node, String name, String deployment) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher figure = Pattern.compile("(?m)^" + name + "\\{[^}]*deployment=\"" + Pattern.quote(deployment) + "\"[^}]*\\} ([0-9.]+)").matcher(metrics.body());
        return figure.find() ? (long) Double.parseDouble(figure.group(1)) : 0;
    }

    /**
     * The failover you can watch: three click-to-call calls placed on node 1, and the sample's page open in a headless
     * Chromium on node 2, showing them in node 1's colour. Node 1 dies: the same page, refreshing itself, shows node 2
     * alone in the cluster and every call in node 2's colour, in the DOM and in the pixels of a screenshot (both kept in
     * target/every-role/page-*.png); node 2's metrics count the calls it took over when it hangs them up.
     */
    @Test
    @Order(15)
    void sampleApplicationsPageShowsTheCallsMoveToTheSurvivor() throws Exception {
        assertTrue(HeadlessChromium.installed(), "the page is tested in Debian's Chromium: apt-get install -y chromium");
        int calls = 3;
        List<Sipp.Server> phones = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < calls; i++) {
            Sipp.Server alice = Sipp.startBuiltIn("uas", "u1");
            Sipp.Server bob = Sipp.startBuiltIn("uas", "u1");
            this.sipps.add(alice);
            this.sipps.add(bob);
            phones.add(alice);
            phones.add(bob);
            ids.add(this.http(client, "GET", node1, "/click-to-call/call?from=sip:alice@127.0.0.1:" + alice.port() + "&to=sip:bob@127.0.0.1:" + bob.port()));
        }
        for (Sipp.Server phone : phones) {
            this.awaitMessage(phone, "ACK ");
        }
        Path pictures = SipApplications.ARCHIVES.resolveSibling("every-role");
        long takenOverBefore = metric(node2, "wildfly_sip_sessions_taken_over_total", "click-to-call.war");
        try (HeadlessChromium browser = HeadlessChromium.start(1100, 700)) {
            browser.open("http://127.0.0.1:" + node2.httpPort() + "/click-to-call/");
            String legsOf = "document.querySelectorAll('tr.call[data-owner=\"%s\"]').length";
            assertTrue(browser.await(legsOf.formatted("node1") + " == " + (2 * calls), Duration.ofSeconds(20)),
                    "node 2's page shows both legs of each call, owned by node 1: " + browser.evaluate("document.body.innerText"));
            int[] node1Colour = rgb(browser.evaluate("getComputedStyle(document.querySelector('.member[data-node=\"node1\"]')).backgroundColor"));
            int[] node2Colour = rgb(browser.evaluate("getComputedStyle(document.querySelector('.member[data-node=\"node2\"]')).backgroundColor"));
            java.awt.image.BufferedImage before = browser.screenshot(pictures.resolve("page-before-kill.png"));
            long node1PixelsBefore = pixels(before, node1Colour);
            assertTrue(node1PixelsBefore > 10 * pixels(before, node2Colour), "the screenshot shows the calls in node 1's colour: "
                    + node1PixelsBefore + " pixels of it, " + pixels(before, node2Colour) + " of node 2's (its chip alone)");

            node1.kill();
            try {
                assertTrue(browser.await(legsOf.formatted("node2") + " == " + (2 * calls) + " && " + legsOf.formatted("node1") + " == 0"
                        + " && document.querySelectorAll('.member').length == 1", Duration.ofSeconds(60)),
                        "the page, refreshing itself, shows node 2 alone, owning every call: " + browser.evaluate("document.body.innerText"));
                java.awt.image.BufferedImage after = browser.screenshot(pictures.resolve("page-after-kill.png"));
                assertEquals(0, pixels(after, node1Colour), "no pixel in node 1's colour after its death");
                assertTrue(pixels(after, node2Colour) > node1PixelsBefore / 2, "the calls' rows now in node 2's colour: " + pixels(after, node2Colour)
                        + " pixels, node 1's rows had " + node1PixelsBefore);
            } finally {
                for (String id : ids) {
                    this.http(client, "POST", node2, "/click-to-call/call?id=" + id + "&action=hangup");
                }
            }
        } finally {
            try {
                for (Sipp.Server phone : phones) {
                    Sipp.Result result = phone.await(Duration.ofSeconds(30));
                    assertTrue(result.passed(), "each phone got its BYE through node 2:\n" + result.output() + "\n" + balancer.log());
                }
                assertEquals(takenOverBefore + calls, metric(node2, "wildfly_sip_sessions_taken_over_total", "click-to-call.war"),
                        "node 2's /metrics counts the calls it took over from node 1");
            } finally {
                this.startAgain(node1, node2);
            }
        }
    }

    /** @return the red, green and blue of a CSS colour as getComputedStyle gives it, {@code rgb(r, g, b)} */
    private static int[] rgb(String css) {
        Matcher channels = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)").matcher(String.valueOf(css));
        assertTrue(channels.find(), "a CSS colour: " + css);
        return new int[] {Integer.parseInt(channels.group(1)), Integer.parseInt(channels.group(2)), Integer.parseInt(channels.group(3))};
    }

    /** @return how many pixels of a picture have that colour, give or take 3 per channel */
    private static long pixels(java.awt.image.BufferedImage picture, int[] colour) {
        long count = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int pixel = picture.getRGB(x, y);
                if (Math.abs(((pixel >> 16) & 0xff) - colour[0]) <= 3 && Math.abs(((pixel >> 8) & 0xff) - colour[1]) <= 3 && Math.abs((pixel & 0xff) - colour[2]) <= 3) {
                    count++;
                }
            }
        }
        return count;
    }

    /** @return for each Call-ID, the To tags of the final answers to its INVITE that the caller received */
    private static Map<String, Set<String>> finalAnswerTagsByCall(String messages) {
        Map<String, Set<String>> tags = new java.util.TreeMap<>();
        for (String message : messages.split("-{20,}")) {
            int start = message.indexOf("SIP/2.0 ");
            if (!message.contains("message received") || start < 0 || !message.startsWith("SIP/2.0 ", start)) {
                continue;
            }
            String text = message.substring(start);
            int status = Integer.parseInt(text.substring(8, 11));
            Matcher cseq = Pattern.compile("(?im)^CSeq:\\s*\\d+\\s+INVITE").matcher(text);
            Matcher callId = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)").matcher(text);
            Matcher to = Pattern.compile("(?im)^To:.*;tag=([^;>\\s]+)").matcher(text);
            if (status >= 200 && cseq.find() && callId.find()) {
                tags.computeIfAbsent(callId.group(1), id -> new java.util.TreeSet<>()).add(status + (to.find() ? " " + to.group(1) : ""));
            }
        }
        return tags;
    }

    /**
     * A rolling restart under load, as docs/load-balancer.md tells an operator to do it: steady calls of the three roles
     * through the balancer (calls of about ten seconds and of about a minute); node 1 is shut down with a suspend timeout
     * (new calls go to node 2, its calls in progress go on; those still there when the timeout ends go on through node
     * 2), started again, and when it is back the same for node 2. Every call ends cleanly: 0 failed.
     */
    @Test
    @Order(12)
    void rollingRestartUnderLoadDropsNoCall() throws Exception {
        List<Sipp.Server> callers = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (String role : List.of("uas", "proxy", "b2bua")) {
            String calleePort = "5060";
            if (!role.equals("uas")) {
                Sipp.Server callee = Sipp.startServer("long-call-uas.xml", "u1", "-timeout", "400s", "-m", "250");
                this.sipps.add(callee);
                calleePort = Integer.toString(callee.port());
            }
            // about ten seconds a call, two calls a second, for about two minutes
            callers.add(this.steadyCaller(role, calleePort, "4000", "2", "1000", "240"));
            what.add(role + " calls of ~10 s");
        }
        // calls of about a minute, one every three seconds: some are still in progress when a node's suspend timeout ends
        callers.add(this.steadyCaller("uas", "5060", "28000", "1", "3000", "40"));
        what.add("uas calls of ~1 min");
        Thread.sleep(10_000);
        for (ProvisionedServer node : List.of(node1, node2)) {
            ProvisionedServer other = (node == node1) ? node2 : node1;
            Duration stopped = node.shutdownGracefully(30).get(90, java.util.concurrent.TimeUnit.SECONDS);
            System.out.printf("Rolling restart: %s stopped %d s after :shutdown(suspend-timeout=30)%n", (node == node1) ? "node1" : "node2", stopped.toSeconds());
            this.startAgain(node, other);
        }
        for (int i = 0; i < callers.size(); i++) {
            Sipp.Result result = callers.get(i).await(Duration.ofSeconds(300));
            assertTrue(result.passed(), what.get(i) + " went on through the rolling restart:\n" + tail(result.output()) + "\n" + balancer.log());
        }
    }

    private Sipp.Server steadyCaller(String role, String calleePort, String holdMillis, String rate, String ratePeriodMillis, String calls) throws Exception {
        Sipp.Server caller = Sipp.startClient("long-call-uac.xml", "u1", balancerPort, "-m", calls, "-r", rate, "-rp", ratePeriodMillis, "-d", holdMillis,
                "-timeout", "400s", "-key", "role", role, "-key", "callee_port", calleePort);
        this.sipps.add(caller);
        return caller;
    }

    private static long countSoFar(Sipp.Server sipp, String text) {
        try {
            return count(sipp.messagesSoFar(), text);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long expiries(ProvisionedServer node, String session) throws Exception {
        return node.serverLogLines().stream().filter(line -> line.contains("ROLES application session expired on") && line.contains(session)).count();
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
            this.startAgain(holding, survivor);
        }
    }

    /** Starts a killed node again and waits until it has joined the other and the balancer sends it calls. */
    private void startAgain(ProvisionedServer killed, ProvisionedServer member) throws Exception {
        String name = (killed == node1) ? "node1" : "node2";
        long joins = member.serverLogLines().stream().filter(line -> line.contains("ISPN100000: Node " + name + " joined the cluster")).count();
        killed.restart();
        DistributableSipIT.awaitJoinedAgain(member, name, joins);
        this.awaitBalancerSees(killed);
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
        return this.http(HttpClient.newHttpClient(), "GET", node, path);
    }

    /** @return the body of a successful answer, trimmed */
    private String http(HttpClient client, String method, ProvisionedServer node, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, method + " " + path + ": " + response.statusCode() + " " + response.body());
        return response.body().trim();
    }

    private static Path rolesWar() throws Exception {
        return TestArchive.named("roles.war").classes(RolesServlet.class, UacServlet.class, HangUpTimer.class, ExpiryLog.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("roles", "roles", RolesServlet.class.getName(), """
                            <distributable/>
                            <listener>
                                <javaee:listener-class>%s</javaee:listener-class>
                            </listener>
                            <listener>
                                <javaee:listener-class>%s</javaee:listener-class>
                            </listener>
                        """.formatted(HangUpTimer.class.getName(), ExpiryLog.class.getName())))
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
