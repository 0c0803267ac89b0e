package org.wildfly.extras.sip.test.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wildfly.extras.sip.test.app.converged.CallServlet;
import org.wildfly.extras.sip.test.app.converged.EveryPathServlet;
import org.wildfly.extras.sip.test.app.converged.MessageServlet;
import org.wildfly.extras.sip.test.app.converged.SessionServlet;
import org.wildfly.extras.sip.testing.SipArchives;
import org.wildfly.extras.sip.testing.SipDescriptor;
import org.wildfly.extras.sip.testing.Sipp;
import org.wildfly.extras.sip.testing.SippProcess;
import org.wildfly.extras.sip.testing.SippReport;

/**
 * A converged application: one web archive whose HTTP and SIP servlets share one servlet context, and whose HTTP servlet
 * reaches the SIP objects by context attribute, {@code @Resource} and JNDI.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("arquillian") // the test suite runs these in a failsafe execution of their own
class ConvergedApplicationIT {

    /** An HTTP servlet (annotated) and a SIP servlet (sip.xml) in one web archive. */
    @Deployment(name = "converged", testable = false)
    static WebArchive converged() {
        return SipArchives.war(SipDescriptor.application("converged").mainServlet("message", MessageServlet.class))
                .addClasses(CallServlet.class, SessionServlet.class);
    }

    /** A web.xml that maps a servlet to {@code *}, as the containers converged applications come from allowed. */
    @Deployment(name = "every-path", testable = false)
    static WebArchive everyPath() {
        return SipArchives.war(SipDescriptor.application("every-path").mainServlet("message", MessageServlet.class))
                .addClass(EveryPathServlet.class)
                .addAsWebInfResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <servlet>
                                <servlet-name>page</servlet-name>
                                <servlet-class>%s</servlet-class>
                            </servlet>
                            <servlet-mapping>
                                <servlet-name>page</servlet-name>
                                <url-pattern>*</url-pattern>
                            </servlet-mapping>
                        </web-app>
                        """.formatted(EveryPathServlet.class.getName())), "web.xml");
    }

    @Test
    void httpRequestMakesTheApplicationSendSip(@ArquillianResource @OperateOnDeployment("converged") URL converged) throws Exception {
        try (SippProcess callee = Sipp.server().scenario(ArquillianServer.scenario("message-uas.xml")).start()) {
            HttpResponse<String> page = ArquillianServer.http("GET", converged.toURI().resolve("call?to=sip:callee@127.0.0.1:" + callee.port()));
            assertEquals(200, page.statusCode(), page.body());
            SippReport result = callee.await(Duration.ofSeconds(30));
            assertTrue(result.passed(), result.toString());
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
    }

    @Test
    void httpSessionIsTiedToASipApplicationSession(@ArquillianResource @OperateOnDeployment("converged") URL converged) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(converged.toURI().resolve("session")).timeout(Duration.ofSeconds(10)).build();
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
    void starUrlPatternAnswersEveryPath(@ArquillianResource @OperateOnDeployment("every-path") URL everyPath) throws Exception {
        URI root = everyPath.toURI(); // .../every-path/
        for (String path : new String[] { "", "call", "a/b.jsp" }) {
            HttpResponse<String> page = ArquillianServer.http("GET", root.resolve(path));
            assertEquals(200, page.statusCode(), path + ": " + page.body());
            assertEquals("path=/" + path + "\nsip-factory=true\n", page.body(), path);
        }
    }
}
