package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * A converged application: one web archive whose HTTP and SIP servlets share one servlet context, and whose HTTP servlet
 * reaches the SIP objects by context attribute, {@code @Resource} and JNDI.
 */
class ConvergedApplicationIT {

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
        JBossCli.Result deployed = server.cli().command("deploy " + SipApplications.convergedWar("converged.war"));
        assertTrue(deployed.succeeded(), deployed.output());
        JBossCli.Result everyPath = server.cli().command("deploy " + SipApplications.everyPathWar("every-path.war"));
        assertTrue(everyPath.succeeded(), everyPath.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void httpRequestMakesTheApplicationSendSip() throws Exception {
        Sipp.Server callee = Sipp.startServer("message-uas.xml", "u1");
        HttpResponse<String> page = get("/converged/call?to=sip:callee@127.0.0.1:" + callee.port());
        assertEquals(200, page.statusCode(), page.body());
        Sipp.Result result = callee.await();
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("MESSAGE sip:callee@127.0.0.1:" + callee.port()), result.output());

        // the HTTP servlet shares the SIP servlet's servlet context (its attributes, its web context), and sees the SIP objects three ways
        assertEquals("""
                shared-context=true
                injected=true
                lookup=true
                injected-sessions-util=true
                jndi-timer-service=true
                jndi-sessions-util=true
                timer-service=true
                sent=MESSAGE
                """, page.body());
    }

    @Test
    void httpSessionIsTiedToASipApplicationSession() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/converged/session")).timeout(Duration.ofSeconds(10)).build();
        String first = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(first.startsWith("converged=true\napplication-session="), first);
        assertTrue(first.contains("listed=true\n") && first.contains("encoded=true\n"), first);
        String second = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(first, second, "the same HTTP session (cookie) finds the same application session");
        String other = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(!other.equals(first) && other.startsWith("converged=true\napplication-session="), "another HTTP session, another application session: " + other);
    }

    /** A converged application's web.xml maps a servlet to {@code *}: it answers every path of its context. */
    @Test
    void starUrlPatternAnswersEveryPath() throws Exception {
        for (String path : new String[] { "/every-path/", "/every-path/call", "/every-path/a/b.jsp" }) {
            HttpResponse<String> page = get(path);
            assertEquals(200, page.statusCode(), path + ": " + page.body());
            assertEquals("path=" + path.substring("/every-path".length()) + "\nsip-factory=true\n", page.body(), path);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
