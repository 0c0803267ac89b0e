package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.SippLoad;

/**
 * Taking a node out of service without dropping a call, on a provisioned server with the sample B2BUA and sipp on both
 * sides: {@code :suspend} refuses new calls with 503 and Retry-After while the calls held across it end cleanly (the
 * B2BUA's BYE to the callee included); {@code :resume} takes calls again; {@code :shutdown(suspend-timeout=120)} with
 * a call in progress keeps the server up until that call's BYE, then stops it, long before the timeout; a server
 * started with {@code --start-mode=suspend} takes no call until resumed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrainIT {

    private static final int PORT_OFFSET = 1900;
    private static final int SUSPEND_TIMEOUT_SECONDS = 120;

    private static ProvisionedServer server;
    private static SippLoad callee;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
        callee = SippLoad.answering("b2bua-load-uas.xml", 1000);
        Path archive = TestArchive.named("drained-bridge.war").classes(CallBridge.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("bridge", "bridge", CallBridge.class.getName(), """
                            <javaee:context-param>
                                <javaee:param-name>bridge.target</javaee:param-name>
                                <javaee:param-value>sip:callee@127.0.0.1:%d</javaee:param-value>
                            </javaee:context-param>
                        """.formatted(callee.port())))
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result deployed = server.cli().command("deploy " + archive);
        assertTrue(deployed.succeeded(), deployed.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (callee != null) {
            callee.await(1);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aSuspendedServerRefusesNewCallsAndCarriesItsCallsToTheirEnd() throws Exception {
        assertEquals("RUNNING", sipAttribute("suspend-state").asString());
        int calls = 3;
        SippLoad callers = SippLoad.calling("held-call-uac.xml", server.sipPort(), calls, 10, 20_000);
        awaitCallsInProgress(calls);

        server.suspend();
        assertEquals("SUSPENDING", sipAttribute("suspend-state").asString(), "new calls refused, calls in progress going on");
        Sipp.Result refused = Sipp.run("refused-call-uac.xml", "u1", server.sipPort());
        assertTrue(refused.passed(), "a new call gets 503 with Retry-After: " + refused.output());

        SippLoad.Counts held = callers.await(60);
        assertEquals(0, held.failed(), "every call held across the suspension ends cleanly: " + held.errors());
        assertEquals(calls, held.successful(), held.errors());
        awaitCallsInProgress(0);
        assertEquals("SUSPENDED", sipAttribute("suspend-state").asString());
        assertEquals("SUSPENDED", server.cli().run(":read-attribute(name=suspend-state)").response().get("result").asString(),
                "the server's own suspension completed once the SIP calls ended");
        assertTrue(server.serverLog().contains("SIP node drained: no call in progress"), "the log says when the last call ended");

        server.resume();
        assertEquals("RUNNING", sipAttribute("suspend-state").asString());
        Sipp.Result call = Sipp.run("short-call-uac.xml", "u1", server.sipPort());
        assertTrue(call.passed(), "a new call after :resume: " + call.output());
    }

    @Test
    @Order(2)
    void aGracefulShutdownWaitsForTheCallInProgress() throws Exception {
        int holdMillis = 10_000;
        Instant callStarted = Instant.now();
        SippLoad caller = SippLoad.calling("held-call-uac.xml", server.sipPort(), 1, 1, holdMillis);
        awaitCallsInProgress(1);

        Instant shutdown = Instant.now();
        CompletableFuture<Duration> stopped = server.shutdownGracefully(SUSPEND_TIMEOUT_SECONDS);
        // suspended, not stopped: a new call is refused, by a server that is still there
        assertEquals("SUSPENDING", sipAttribute("suspend-state").asString(), "new calls refused, the call in progress going on");
        Sipp.Result refused = Sipp.run("refused-call-uac.xml", "u1", server.sipPort());
        assertTrue(refused.passed(), "while its call goes on, the shutting-down server refuses new calls with 503: " + refused.output());
        assertFalse(stopped.isDone(), "the server waits for its call");

        SippLoad.Counts held = caller.await(60);
        Instant callEnded = Instant.now();
        Duration took = stopped.get(SUSPEND_TIMEOUT_SECONDS + 90L, TimeUnit.SECONDS);
        System.out.printf("graceful shutdown: the server stopped %d ms after :shutdown(suspend-timeout=%d), %d ms after its last call ended at the caller%n",
                took.toMillis(), SUSPEND_TIMEOUT_SECONDS, Duration.between(callEnded, shutdown.plus(took)).toMillis());
        assertEquals(0, held.failed(), "the call in progress was served to its end, its BYE answered: " + held.errors());
        assertEquals(1, held.successful(), held.errors());
        // the caller sends its BYE no sooner than the hold after it started, and the server answered it
        assertTrue(shutdown.plus(took).isAfter(callStarted.plusMillis(holdMillis)), "the server stayed up while the call was held: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(SUSPEND_TIMEOUT_SECONDS)) < 0, "it stopped once the call ended, not at the timeout: " + took);
        assertFalse(server.isRunning());
    }

    @Test
    @Order(3)
    void aServerStartedSuspendedTakesCallsOnlyOnceResumed() throws Exception {
        server.restartSuspended();
        assertEquals("SUSPENDED", sipAttribute("suspend-state").asString());
        Sipp.Result refused = Sipp.run("refused-call-uac.xml", "u1", server.sipPort());
        assertTrue(refused.passed(), "a new call gets 503 with Retry-After: " + refused.output());

        server.resume();
        assertEquals("RUNNING", sipAttribute("suspend-state").asString());
        Sipp.Result call = Sipp.run("short-call-uac.xml", "u1", server.sipPort());
        assertTrue(call.passed(), "a call once resumed: " + call.output());
    }

    private static ModelNode sipAttribute(String name) throws Exception {
        JBossCli.Result result = server.cli().run("/subsystem=sip:read-attribute(name=" + name + ")");
        ModelNode response = result.response();
        assertEquals("success", response.get("outcome").asString(), result.output());
        return response.get("result");
    }

    /** Waits until the server counts that many calls in progress (the callers' INVITEs answered, or their BYEs). */
    private static void awaitCallsInProgress(int calls) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        int now = sipAttribute("calls-in-progress").asInt();
        while (now != calls && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            now = sipAttribute("calls-in-progress").asInt();
        }
        assertEquals(calls, now, "calls in progress");
    }
}
