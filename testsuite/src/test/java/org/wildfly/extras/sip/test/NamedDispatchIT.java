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
import org.wildfly.extras.sip.test.app.dispatch.CalleeServlet;
import org.wildfly.extras.sip.test.app.dispatch.FrontServlet;
import org.wildfly.extras.sip.test.app.dispatch.PageServlet;

/**
 * A SIP archive whose main servlet forwards each request of a call to another SIP servlet by name
 * ({@code getServletContext().getNamedDispatcher("callee").forward(request, null)}), beside an HTTP servlet that
 * Undertow still dispatches by its name.
 */
class NamedDispatchIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1200;

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
        String servlets = """
                    <servlet>
                        <javaee:servlet-name>callee</javaee:servlet-name>
                        <javaee:servlet-class>%s</javaee:servlet-class>
                    </servlet>
                """.formatted(CalleeServlet.class.getName());
        JBossCli.Result deployed = server.cli().command("deploy " + TestArchive.named("dispatch.sar")
                .classes(FrontServlet.class, CalleeServlet.class, PageServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("dispatch", "front", FrontServlet.class.getName(), servlets))
                .writeTo(SipApplications.ARCHIVES));
        assertTrue(deployed.succeeded(), deployed.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mainServletForwardsEachRequestOfTheCall() throws Exception {
        for (String transport : new String[] {"u1", "t1"}) {
            Sipp.Result result = Sipp.run("counted-call-uac.xml", transport, server.sipPort());
            assertTrue(result.passed(), "the BYE's 200 counts the call's three requests (X-Request-Count: 3), over " + transport + "\n" + result.output());
        }
    }

    @Test
    void httpServletNamesStillReachUndertow() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", server.sipPort());
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("X-Http-Dispatcher: found"), "a SIP servlet finds the archive's HTTP servlet by name\n" + result.output());
        HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/dispatch/page")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("page", page.body());
    }
}
