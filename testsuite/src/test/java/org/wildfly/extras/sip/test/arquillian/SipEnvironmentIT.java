package org.wildfly.extras.sip.test.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wildfly.extras.sip.test.app.environment.CallerRoles;
import org.wildfly.extras.sip.test.app.environment.EnvironmentServlet;
import org.wildfly.extras.sip.test.app.environment.Palette;
import org.wildfly.extras.sip.testing.Sipp;
import org.wildfly.extras.sip.testing.SippReport;

/**
 * The environment a sip.xml declares, as a caller sees it: env-entry values, a resource-ref and a post-construct reach the
 * servlet (injected and in java:comp/env), in a .sar and in a converged .war whose web.xml has an environment of its
 * own, and a servlet's run-as is the role the component it calls sees. Each test deploys its own archive: with no router
 * configuration, the default application router gives every initial request to the one application deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("arquillian") // the test suite runs these in a failsafe execution of their own
class SipEnvironmentIT {

    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("^(X-[A-Za-z-]+): (.*)$", java.util.regex.Pattern.MULTILINE);

    /** The servlet's environment, and its run-as role when {@code runAs} is not null. */
    private static String sipXml(String applicationName, String runAs) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://xmlns.jcp.org/xml/ns/javaee" version="1.1">
                    <app-name>%1$s</app-name>
                    <servlet>
                        <servlet-name>environment</servlet-name>
                        <servlet-class>%2$s</servlet-class>
                        <load-on-startup>1</load-on-startup>
                        %3$s
                    </servlet>
                    <servlet-selection><main-servlet>environment</main-servlet></servlet-selection>
                    <security-role><role-name>dispatcher</role-name></security-role>
                    <env-entry>
                        <env-entry-name>greeting</env-entry-name>
                        <env-entry-type>java.lang.String</env-entry-type>
                        <env-entry-value>hello from %1$s</env-entry-value>
                    </env-entry>
                    <javaee:env-entry>
                        <javaee:env-entry-name>limit</javaee:env-entry-name>
                        <javaee:env-entry-type>java.lang.Integer</javaee:env-entry-type>
                        <javaee:env-entry-value>12</javaee:env-entry-value>
                        <javaee:injection-target>
                            <javaee:injection-target-class>%2$s</javaee:injection-target-class>
                            <javaee:injection-target-name>limit</javaee:injection-target-name>
                        </javaee:injection-target>
                    </javaee:env-entry>
                    <env-entry>
                        <env-entry-name>palette</env-entry-name>
                        <env-entry-type>%4$s</env-entry-type>
                        <env-entry-value>GREEN</env-entry-value>
                    </env-entry>
                    <resource-ref>
                        <res-ref-name>sip/factory</res-ref-name>
                        <res-type>javax.servlet.sip.SipFactory</res-type>
                        <injection-target>
                            <injection-target-class>%2$s</injection-target-class>
                            <injection-target-name>factory</injection-target-name>
                        </injection-target>
                    </resource-ref>
                    <post-construct>
                        <lifecycle-callback-class>%2$s</lifecycle-callback-class>
                        <lifecycle-callback-method>ready</lifecycle-callback-method>
                    </post-construct>
                </sip-app>
                """.formatted(applicationName, EnvironmentServlet.class.getName(),
                runAs != null ? "<run-as><role-name>" + runAs + "</role-name></run-as>" : "", Palette.class.getName());
    }

    private static WebArchive archive(String name, String sipXml) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EnvironmentServlet.class, CallerRoles.class, Palette.class)
                .addAsWebInfResource(new StringAsset(sipXml), "sip.xml")
                // the test's component asks Elytron's API who calls it
                .addAsManifestResource(new StringAsset("Dependencies: org.wildfly.security.elytron\n"), "MANIFEST.MF");
    }

    @Deployment(name = "sar", managed = false, testable = false)
    static WebArchive sar() {
        return archive("environment.sar", sipXml("environment-sar", "dispatcher"));
    }

    /** A converged application: its web.xml's env-entry and sip.xml's share the one java:comp/env. */
    @Deployment(name = "war", managed = false, testable = false)
    static WebArchive war() {
        return archive("environment.war", sipXml("environment-war", null)).addAsWebInfResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <env-entry>
                        <env-entry-name>web/origin</env-entry-name>
                        <env-entry-type>java.lang.String</env-entry-type>
                        <env-entry-value>web.xml</env-entry-value>
                    </env-entry>
                </web-app>
                """), "web.xml");
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void sipArchiveSeesItsEnvironmentAndRunsAsItsRole() throws Exception {
        Map<String, String> seen = this.message("sar");
        assertEquals("environment-sar", seen.get("X-Sip-Application"), seen.toString());
        assertEquals("hello from environment-sar", seen.get("X-Greeting"), "env-entry injected into @Resource(name) " + seen);
        assertEquals("12", seen.get("X-Limit"), "env-entry injected by <injection-target> " + seen);
        assertEquals("GREEN", seen.get("X-Palette"), "enum env-entry looked up " + seen);
        assertEquals("true", seen.get("X-Factory"), "resource-ref injected " + seen);
        assertEquals("true", seen.get("X-Looked-Up-Factory"), "resource-ref looked up " + seen);
        assertEquals("true", seen.get("X-Post-Construct"), seen.toString());
        assertEquals("[dispatcher]", seen.get("X-Roles"), "the component the servlet calls sees its run-as role " + seen);
        assertEquals("[dispatcher]", seen.get("X-Roles-At-Init"), "init runs as the run-as role too " + seen);
        assertEquals("none", seen.get("X-Web-Entry"), seen.toString());
    }

    @Test
    void convergedArchiveJoinsSipXmlEnvironmentToWebXmls() throws Exception {
        Map<String, String> seen = this.message("war");
        assertEquals("environment-war", seen.get("X-Sip-Application"), seen.toString());
        assertEquals("hello from environment-war", seen.get("X-Greeting"), seen.toString());
        assertEquals("12", seen.get("X-Limit"), seen.toString());
        assertEquals("GREEN", seen.get("X-Palette"), seen.toString());
        assertEquals("true", seen.get("X-Factory"), seen.toString());
        assertEquals("true", seen.get("X-Post-Construct"), seen.toString());
        assertEquals("web.xml", seen.get("X-Web-Entry"), "web.xml's env-entry beside sip.xml's " + seen);
        assertEquals("none", seen.get("X-Roles"), "without run-as the servlet runs in no security domain's identity " + seen);
    }

    /** @return the X- headers of the 200 OK to a MESSAGE sipp sends to the deployment, which is undeployed after */
    private Map<String, String> message(String deployment) throws Exception {
        this.deployer.deploy(deployment);
        try {
            SippReport caller = Sipp.client(ArquillianServer.sip()).scenario(ArquillianServer.scenario("message-uac.xml")).run(Duration.ofSeconds(30));
            assertTrue(caller.passed(), caller.toString());
            String answer = caller.output().substring(caller.output().indexOf("SIP/2.0 200 OK"));
            Map<String, String> headers = new LinkedHashMap<>();
            Matcher matcher = HEADER.matcher(answer);
            while (matcher.find()) {
                headers.putIfAbsent(matcher.group(1), matcher.group(2).strip());
            }
            assertTrue(!headers.containsKey("X-Naming-Failure"), headers.toString());
            return headers;
        } finally {
            this.deployer.undeploy(deployment);
        }
    }
}
