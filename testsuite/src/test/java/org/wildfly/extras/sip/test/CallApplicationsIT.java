package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.samples.RecordRoutingProxy;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * Call applications on a provisioned server, between sipp phones: a record-routing proxy, a B2BUA (the samples of
 * docs/proxy-and-b2bua.md, deployed as web archives), and the README's converged click-to-call sample, driven over HTTP.
 */
class CallApplicationsIT {

    private static ProvisionedServer server;
    private String deployed;

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

    @AfterEach
    void undeploy() throws Exception {
        if (this.deployed != null) {
            JBossCli.Result result = server.cli().command("undeploy " + this.deployed);
            assertTrue(result.succeeded(), result.output());
        }
    }

    @Test
    void proxyBetweenTwoSipps() throws Exception {
        Sipp.Server callee = Sipp.startServer("proxy-call-uas.xml", "u1");
        this.deploy(TestArchive.named("proxy.war").classes(RecordRoutingProxy.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("proxy", "proxy", RecordRoutingProxy.class.getName(), contextParam("proxy.targets", target(callee)))));
        Sipp.Result caller = Sipp.run("proxy-call-uac.xml", "u1", server.sipPort());
        assertTrue(caller.passed(), caller.output());
        Sipp.Result answered = callee.await();
        assertTrue(answered.passed(), "the callee saw the proxy's count of the call's requests (X-Seen: 6)\n" + answered.output());
    }

    @Test
    void b2buaBetweenTwoSipps() throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-call-uas.xml", "u1");
        this.deploy(TestArchive.named("bridge.war").classes(CallBridge.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("bridge", "bridge", CallBridge.class.getName(), contextParam("bridge.target", target(callee)))));
        Sipp.Result caller = Sipp.run("b2bua-call-uac.xml", "u1", server.sipPort());
        assertTrue(caller.passed(), caller.output());
        Sipp.Result answered = callee.await();
        assertTrue(answered.passed(), "the callee got the caller's SDP through the B2BUA\n" + answered.output());
    }

    @Test
    void clickToCallSampleJoinsTwoPhonesOverHttp() throws Exception {
        Path sample = Path.of(System.getProperty("sip.test.sample.war"));
        assertTrue(Files.exists(sample), sample + " is built before the test suite");
        JBossCli.Result result = server.cli().command("deploy " + sample);
        assertTrue(result.succeeded(), result.output());
        this.deployed = sample.getFileName().toString();
        Sipp.Server alice = Sipp.startServer("answer-uas.xml", "u1");
        Sipp.Server bob = Sipp.startServer("answer-uas.xml", "u1");

        HttpResponse<String> started = http("GET", "/click-to-call/call?from=sip:alice@127.0.0.1:" + alice.port() + "&to=sip:bob@127.0.0.1:" + bob.port());
        assertEquals(202, started.statusCode(), started.body());
        String id = started.body().trim();
        String state = "";
        for (int i = 0; i < 100 && !state.equals("connected"); i++) {
            Thread.sleep(100);
            state = http("GET", "/click-to-call/call?id=" + id).body().trim();
        }
        assertEquals("connected", state, "alice answered, then bob, and the sample joined them");
        HttpResponse<String> hungUp = http("POST", "/click-to-call/call?id=" + id + "&action=hangup");
        assertEquals(200, hungUp.statusCode(), hungUp.body());
        assertEquals("ended", hungUp.body().trim(), "the answer to the hang-up, even when both BYEs are answered before it is written");
        assertTrue(alice.await().passed(), "alice got her BYE");
        assertTrue(bob.await().passed(), "bob got his BYE");
        assertEquals(400, http("GET", "/click-to-call/call?from=sip:alice@127.0.0.1").statusCode(), "a request without 'to' is refused");
    }

    private void deploy(TestArchive archive) throws Exception {
        Path file = archive.writeTo(SipApplications.ARCHIVES);
        JBossCli.Result result = server.cli().command("deploy " + file);
        assertTrue(result.succeeded(), result.output());
        this.deployed = file.getFileName().toString();
    }

    private static String contextParam(String name, String value) {
        return """
                    <javaee:context-param>
                        <javaee:param-name>%s</javaee:param-name>
                        <javaee:param-value>%s</javaee:param-value>
                    </javaee:context-param>
                """.formatted(name, value);
    }

    private static String target(Sipp.Server uas) {
        return "sip:callee@127.0.0.1:" + uas.port();
    }

    private static HttpResponse<String> http(String method, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
