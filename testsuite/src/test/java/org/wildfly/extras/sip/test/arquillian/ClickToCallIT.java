package org.wildfly.extras.sip.test.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wildfly.extras.sip.samples.clicktocall.BridgeServlet;
import org.wildfly.extras.sip.samples.clicktocall.Calls;
import org.wildfly.extras.sip.samples.clicktocall.ClickToCallServlet;
import org.wildfly.extras.sip.samples.clicktocall.ClusterViewServlet;
import org.wildfly.extras.sip.testing.SipArchives;
import org.wildfly.extras.sip.testing.SipDescriptor;
import org.wildfly.extras.sip.testing.Sipp;
import org.wildfly.extras.sip.testing.SippProcess;
import org.wildfly.extras.sip.testing.SippReport;

/**
 * The worked example of docs/testing.md: the click-to-call sample, tested as an application developer tests a SIP
 * application on WildFly. Arquillian deploys an archive built with {@link SipArchives}; {@link Sipp} plays the phones,
 * over UDP and TCP; the test asserts what the phones and the HTTP client saw.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("arquillian") // the test suite runs these in a failsafe execution of their own
class ClickToCallIT {

    /** The phone the bridge calls: its port goes into the deployment's descriptor, so it is chosen before deployment. */
    private static final int CALLEE_PORT = Sipp.freePort();

    @Deployment(testable = false)
    static WebArchive clickToCall() {
        SipDescriptor descriptor = SipDescriptor.application("click-to-call")
                .mainServlet("bridge") // declared by BridgeServlet's @SipServlet
                .contextParameter("bridge.target", "sip:service@127.0.0.1:" + CALLEE_PORT)
                .distributable();
        return SipArchives.war(descriptor)
                .addClasses(BridgeServlet.class, Calls.class, ClickToCallServlet.class, ClusterViewServlet.class)
                .addAsWebResource(Path.of(System.getProperty("sip.test.sample.webapp"), "index.html").toFile(), "index.html");
    }

    @ArquillianResource
    private URL application; // http://127.0.0.1:9680/click-to-call/

    /** Callers over UDP and over TCP; the bridge calls the callee over UDP, as its URI (no transport parameter) says. */
    @Test
    void incomingCallsAreBridgedToTheTarget() throws Exception {
        for (String transport : new String[] {"u1", "t1"}) {
            try (SippProcess callee = Sipp.server().builtIn("uas").listenOn("127.0.0.1", CALLEE_PORT).calls(5).start()) {
                SippReport caller = Sipp.client(ArquillianServer.sip()).builtIn("uac").transport(transport).calls(5).rate(10).run(Duration.ofSeconds(60));
                assertEquals(5, caller.successfulCalls(), caller.toString());
                assertTrue(caller.passed(), caller.toString());
                SippReport answered = callee.await(Duration.ofSeconds(30));
                assertEquals(5, answered.successfulCalls(), "each call reached the callee through the bridge: " + answered);
            }
        }
    }

    @Test
    void clickToCallJoinsTwoPhonesOverHttp() throws Exception {
        try (SippProcess alice = Sipp.server().scenario(ArquillianServer.scenario("answer-uas.xml")).start();
                SippProcess bob = Sipp.server().scenario(ArquillianServer.scenario("answer-uas.xml")).start()) {
            HttpResponse<String> started = ArquillianServer.http("GET", this.application.toURI()
                    .resolve("call?from=sip:alice@127.0.0.1:" + alice.port() + "&to=sip:bob@127.0.0.1:" + bob.port()));
            assertEquals(202, started.statusCode(), started.body());
            String id = started.body().trim();
            String state = "";
            for (int i = 0; i < 100 && !state.equals("connected"); i++) {
                Thread.sleep(100);
                state = ArquillianServer.http("GET", this.application.toURI().resolve("call?id=" + id)).body().trim();
            }
            assertEquals("connected", state, "alice answered, then bob, and the sample joined them");
            String view = ArquillianServer.http("GET", this.application.toURI().resolve("cluster")).body();
            assertTrue(view.contains("\"members\":[\"arquillian\"]") && view.contains("\"application-session\":\"" + id + "\""),
                    "the page's view lists the server and the call: " + view);
            HttpResponse<String> hungUp = ArquillianServer.http("POST", this.application.toURI().resolve("call?id=" + id + "&action=hangup"));
            assertEquals(200, hungUp.statusCode(), hungUp.body());
            assertEquals("ended", hungUp.body().trim());
            assertTrue(alice.await(Duration.ofSeconds(30)).passed(), "alice got her BYE");
            assertTrue(bob.await(Duration.ofSeconds(30)).passed(), "bob got his BYE");
        }
        assertEquals(400, ArquillianServer.http("GET", this.application.toURI().resolve("call?from=sip:alice@127.0.0.1")).statusCode(),
                "a request without 'to' is refused");
    }

    @Test
    void theApplicationsRootIsItsCallsPage() throws Exception {
        HttpResponse<String> page = ArquillianServer.http("GET", this.application.toURI());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Cluster members"), page.body());
    }
}
