package org.wildfly.extras.sip.container.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SipXmlParser} on JSR 289 and JSR 116 descriptors, valid and not.
 */
class SipXmlParserTestCase {

    static SipDeploymentInfo parse(String resource) throws SipDeploymentException, IOException {
        try (InputStream in = SipXmlParserTestCase.class.getResourceAsStream("/deployment/" + resource)) {
            assertNotNull(in, resource);
            return SipXmlParser.parse(in);
        }
    }

    @Test
    void fullDescriptor() throws Exception {
        SipDeploymentInfo info = parse("sip-full.xml");
        assertEquals("1.1", info.getVersion());
        assertEquals("org.example.full", info.getApplicationName());
        assertEquals("Full example", info.getDisplayName());
        assertEquals("Every element the container reads", info.getDescription(), "the first of several descriptions");
        assertTrue(info.isDistributable());
        assertEquals(Map.of("greeting", "hello & welcome", "empty", ""), info.getContextParams());
        assertEquals(List.of("greeting", "empty"), List.copyOf(info.getContextParams().keySet()));
        assertEquals(List.of("org.example.full.SessionListener", "org.example.full.TimerListener"), info.getListeners());
        assertEquals(15, info.getSessionTimeout());
        assertEquals(30, info.getProxyTimeout());
        assertNull(info.getMainServlet());
        assertNull(info.getApplicationKey());

        List<ServletInfo> servlets = info.getServlets();
        assertEquals(List.of("registrar", "proxy", "presence"), servlets.stream().map(ServletInfo::getName).toList());
        ServletInfo registrar = info.getServlet("registrar");
        assertEquals("org.example.full.RegistrarServlet", registrar.getClassName());
        assertEquals("Registers contacts", registrar.getDescription());
        assertEquals(1, registrar.getLoadOnStartup());
        assertEquals(List.of("expires", "realm"), List.copyOf(registrar.getInitParams().keySet()));
        assertEquals("3600", registrar.getInitParams().get("expires"));
        assertEquals("example.com", registrar.getInitParams().get("realm"));
        assertEquals("sip.xml line 29", registrar.getOrigin());
        assertNull(registrar.getAnnotation());
        ServletInfo proxy = info.getServlet("proxy");
        assertEquals("org.example.full.ProxyServlet", proxy.getClassName(), "trimmed");
        assertNull(proxy.getLoadOnStartup());
        assertTrue(proxy.getInitParams().isEmpty());
        assertEquals(0, info.getServlet("presence").getLoadOnStartup(), "an empty <load-on-startup> loads at deployment");

        List<ServletMapping> mappings = info.getServletMappings();
        assertEquals(3, mappings.size());
        assertEquals(new ServletMapping("registrar", new Pattern.Equal("request.method", "REGISTER", true), "sip.xml line 56"), mappings.get(0));
        assertEquals(new ServletMapping("presence",
                Pattern.or(Pattern.equal("request.method", "SUBSCRIBE"), Pattern.equal("request.method", "PUBLISH")), "sip.xml line 65"), mappings.get(1));
        assertEquals("proxy", mappings.get(2).servletName());
        assertEquals(Pattern.and(
                Pattern.equal("request.method", "INVITE"),
                Pattern.subdomainOf("request.uri.host", "example.com"),
                Pattern.contains("request.from", "tag="),
                Pattern.not(Pattern.exists("request.uri.param.bypass"))), mappings.get(2).pattern(), "the foreign <vendor:hint> is skipped");

        assertEquals(List.of(
                "sip.xml line 82: <hint> of namespace urn:example:vendor was ignored",
                "sip.xml line 105: <tuning> of namespace urn:example:vendor was ignored"), info.getUnsupported());
        assertEquals("admin", info.getServlet("presence").getRunAsRole());
        assertNull(registrar.getRunAsRole());
        assertEquals(List.of(
                new EnvironmentReference("env-entry", "limit", "java.lang.Integer", null, "sip.xml line 99"),
                new EnvironmentReference("resource-ref", "jdbc/db", null, null, "sip.xml line 103"),
                new EnvironmentReference("ejb-ref", "ejb/Locator", null, null, "sip.xml line 104")), info.getEnvironment());

        SipDeploymentInfo resolved = info.resolve();
        assertNull(resolved.getMainServlet(), "mappings select the servlets");
        assertEquals(new LoginConfig("DIGEST", null, null, "sip.xml line 95"), resolved.getLoginConfig());
        assertEquals(java.util.Set.of("admin"), resolved.getSecurityRoles());
    }

    @Test
    void securityConstraints() throws Exception {
        SipDeploymentInfo info = parse("sip-security.xml").resolve();
        assertEquals(new LoginConfig("DIGEST", "ApplicationRealm", null, "sip.xml line 10"), info.getLoginConfig());
        assertEquals(java.util.Set.of("caller"), info.getSecurityRoles());
        assertEquals(List.of(
                new SecurityConstraint("callers only", List.of(new SecurityConstraint.ResourceCollection("calls", List.of("a"), List.of("INVITE", "MESSAGE"))), true,
                        java.util.Set.of("caller"), "sip.xml line 14", SecurityConstraint.TransportGuarantee.NONE),
                new SecurityConstraint(null, List.of(new SecurityConstraint.ResourceCollection("nobody", List.of(), List.of("PUBLISH"))), false,
                        java.util.Set.of(), "sip.xml line 30", SecurityConstraint.TransportGuarantee.CONFIDENTIAL)), info.getSecurityConstraints());
        assertFalse(info.getSecurityConstraints().get(0).needsTls(), "NONE asks for nothing");
        assertTrue(info.getSecurityConstraints().get(1).needsTls());
        assertTrue(info.getUnsupported().isEmpty(), info.getUnsupported().toString());
        SecurityConstraint calls = info.getSecurityConstraints().get(0);
        assertTrue(calls.covers("a", "INVITE"));
        assertFalse(calls.covers("a", "OPTIONS"));
        assertTrue(info.getSecurityConstraints().get(1).covers("anything", "PUBLISH"), "no servlet-name: every servlet");
        assertEquals(info.getSecurityConstraints(), info.copy().getSecurityConstraints());
    }

    @Test
    void identityAssertion() throws Exception {
        SipDeploymentInfo required = parseApplication("<login-config>\n<identity-assertion><identity-assertion-scheme>P-Asserted-Identity</identity-assertion-scheme>"
                + "<identity-assertion-support>REQUIRED</identity-assertion-support></identity-assertion></login-config>");
        assertEquals(new LoginConfig("DIGEST", null, "REQUIRED", "WEB-INF/sip.xml line 2"), required.getLoginConfig());
        SipDeploymentInfo supported = parseApplication("<login-config><auth-method>DIGEST</auth-method><realm-name>sip.test</realm-name>\n"
                + "<identity-assertion><identity-assertion-scheme>P-Asserted-Identity</identity-assertion-scheme><identity-assertion-support>SUPPORTED</identity-assertion-support>"
                + "</identity-assertion></login-config>");
        assertEquals(new LoginConfig("DIGEST", "sip.test", "SUPPORTED", "WEB-INF/sip.xml line 2"), supported.getLoginConfig());
        assertTrue(supported.getUnsupported().isEmpty(), "SUPPORTED is enforced, not merely recorded: " + supported.getUnsupported());
        SipDeploymentInfo certificate = parseApplication("<login-config>\n<auth-method>CLIENT-CERT</auth-method></login-config>");
        assertEquals(new LoginConfig("CLIENT-CERT", null, null, "WEB-INF/sip.xml line 2"), certificate.getLoginConfig());
    }

    @Test
    void jsr116Descriptor() throws Exception {
        SipDeploymentInfo info = parse("sip-1_0.xml");
        assertEquals("1.0", info.getVersion());
        assertNull(info.getApplicationName(), "JSR 116 has no <app-name>: the deployer names the application");
        assertEquals("Legacy proxy", info.getDisplayName());
        assertEquals(List.of("proxy", "register"), info.getServlets().stream().map(ServletInfo::getName).toList());
        assertEquals(2, info.getServlet("proxy").getLoadOnStartup());
        assertEquals(List.of(
                new ServletMapping("register", Pattern.equal("request.method", "REGISTER"), "sip.xml line 16"),
                new ServletMapping("proxy", Pattern.exists("request.uri"), "sip.xml line 22")), info.getServletMappings());
        assertEquals(45, info.getProxyTimeout(), "sequential-search-timeout");
        assertEquals(-1, info.getSessionTimeout());
        assertTrue(info.getUnsupported().isEmpty());

        SipDeploymentException e = assertThrows(SipDeploymentException.class, info::resolve);
        assertTrue(e.getMessage().startsWith("no application name"), e.getMessage());
        assertEquals("org.example.legacy", info.setApplicationName("org.example.legacy").resolve().getApplicationName());
    }

    @Test
    void proxyTimeoutWinsOverSequentialSearchTimeout() throws Exception {
        SipDeploymentInfo info = parse(String.join("\n",
                "<sip-app xmlns='http://www.jcp.org/xml/ns/sipservlet'><app-name>x</app-name>",
                "<proxy-config><sequential-search-timeout>45</sequential-search-timeout><proxy-timeout>20</proxy-timeout></proxy-config>",
                "</sip-app>").getBytes(StandardCharsets.UTF_8));
        assertEquals(20, info.getProxyTimeout());
        assertNull(info.getSessionTimeout());
        assertFalse(info.isDistributable());
    }

    @Test
    void noNamespaceWithVersion11() throws Exception {
        SipDeploymentInfo info = parse("<sip-app version='1.1'><app-name>x</app-name></sip-app>".getBytes(StandardCharsets.UTF_8));
        assertEquals("1.1", info.getVersion());
        assertEquals("x", info.getApplicationName());
    }

    @Test
    void unknownVariableIsAWarning() throws Exception {
        SipDeploymentInfo info = parse(String.join("\n",
                "<sip-app xmlns='http://www.jcp.org/xml/ns/sipservlet'><app-name>x</app-name>",
                "<servlet><servlet-name>a</servlet-name><servlet-class>A</servlet-class></servlet>",
                "<servlet-selection><servlet-mapping><servlet-name>a</servlet-name>",
                "<pattern><equal><var>request.header.subject</var><value>hi</value></equal></pattern>",
                "</servlet-mapping></servlet-selection></sip-app>").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("sip.xml line 4: <var>request.header.subject</var> in <equal> is no variable of JSR 289 §16; no request defines it"),
                info.getUnsupported());
    }

    @Test
    void descriptorNameInMessages() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class,
                () -> SipXmlParser.parse(new ByteArrayInputStream("<sip-app><app-name/></sip-app>".getBytes(StandardCharsets.UTF_8)), "WEB-INF/sip.xml"));
        assertEquals("WEB-INF/sip.xml line 1: <app-name> is empty", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            both-main-and-mapping.xml       | sip.xml line 4: <servlet-selection> holds both <main-servlet> and <servlet-mapping>
            neither-main-nor-mapping.xml    | sip.xml line 4: <servlet-selection> holds neither <main-servlet> nor <servlet-mapping>
            two-main-servlets.xml           | sip.xml line 6: more than one <main-servlet> in <servlet-selection>
            two-servlet-selections.xml      | sip.xml line 5: more than one <servlet-selection> in <sip-app>; the first is on line 4
            legacy-mapping-and-main.xml     | sip.xml line 5: <servlet-mapping> conflicts with the <main-servlet> on line 4; an application has one or the other
            servlet-without-class.xml       | sip.xml line 3: <servlet> without <servlet-class> (servlet 'foo')
            servlet-without-name.xml        | sip.xml line 3: <servlet> without <servlet-name>
            duplicate-servlet.xml           | sip.xml line 4: <servlet> 'a' is declared twice; the first is on line 3
            jsp-file.xml                    | sip.xml line 5: <jsp-file> in <servlet>: a SIP servlet is a class, named by <servlet-class>
            bad-load-on-startup.xml         | sip.xml line 6: <load-on-startup> is "first", not a whole number of an integer
            duplicate-init-param.xml        | sip.xml line 7: <init-param> 'p' is declared twice in <servlet>
            init-param-without-value.xml    | sip.xml line 6: <init-param> without <param-value> (parameter 'p')
            duplicate-context-param.xml     | sip.xml line 4: <context-param> 'p' is declared twice
            listener-without-class.xml      | sip.xml line 3: <listener> without <listener-class>
            bad-session-timeout.xml         | sip.xml line 4: <session-timeout> is "3m", not a whole number of minutes
            bad-proxy-timeout.xml           | sip.xml line 4: <proxy-timeout> is "soon", not a whole number of seconds
            two-session-configs.xml         | sip.xml line 4: more than one <session-config> in <sip-app>; the first is on line 3
            two-distributables.xml          | sip.xml line 5: more than one <distributable> in <sip-app>; the first is on line 3
            two-app-names.xml               | sip.xml line 3: more than one <app-name> in <sip-app>; the first is on line 2
            empty-app-name.xml              | sip.xml line 2: <app-name> is empty
            element-in-text.xml             | sip.xml line 2: <b> in <app-name>, which holds text only
            text-in-elements.xml            | sip.xml line 5: text "stray words" in <servlet>, which holds elements only
            unknown-element.xml             | sip.xml line 3: unknown element <filter> in <sip-app>
            unknown-servlet-child.xml       | sip.xml line 6: unknown element <async-supported> in <servlet>
            wrong-root.xml                  | sip.xml line 1: root element <web-app> of namespace http://java.sun.com/xml/ns/javaee; expected <sip-app> of namespace http://www.jcp.org/xml/ns/sipservlet
            wrong-version.xml               | sip.xml line 1: <sip-app version="2.0"> is not supported; expected version 1.1 or the 1.0 DTD form
            mapping-without-pattern.xml     | sip.xml line 5: <servlet-mapping> without <pattern> (servlet 'a')
            mapping-without-servlet-name.xml | sip.xml line 5: <servlet-mapping> without <servlet-name>
            pattern-empty.xml               | sip.xml line 7: <pattern> without a condition
            pattern-two-conditions.xml      | sip.xml line 9: <pattern> holds more than one condition; combine them with <and> or <or>
            and-empty.xml                   | sip.xml line 8: <and> without conditions
            not-two-conditions.xml          | sip.xml line 10: <not> holds more than one condition
            not-empty.xml                   | sip.xml line 8: <not> without a condition
            unknown-condition.xml           | sip.xml line 8: <matches> is not a condition; expected <and>, <or>, <not>, <equal>, <contains>, <exists> or <subdomain-of>
            equal-without-value.xml         | sip.xml line 8: <equal> without <value>
            contains-without-var.xml        | sip.xml line 8: <contains> without <var>
            exists-with-value.xml           | sip.xml line 10: <exists> takes no <value>
            empty-var.xml                   | sip.xml line 9: <var> is empty
            bad-ignore-case.xml             | sip.xml line 8: <equal ignore-case="yes">: ignore-case is true or false
            subdomain-of-empty.xml          | sip.xml line 8: <subdomain-of> with an empty <value>
            basic-auth-method.xml           | sip.xml line 8: <auth-method>BASIC</auth-method> cannot be enforced: this container authenticates SIP callers with DIGEST or CLIENT-CERT (RFC 3261 §22: Basic authentication is deprecated for SIP); set <auth-method>DIGEST</auth-method>
            unknown-transport-guarantee.xml | sip.xml line 12: <transport-guarantee>SECURE</transport-guarantee> is none of NONE, INTEGRAL, CONFIDENTIAL
            identity-assertion-scheme-identity.xml | sip.xml line 9: <identity-assertion-scheme>Identity</identity-assertion-scheme> cannot be enforced: this container does not verify RFC 4474 Identity signatures (RFC 8224 obsoletes RFC 4474 and its rsa-sha1); use P-Asserted-Identity, which the container believes from the hosts of /subsystem=sip's trusted-hosts
            identity-assertion-scheme-unknown.xml | sip.xml line 9: <identity-assertion-scheme>X-Asserted</identity-assertion-scheme> is neither P-Asserted-Identity nor Identity
            identity-assertion-support-unknown.xml | sip.xml line 10: <identity-assertion-support>OPTIONAL</identity-assertion-support> is neither REQUIRED nor SUPPORTED
            constraint-without-collection.xml | sip.xml line 7: <security-constraint> without <resource-collection>: it would name no request to protect
            """)
    void invalidDescriptor(String resource, String message) {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> parse("invalid/" + resource));
        assertEquals(message, e.getMessage());
    }

    private static SipDeploymentInfo parseApplication(String body) throws SipDeploymentException {
        // line 1 opens the application; the body starts on line 2
        String xml = "<sip-app xmlns='http://www.jcp.org/xml/ns/sipservlet' xmlns:javaee='http://xmlns.jcp.org/xml/ns/javaee'><app-name>env</app-name>\n" + body + "\n</sip-app>";
        return SipXmlParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "WEB-INF/sip.xml");
    }

    @Test
    void environmentOfEveryKind() throws Exception {
        SipDeploymentInfo info = parseApplication("""
                <env-entry><description>how many</description><env-entry-name>limit</env-entry-name><env-entry-type>java.lang.Integer</env-entry-type>
                  <env-entry-value>12</env-entry-value><injection-target><injection-target-class>org.example.A</injection-target-class><injection-target-name>limit</injection-target-name></injection-target></env-entry>
                <env-entry><env-entry-name>greeting</env-entry-name><env-entry-type>java.lang.String</env-entry-type><env-entry-value/></env-entry>
                <env-entry><env-entry-name>color</env-entry-name><env-entry-type>org.example.Color</env-entry-type><env-entry-value>RED</env-entry-value></env-entry>
                <env-entry><env-entry-name>other</env-entry-name><lookup-name>java:global/other</lookup-name></env-entry>
                <resource-ref><res-ref-name>concurrent/executor</res-ref-name><res-type>jakarta.enterprise.concurrent.ManagedExecutorService</res-type><res-auth>Container</res-auth>
                  <res-sharing-scope>Shareable</res-sharing-scope><lookup-name>java:comp/DefaultManagedExecutorService</lookup-name></resource-ref>
                <resource-env-ref><resource-env-ref-name>tx</resource-env-ref-name><resource-env-ref-type>jakarta.transaction.TransactionSynchronizationRegistry</resource-env-ref-type></resource-env-ref>
                <message-destination-ref><message-destination-ref-name>jms/calls</message-destination-ref-name><message-destination-type>jakarta.jms.Queue</message-destination-type>
                  <message-destination-usage>Produces</message-destination-usage><message-destination-link>calls</message-destination-link></message-destination-ref>
                <message-destination><message-destination-name>calls</message-destination-name><lookup-name>java:/jms/queue/calls</lookup-name></message-destination>
                <ejb-local-ref><ejb-ref-name>ejb/Counter</ejb-ref-name><ejb-ref-type>Session</ejb-ref-type><local>org.example.Counter</local></ejb-local-ref>
                <javaee:post-construct><javaee:lifecycle-callback-class>org.example.A</javaee:lifecycle-callback-class><javaee:lifecycle-callback-method>ready</javaee:lifecycle-callback-method></javaee:post-construct>
                <pre-destroy><lifecycle-callback-class>org.example.A</lifecycle-callback-class><lifecycle-callback-method>done</lifecycle-callback-method></pre-destroy>
                <persistence-unit-ref><persistence-unit-ref-name>db</persistence-unit-ref-name><persistence-unit-name>calls</persistence-unit-name></persistence-unit-ref>
                <locale-encoding-mapping-list><locale-encoding-mapping><locale>ja</locale><encoding>Shift_JIS</encoding></locale-encoding-mapping></locale-encoding-mapping-list>
                """);
        assertEquals(List.of(
                new EnvironmentReference("env-entry", "limit", "java.lang.Integer", "12", "WEB-INF/sip.xml line 2"),
                new EnvironmentReference("env-entry", "greeting", "java.lang.String", "", "WEB-INF/sip.xml line 4"),
                new EnvironmentReference("env-entry", "color", "org.example.Color", "RED", "WEB-INF/sip.xml line 5"),
                new EnvironmentReference("env-entry", "other", null, null, "WEB-INF/sip.xml line 6"),
                new EnvironmentReference("resource-ref", "concurrent/executor", "jakarta.enterprise.concurrent.ManagedExecutorService", null, "WEB-INF/sip.xml line 7"),
                new EnvironmentReference("resource-env-ref", "tx", "jakarta.transaction.TransactionSynchronizationRegistry", null, "WEB-INF/sip.xml line 9"),
                new EnvironmentReference("message-destination-ref", "jms/calls", "jakarta.jms.Queue", null, "WEB-INF/sip.xml line 10"),
                new EnvironmentReference("message-destination", "calls", null, null, "WEB-INF/sip.xml line 12"),
                new EnvironmentReference("ejb-local-ref", "ejb/Counter", "org.example.Counter", null, "WEB-INF/sip.xml line 13"),
                new EnvironmentReference("post-construct", "ready", "org.example.A", null, "WEB-INF/sip.xml line 14"),
                new EnvironmentReference("pre-destroy", "done", "org.example.A", null, "WEB-INF/sip.xml line 15"),
                new EnvironmentReference("persistence-unit-ref", "db", null, null, "WEB-INF/sip.xml line 16")), info.getEnvironment());
        assertEquals(List.of("WEB-INF/sip.xml line 17: <locale-encoding-mapping-list> was ignored: it maps locales of HTTP responses, and SIP messages take their charset from their Content-Type"),
                info.getUnsupported());
        assertEquals(info.getEnvironment(), info.copy().getEnvironment());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            <env-entry><env-entry-name>n</env-entry-name><env-entry-type>java.lang.Integer</env-entry-type>\\n<env-entry-value>twelve</env-entry-value></env-entry> | WEB-INF/sip.xml line 3: <env-entry-value>twelve</env-entry-value> of 'n' is not a java.lang.Integer
            <env-entry><env-entry-name>n</env-entry-name><env-entry-type>java.lang.Boolean</env-entry-type><env-entry-value>yes</env-entry-value></env-entry> | WEB-INF/sip.xml line 2: <env-entry-value>yes</env-entry-value> of 'n' is not a java.lang.Boolean (true or false)
            <env-entry><env-entry-name>n</env-entry-name><env-entry-type>java.lang.Character</env-entry-type><env-entry-value>ab</env-entry-value></env-entry> | WEB-INF/sip.xml line 2: <env-entry-value>ab</env-entry-value> of 'n' is not a java.lang.Character (one character)
            <env-entry><env-entry-name>n</env-entry-name>\\n<env-entry-type>int</env-entry-type></env-entry> | WEB-INF/sip.xml line 3: <env-entry-type>int</env-entry-type> of 'n' is not a type an env-entry can have: one of java.lang.Boolean, java.lang.Byte, java.lang.Character, java.lang.Class, java.lang.Double, java.lang.Float, java.lang.Integer, java.lang.Long, java.lang.Short, java.lang.String, or an enum class
            <env-entry><env-entry-name>n</env-entry-name><env-entry-value>1</env-entry-value><lookup-name>java:global/n</lookup-name></env-entry> | WEB-INF/sip.xml line 2: <env-entry> 'n' has both <env-entry-value> and <lookup-name>; it takes its value from one of them
            <env-entry><env-entry-type>java.lang.String</env-entry-type></env-entry> | WEB-INF/sip.xml line 2: <env-entry> without <env-entry-name>
            <env-entry><env-entry-name>n</env-entry-name><res-type>x</res-type></env-entry> | WEB-INF/sip.xml line 2: unknown element <res-type> in <env-entry>
            <resource-ref><res-ref-name>r</res-ref-name><injection-target><injection-target-class>A</injection-target-class></injection-target></resource-ref> | WEB-INF/sip.xml line 2: <injection-target> without <injection-target-name>
            <resource-ref><res-ref-name>r</res-ref-name></resource-ref>\\n<env-entry><env-entry-name>r</env-entry-name></env-entry> | WEB-INF/sip.xml line 3: <env-entry> 'r': java:comp/env/r is already declared on line 2
            <post-construct><lifecycle-callback-method>ready</lifecycle-callback-method></post-construct> | WEB-INF/sip.xml line 2: <post-construct> without <lifecycle-callback-class>; name the servlet or listener class whose method ready runs
            <servlet><servlet-name>s</servlet-name><servlet-class>A</servlet-class><run-as/></servlet> | WEB-INF/sip.xml line 2: <run-as> without <role-name>
            """)
    void invalidEnvironment(String body, String message) {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> parseApplication(body.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-main-servlet.xml   | sip.xml line 5: unknown servlet 'foo' in <main-servlet>; the servlets are [a]
            unknown-mapped-servlet.xml | sip.xml line 9: unknown servlet 'bar' in <servlet-mapping>; the servlets are [a]
            constraint-unknown-servlet.xml | sip.xml line 7: unknown servlet 'b' in <resource-collection> 'calls' of <security-constraint>; the servlets are [a]
            no-app-name.xml            | no application name: the descriptor has no <app-name> and no class carries @SipApplication
            """)
    void unresolvableDescriptor(String resource, String message) throws Exception {
        SipDeploymentInfo info = parse("invalid/" + resource);
        SipDeploymentException e = assertThrows(SipDeploymentException.class, info::resolve);
        assertEquals(message, e.getMessage());
        e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(info, List.of()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void malformedXml() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> parse("invalid/malformed.xml"));
        assertTrue(e.getMessage().startsWith("sip.xml line 5: malformed XML in <servlet>: "), e.getMessage());
        e = assertThrows(SipDeploymentException.class, () -> parse(new byte[0]));
        assertTrue(e.getMessage().startsWith("sip.xml line 1: malformed XML: "), e.getMessage());
    }

    @Test
    void noExternalEntities() {
        byte[] xml = String.join("\n",
                "<?xml version='1.0'?>",
                "<!DOCTYPE sip-app [<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>",
                "<sip-app><display-name>&secret;</display-name></sip-app>").getBytes(StandardCharsets.UTF_8);
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> parse(xml));
        assertTrue(e.getMessage().startsWith("sip.xml line 3: malformed XML in <display-name>: "), e.getMessage());
    }

    private static SipDeploymentInfo parse(byte[] xml) throws SipDeploymentException {
        return SipXmlParser.parse(new ByteArrayInputStream(xml));
    }
}
