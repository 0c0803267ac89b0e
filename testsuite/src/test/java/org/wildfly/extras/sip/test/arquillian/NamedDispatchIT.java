package org.wildfly.extras.sip.test.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wildfly.extras.sip.test.app.dispatch.CalleeServlet;
import org.wildfly.extras.sip.test.app.dispatch.FrontServlet;
import org.wildfly.extras.sip.test.app.dispatch.PageServlet;
import org.wildfly.extras.sip.testing.SipArchives;
import org.wildfly.extras.sip.testing.SipDescriptor;
import org.wildfly.extras.sip.testing.Sipp;
import org.wildfly.extras.sip.testing.SippReport;

/**
 * A SIP archive whose main servlet forwards each request of a call to another SIP servlet by name
 * ({@code getServletContext().getNamedDispatcher("callee").forward(request, null)}), beside an HTTP servlet that
 * Undertow still dispatches by its name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("arquillian") // the test suite runs these in a failsafe execution of their own
class NamedDispatchIT {

    @Deployment(testable = false)
    static WebArchive dispatch() {
        return SipArchives.sar(SipDescriptor.application("dispatch").mainServlet("front", FrontServlet.class).servlet("callee", CalleeServlet.class))
                .addClass(PageServlet.class);
    }

    /** The server's web root: Arquillian finds web contexts in .war archives only, so a .sar's path is its own (its name). */
    @ArquillianResource
    private URL server;

    @Test
    void mainServletForwardsEachRequestOfTheCall() throws Exception {
        for (String transport : new String[] {"u1", "t1"}) {
            SippReport result = Sipp.client(ArquillianServer.sip()).scenario(ArquillianServer.scenario("counted-call-uac.xml")).transport(transport)
                    .run(Duration.ofSeconds(30));
            assertTrue(result.passed(), "the BYE's 200 counts the call's three requests (X-Request-Count: 3), over " + transport + "\n" + result);
        }
    }

    @Test
    void httpServletNamesStillReachUndertow() throws Exception {
        SippReport result = Sipp.client(ArquillianServer.sip()).scenario(ArquillianServer.scenario("options-uac.xml")).run(Duration.ofSeconds(30));
        assertTrue(result.passed(), result.toString());
        assertTrue(result.output().contains("X-Http-Dispatcher: found"), "a SIP servlet finds the archive's HTTP servlet by name\n" + result);
        HttpResponse<String> page = ArquillianServer.http("GET", this.server.toURI().resolve("/dispatch/page"));
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("page", page.body());
    }
}
