package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An operator's mistakes on a running server: those the model can see are refused by the operation, saying what to
 * change; those it cannot see (two socket bindings on one port, a router class named in standalone.xml that is not
 * there) fail the SIP container at reload, saying why, never a silent fallback, and leave nothing bound behind, so
 * that correcting the configuration and reloading brings SIP back without a JVM restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorMistakesIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1500;

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void secondConnectorOnASipSocketBindingIsRefused() throws Exception {
        JBossCli.Result dup = server.cli().run("/subsystem=sip/connector=dup:add(socket-binding=sip-udp, transport=UDP)");
        assertFalse(dup.succeeded(), dup.output());
        assertTrue(dup.output().contains("Socket binding sip-udp is already used by SIP connector udp; give connector dup a socket binding of its own"), dup.output());
        assertFalse(server.cli().run("/subsystem=sip/connector=dup:read-resource").succeeded(), "nothing was added");
    }

    @Test
    @Order(2)
    void connectorOnAnotherSubsystemsSocketBindingIsRefused() throws Exception {
        JBossCli.Result http = server.cli().run("/subsystem=sip/connector=web:add(socket-binding=http, transport=TCP)");
        assertFalse(http.succeeded(), http.output());
        assertTrue(http.output().contains("Socket binding http is already used by /subsystem=undertow/server=default-server/http-listener=default; give connector web a socket binding of its own"),
                http.output());
    }

    @Test
    @Order(3)
    void failedStartReleasesItsPortsAndRemovingTheConnectorRecovers() throws Exception {
        // a second binding on the same port: the model cannot tell, the container can
        script("/socket-binding-group=standard-sockets/socket-binding=sip-udp-again:add(port=5060)",
                "/subsystem=sip/connector=dup:add(socket-binding=sip-udp-again, transport=UDP)");
        JBossCli.Result reload = server.cli().command("reload");
        server.awaitLogCount("WFLYSRV0026", 1); // "started (with errors)"
        String log = server.serverLog();
        assertTrue(log.contains("The SIP container cannot start: connectors udp and dup both listen on UDP 127.0.0.1:" + server.sipPort()
                + "; give one of them a socket binding on another port, or remove it"), reload.output() + "\n" + log);
        assertThrows(java.net.SocketTimeoutException.class, () -> SipProbe.request("OPTIONS", server.sipPort()), "no SIP container answers");

        script("/subsystem=sip/connector=dup:remove", "/socket-binding-group=standard-sockets/socket-binding=sip-udp-again:remove", "reload");
        // the container answers OPTIONS itself (a balancer's probe) on both of its ports again
        String udp = SipProbe.request("OPTIONS", server.sipPort());
        assertTrue(udp.startsWith("SIP/2.0 200 "), udp);
        String tcp = SipProbe.requestOverTcp("OPTIONS", server.sipPort());
        assertTrue(tcp.startsWith("SIP/2.0 200 "), tcp);
    }

    @Test
    @Order(4)
    void routerClassNamedInTheConfigurationFileThatIsNotThereFailsTheSipContainerNotTheRouter() throws Exception {
        // written into standalone.xml by hand, where no operation checks it
        server.close();
        Path configuration = server.home().resolve("standalone/configuration/standalone.xml");
        String xml = Files.readString(configuration);
        Files.writeString(configuration, xml.replace("<subsystem xmlns=\"urn:wildfly:sip:1.0\">", "<subsystem xmlns=\"urn:wildfly:sip:1.0\" application-router=\"com.example.NoSuchRouterProvider\">"));
        server.restart("WFLYSRV0026"); // "started (with errors)"
        String log = server.serverLog();
        assertTrue(log.contains("The SIP container cannot start: The application router named by application-router cannot be used: There is no class com.example.NoSuchRouterProvider"),
                log);
        assertThrows(java.net.SocketTimeoutException.class, () -> SipProbe.request("OPTIONS", server.sipPort()), "no SIP container answers, with the default router or any other");

        script("/subsystem=sip:undefine-attribute(name=application-router)", "reload");
        String answer = SipProbe.request("OPTIONS", server.sipPort());
        assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
    }

    private static void script(String... commands) throws Exception {
        JBossCli.Result result = server.cli().runScript(String.join("\n", commands) + "\n");
        assertTrue(result.succeeded(), String.join("\n", commands) + "\n->\n" + result.output());
    }
}
