package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wildfly.extras.sip.test.app.mbean.Greeter;
import org.wildfly.extras.sip.test.app.mbean.GreeterMBean;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * SIP applications deployed on a provisioned server as SIP archives (.sar) and web archives (.war), driven with sipp.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipDeploymentIT {

    private static ProvisionedServer server;
    private static int sipPort;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
        sipPort = server.sipPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void sipArchiveAnswersOptionsMessagesAndCalls() throws Exception {
        deploy(SipApplications.uasSar("uas.sar", "uas-sar"));
        for (String scenario : new String[] {"options-uac.xml", "message-uac.xml", "call-uac.xml"}) {
            for (String transport : new String[] {"u1", "t1"}) {
                Sipp.Result result = Sipp.run(scenario, transport, sipPort);
                assertTrue(result.passed(), scenario + " over " + transport + ":\n" + result.output());
                assertTrue(result.output().contains("X-Sip-Application: uas-sar"), result.output());
                if (scenario.startsWith("message")) {
                    // the container runs SIP servlets on its own threads, in the deployment's scope: java:comp is there
                    assertTrue(result.output().contains("X-Jndi-SipFactory: true"), result.output());
                }
                if (scenario.startsWith("options")) {
                    assertTrue(result.output().contains("X-Injected: SipFactory=true, static TimerService=true"), result.output());
                }
            }
        }
        assertTrue(server.serverLog().contains("SIP application uas-sar deployed from uas.sar, servlets [uas]"), "server.log names the application");

        // each MESSAGE (one over UDP, one over TCP) left its application session; calls and OPTIONS left none
        ModelNode sip = server.cli().run("/deployment=uas.sar/subsystem=sip:read-resource(include-runtime=true)").response();
        assertEquals("success", sip.get("outcome").asString(), sip.toString());
        assertEquals("uas-sar", sip.get("result", "application-name").asString());
        assertEquals(List.of(new ModelNode("uas")), sip.get("result", "servlets").asList());
        assertEquals(2, sip.get("result", "active-application-sessions").asInt(), sip.toString());
        // 6 calls of sipp: 2 OPTIONS, 2 MESSAGE, 2 INVITE + ACK + BYE in; 200s, and 180 + 200 + 200 per call out
        assertEquals(10, sip.get("result", "messages-in").asLong(), sip.toString());
        assertEquals(10, sip.get("result", "messages-out").asLong(), sip.toString());
        assertTrue(sip.get("result", "active-sip-sessions").isDefined(), sip.toString());
        assertEquals(2, sip.get("result", "calls-started").asLong(), "two calls: " + sip);
        assertEquals(0, sip.get("result", "calls-active").asInt(), "both ended: " + sip);
        assertEquals(0, sip.get("result", "sessions-taken-over").asLong(), sip.toString());
        assertEquals(0, sip.get("result", "store-writes").asLong(), "a non-distributable application's sessions are written nowhere: " + sip);
        assertTrue(sip.get("result", "average-store-time").isDefined(), sip.toString());
        ModelNode calls = server.cli().run("/deployment=uas.sar/subsystem=sip:list-calls").response();
        assertEquals("success", calls.get("outcome").asString(), calls.toString());
        assertEquals(List.of(), calls.get("result").asList(), "every call ended: " + calls);
        ModelNode unknown = server.cli().run("/deployment=uas.sar/subsystem=sip:read-call(call-id=no-such-call@example.com)").response();
        assertEquals("failed", unknown.get("outcome").asString(), unknown.toString());
        assertTrue(unknown.get("failure-description").asString().contains("No call of Call-ID no-such-call@example.com in deployment uas.sar"), unknown.toString());
        // a datagram that is not SIP: answered 400 or dropped, and counted on the connector it came to
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            byte[] garbage = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\nCSeq: one INVITE\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.send(new java.net.DatagramPacket(garbage, garbage.length, java.net.InetAddress.getLoopbackAddress(), sipPort));
        }
        ModelNode udp = server.cli().run("/subsystem=sip/connector=udp:read-resource(include-runtime=true)").response();
        assertTrue(udp.get("result", "messages-received").asLong() >= 5, udp.toString());
        assertTrue(udp.get("result", "messages-sent").asLong() >= 5, udp.toString());
        assertEquals(1, udp.get("result", "malformed-messages").asLong(), udp.toString());
        ModelNode tcp = server.cli().run("/subsystem=sip/connector=tcp:read-attribute(name=malformed-messages)").response();
        assertEquals(0, tcp.get("result").asLong(), tcp.toString());

        // the same figures, as WildFly metrics
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.managementPort() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.body().contains("sip_messages_received"), metrics.body());
        assertTrue(metrics.body().contains("sip_messages_in"), metrics.body());
        assertTrue(metrics.body().contains("sip_calls_started"), metrics.body());
        assertTrue(metrics.body().contains("sip_retried_requests"), metrics.body());
        assertTrue(java.util.regex.Pattern.compile("(?m)^wildfly_sip_malformed_messages_total\\{[^}]*connector=\"udp\"[^}]*\\} 1").matcher(metrics.body()).find(),
                "the UDP connector's malformed message:\n" + metrics.body().lines().filter(line -> line.contains("malformed")).toList());
    }

    @Test
    @Order(2)
    void serviceArchiveDeploysBesideSipArchive() throws Exception {
        Path greeter = TestArchive.named("greeter.sar")
                .rootClasses(Greeter.class, GreeterMBean.class)
                .text("META-INF/jboss-service.xml", """
                        <server xmlns="urn:jboss:service:7.0">
                            <mbean code="%s" name="sip.test:service=Greeter"/>
                        </server>
                        """.formatted(Greeter.class.getName()))
                .writeTo(SipApplications.ARCHIVES);
        deploy(greeter);
        assertTrue(server.serverLog().contains("Greeter service archive started"), "the sar subsystem started the MBean");
        assertEquals("OK", server.cli().run("/deployment=greeter.sar:read-attribute(name=status)").response().get("result").asString());
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", sipPort);
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-sar"), result.output());
        undeploy("greeter.sar");
    }

    @Test
    @Order(3)
    void undeployedApplicationLeavesTheNodeAnsweringAlone() throws Exception {
        undeploy("uas.sar");
        String options = SipProbe.request("OPTIONS", sipPort);
        assertTrue(options.startsWith("SIP/2.0 200 "), options);
        assertFalse(options.contains("X-Sip-Application"), "the node, not the application, answers: " + options);
        String message = SipProbe.request("MESSAGE", sipPort);
        assertTrue(message.startsWith("SIP/2.0 404 "), message);
        assertTrue(server.serverLog().contains("SIP application uas-sar undeployed from uas.sar"), "server.log says so");
    }

    @Test
    @Order(4)
    void redeployedApplicationAnswersAgain() throws Exception {
        deploy(SipApplications.uasSar("uas.sar", "uas-sar"));
        // the sessions of the first deployment ended with it
        assertEquals(0, server.cli().run("/deployment=uas.sar/subsystem=sip:read-attribute(name=active-application-sessions)").response().get("result").asInt());
        Sipp.Result result = Sipp.run("call-uac.xml", "u1", sipPort);
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-sar"), result.output());

        // replacing the content (deploy --force) stops the old application before the new one starts
        JBossCli.Result replaced = server.cli().command("deploy --force " + SipApplications.uasSar("uas.sar", "uas-sar"));
        assertTrue(replaced.succeeded(), replaced.output());
        result = Sipp.run("call-uac.xml", "t1", sipPort);
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-sar"), result.output());
        undeploy("uas.sar");
    }

    @Test
    @Order(5)
    void archivesDeclaredByAnnotationsOnly() throws Exception {
        for (String name : new String[] {"uas.war", "uas-annotated.sar"}) {
            deploy(SipApplications.uasWar(name));
            Sipp.Result options = Sipp.run("options-uac.xml", "u1", sipPort);
            assertTrue(options.passed() && options.output().contains("X-Injected: SipFactory=true, static TimerService=true"), name + ":\n" + options.output());
            for (String transport : new String[] {"u1", "t1"}) {
                Sipp.Result result = Sipp.run("call-uac.xml", transport, sipPort);
                assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-war"), name + ":\n" + result.output());
            }
            undeploy(name);
        }
    }

    /**
     * An enterprise archive whose modules are a converged web archive and a SIP archive, which its application.xml lists
     * as a web module (an .ear deploys the .war files it holds by itself, not the .sar ones): both applications answer.
     */
    @Test
    @Order(5)
    void sipModulesOfAnEnterpriseArchive() throws Exception {
        Class<?> servlet = org.wildfly.extras.sip.test.app.uas.UasServlet.class;
        Path unlisted = TestArchive.named("unlisted.ear")
                .module(TestArchive.named("voicemail.sar").classes(servlet).text("WEB-INF/sip.xml", SipApplications.sipXml("ear-sar", "uas", servlet.getName(), "")))
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result refused = server.cli().command("deploy " + unlisted);
        assertFalse(refused.succeeded(), refused.output());
        assertTrue(refused.output().contains("SIP application unlisted.ear/voicemail.sar cannot be deployed: an .ear deploys a .sar only as a module of its"
                + " META-INF/application.xml; list it there: <module><web><web-uri>voicemail.sar</web-uri><context-root>/voicemail</context-root></web></module>"), refused.output());
        Path ear = TestArchive.named("telephony.ear")
                .text("META-INF/application.xml", """
                        <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                            <module><web><web-uri>calls.war</web-uri><context-root>/calls</context-root></web></module>
                            <module><web><web-uri>voicemail.sar</web-uri><context-root>/voicemail</context-root></web></module>
                        </application>
                        """)
                .module(TestArchive.named("calls.war").classes(servlet).text("WEB-INF/sip.xml", SipApplications.sipXml("ear-war", "uas", servlet.getName(), "")))
                .module(TestArchive.named("voicemail.sar").classes(servlet).text("WEB-INF/sip.xml", SipApplications.sipXml("ear-sar", "uas", servlet.getName(), "")))
                .writeTo(SipApplications.ARCHIVES);
        deploy(ear);
        try {
            java.util.Set<String> answered = new java.util.TreeSet<>();
            for (int call = 0; call < 2; call++) {
                Sipp.Result result = Sipp.run("call-uac.xml", "u1", sipPort);
                assertTrue(result.passed(), result.output());
                Matcher application = Pattern.compile("X-Sip-Application: (\\S+)").matcher(result.output());
                assertTrue(application.find(), result.output());
                answered.add(application.group(1));
            }
            assertTrue(answered.contains("ear-war") || answered.contains("ear-sar"), "an application of the .ear answered: " + answered);
            ModelNode war = server.cli().run("/deployment=telephony.ear/subdeployment=calls.war/subsystem=sip:read-resource(include-runtime=true)").response();
            assertEquals("ear-war", war.get("result", "application-name").asString(), war.toString());
            ModelNode sar = server.cli().run("/deployment=telephony.ear/subdeployment=voicemail.sar/subsystem=sip:read-resource(include-runtime=true)").response();
            assertEquals("ear-sar", sar.get("result", "application-name").asString(), sar.toString());
        } finally {
            undeploy("telephony.ear");
        }
    }

    @Test
    @Order(5)
    void servletInWebInfLib() throws Exception {
        // the sar subsystem also looks for jars in a .sar: a SIP archive's WEB-INF/lib must still load once
        Path archive = TestArchive.named("uas-lib.sar")
                .library("uas.jar", org.wildfly.extras.sip.test.app.uas.UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("uas-lib", "uas", org.wildfly.extras.sip.test.app.uas.UasServlet.class.getName(), ""))
                .writeTo(SipApplications.ARCHIVES);
        deploy(archive);
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", sipPort);
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-lib")
                && result.output().contains("X-Injected: SipFactory=true, static TimerService=true"), result.output());
        undeploy("uas-lib.sar");
    }

    @Test
    @Order(6)
    void uacApplicationCallsWhenItStarts() throws Exception {
        Sipp.Server callee = Sipp.startServer("uas-answer.xml", "u1");
        deploy(SipApplications.uacSar("uac.sar", "sip:callee@127.0.0.1:" + callee.port()));
        Sipp.Result result = callee.await();
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("BYE sip:"), "the application hung up: " + result.output());
        assertTrue(server.serverLog().contains("Registered web context: '/uac' for server"), "a SIP archive is a web deployment, at /<name without .sar>");
        undeploy("uac.sar");
    }

    @Test
    @Order(7)
    void deploymentScannerDeploysACopiedArchive() throws Exception {
        Path deployments = server.home().resolve("standalone/deployments");
        Path archive = SipApplications.uasSar("scanned.sar", "scanned");
        java.nio.file.Files.copy(archive, deployments.resolve("scanned.sar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        awaitFile(deployments.resolve("scanned.sar.deployed"));
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", sipPort);
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: scanned"), result.output());

        java.nio.file.Files.delete(deployments.resolve("scanned.sar"));
        awaitFile(deployments.resolve("scanned.sar.undeployed"));
        assertTrue(SipProbe.request("MESSAGE", sipPort).startsWith("SIP/2.0 404 "), "undeployed");
        java.nio.file.Files.delete(deployments.resolve("scanned.sar.undeployed"));
    }

    private static void awaitFile(Path marker) throws InterruptedException {
        for (int i = 0; i < 150 && !java.nio.file.Files.exists(marker); i++) {
            Thread.sleep(200);
        }
        assertTrue(java.nio.file.Files.exists(marker), marker + " within 30 s");
    }

    static void deploy(Path archive) throws Exception {
        JBossCli.Result result = server.cli().command("deploy " + archive);
        assertTrue(result.succeeded(), result.output());
    }

    static void undeploy(String name) throws Exception {
        JBossCli.Result result = server.cli().command("undeploy " + name);
        assertTrue(result.succeeded(), result.output());
    }
}
