package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.uas.UasServlet;
import org.wildfly.extras.sip.test.router.UserPartRouter;
import org.wildfly.extras.sip.test.router.UserPartRouterProvider;

/**
 * The {@code sip} subsystem's container settings reach the applications: {@code default-session-timeout} is the
 * session timeout of applications that set none, and {@code application-router} installs a custom application router
 * from a JBoss module, the way docs/configuration.md tells operators to; a router class the server cannot use is
 * refused, naming it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSettingsIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1100;
    private static final String ROUTER_MODULE = "org.wildfly.extras.sip.test.router";
    private static final Pattern EXPIRES_IN = Pattern.compile("X-Expires-In-Seconds: (\\d+)");

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        removeRouterModule(); // left by a run that was stopped half-way
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
            removeRouterModule(); // the provisioned server is shared by the test classes: leave it as provisioned
        }
    }

    @Test
    @Order(1)
    void defaultSessionTimeoutIsTheTimeoutOfApplicationsThatSetNone() throws Exception {
        // one application at a time: without chains, the default application router gives initial requests to the first one
        script("/subsystem=sip:write-attribute(name=default-session-timeout, value=1)", "reload", "deploy " + SipApplications.uasSar("default-timeout.sar", "default-timeout"));
        long seconds = expiresInSeconds();
        assertTrue(seconds > 50 && seconds <= 60, "the application session expires after the server's 1 minute, not in " + seconds + " s");

        // so does an application declared by @SipApplication alone, which writes no sessionTimeout
        script("undeploy default-timeout.sar", "deploy " + SipApplications.uasWar("annotated-timeout.war"));
        seconds = expiresInSeconds();
        assertTrue(seconds > 50 && seconds <= 60, "the annotation's default is no timeout of the application's: 1 minute, not " + seconds + " s");

        // an application's own <session-timeout> wins over the server's default
        Path own = TestArchive.named("own-timeout.sar").classes(UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("own-timeout", "uas", UasServlet.class.getName(),
                        "    <session-config>\n        <session-timeout>5</session-timeout>\n    </session-config>\n"))
                .writeTo(SipApplications.ARCHIVES);
        script("undeploy annotated-timeout.war", "deploy " + own);
        seconds = expiresInSeconds();
        assertTrue(seconds > 290 && seconds <= 300, "the application's own 5 minutes, not " + seconds + " s");
        script("undeploy own-timeout.sar");
    }

    @Test
    @Order(2)
    void routerClassTheServerCannotUseIsRefusedNamingIt() throws Exception {
        JBossCli.Result unknown = server.cli().run("/subsystem=sip:write-attribute(name=application-router, value=com.example.NoSuchRouterProvider)");
        assertFalse(unknown.succeeded(), unknown.output());
        // word for word as docs/configuration.md shows it
        assertTrue(unknown.output().contains("The application router named by application-router cannot be used: There is no class com.example.NoSuchRouterProvider in the sip subsystem's module "
                + "org.wildfly.extension.sip; install the router's jar as a JBoss module and name it in application-router-module, or check the class name "
                + "(a subclass of javax.servlet.sip.ar.spi.SipApplicationRouterProvider)"), unknown.output());

        JBossCli.Result notProvider = server.cli().run("/subsystem=sip:write-attribute(name=application-router, value=org.wildfly.extras.sip.container.SipContainer)");
        assertFalse(notProvider.succeeded(), notProvider.output());
        assertTrue(notProvider.output().contains("org.wildfly.extras.sip.container.SipContainer does not extend javax.servlet.sip.ar.spi.SipApplicationRouterProvider"),
                notProvider.output());

        JBossCli.Result noModule = server.cli().run("/subsystem=sip:write-attribute(name=application-router-module, value=com.example.no.such.module)");
        assertFalse(noModule.succeeded(), noModule.output());
        assertTrue(noModule.output().contains("The application-router-module com.example.no.such.module cannot be loaded"), noModule.output());

        ModelNode sip = server.cli().run("/subsystem=sip:read-resource").response().get("result");
        assertFalse(sip.get("application-router").isDefined() || sip.get("application-router-module").isDefined(), "nothing was written: " + sip);
    }

    @Test
    @Order(3)
    void customRouterInstalledAsDocumentedRoutesInitialRequests() throws Exception {
        Path jar = TestArchive.named("user-part-router.jar").rootClasses(UserPartRouterProvider.class, UserPartRouter.class).writeTo(SipApplications.ARCHIVES);
        // as docs/configuration.md says: the router's jar as a module, then the two attributes, then a reload
        script("module add --name=" + ROUTER_MODULE + " --resources=" + jar + " --dependencies=javax.servlet.sip.api",
                "/subsystem=sip:write-attribute(name=application-router-module, value=" + ROUTER_MODULE + ")",
                "/subsystem=sip:write-attribute(name=application-router, value=" + UserPartRouterProvider.class.getName() + ")",
                "reload",
                "deploy " + SipApplications.uasSar("first.sar", "first"),
                "deploy " + SipApplications.uasSar("second.sar", "second"));
        for (String application : new String[] {"second", "first"}) {
            Sipp.Result result = Sipp.run("message-uac.xml", "u1", server.sipPort(), "-s", application);
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("X-Sip-Application: " + application), "the router sent sip:" + application + "@ to application " + application + "\n" + result.output());
        }
        // the next test class starts from the provisioned configuration; the module goes when this class ends
    }

    private static void removeRouterModule() throws java.io.IOException {
        Path module = server.home().resolve("modules/" + ROUTER_MODULE.replace('.', '/'));
        if (Files.exists(module)) {
            try (java.util.stream.Stream<Path> files = Files.walk(module)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static long expiresInSeconds() throws Exception {
        Sipp.Result result = Sipp.run("message-uac.xml", "u1", server.sipPort());
        assertTrue(result.passed(), result.output());
        Matcher expires = EXPIRES_IN.matcher(result.output());
        assertTrue(expires.find(), result.output());
        return Long.parseLong(expires.group(1));
    }

    /** Runs CLI commands as one script (one CLI start); {@code reload} in a script waits until the server runs again. */
    private static void script(String... commands) throws Exception {
        JBossCli.Result result = server.cli().runScript(String.join("\n", commands) + "\n");
        assertTrue(result.succeeded(), String.join("\n", commands) + "\n->\n" + result.output());
    }
}
