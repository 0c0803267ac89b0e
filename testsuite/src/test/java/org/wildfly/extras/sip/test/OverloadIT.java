package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.SippLoad;

/**
 * A provisioned server (WildFly's default 512 MB heap) with the sample B2BUA, offered calls far faster than it can
 * bridge them, as an operator's flood test would: it answers the excess 503 with Retry-After, bridges the calls it took
 * to their end, stays alive on UDP, and bridges a clean call right after the flood. Before overload control, such a
 * flood sent no 503, killed the UDP listener with OutOfMemoryError, and left the server deaf until restarted.
 */
class OverloadIT {

    private static final int RATE = 1500; // calls/s offered: several times what two processors bridge, sipps included
    private static final int CALLS = 15_000;

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFloodOfCallsIsRefusedInPartAndTheServerStaysUp() throws Exception {
        SippLoad callees = SippLoad.answering("b2bua-load-uas.xml", CALLS + 10);
        Path archive = TestArchive.named("flooded-bridge.war").classes(CallBridge.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("bridge", "bridge", CallBridge.class.getName(), """
                            <javaee:context-param>
                                <javaee:param-name>bridge.target</javaee:param-name>
                                <javaee:param-value>sip:callee@127.0.0.1:%d</javaee:param-value>
                            </javaee:context-param>
                        """.formatted(callees.port())))
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result deployed = server.cli().command("deploy " + archive);
        assertTrue(deployed.succeeded(), deployed.output());
        assertTrue(Sipp.run("short-call-uac.xml", "u1", server.sipPort()).passed(), "a first call, before the flood");

        SippLoad.Counts callers = SippLoad.calling("overload-call-uac.xml", server.sipPort(), CALLS, RATE, 0).await(180);
        long refused = this.metric("refused-requests");
        System.out.printf("flood of %d calls at %d/s: %d ended cleanly at the caller (refused or bridged), %d failed, %d requests refused with 503,"
                + " %d datagrams dropped%n", CALLS, RATE, callers.successful(), callers.failed(), refused, this.metric("dropped-datagrams"));

        assertTrue(refused > 0, "the server refused part of the flood with 503");
        assertTrue(callers.failed() <= CALLS / 100, "every call ends cleanly, refused or bridged, bar a few (" + callers.failed() + "): " + callers.errors());
        String log = server.serverLog();
        assertFalse(log.contains("OutOfMemoryError"), "no thread ran out of memory");
        assertTrue(log.contains("SIP node refuses new calls with 503"), "the log says the node refused calls");

        // within seconds of the flood's end, a clean call through the bridge
        boolean clean = false;
        for (int attempt = 0; attempt < 10 && !clean; attempt++) {
            clean = Sipp.run("short-call-uac.xml", "u1", server.sipPort()).passed();
        }
        SippLoad.Counts answered = callees.await(1);
        System.out.printf("the callee answered %d bridged calls, %d failed%n", answered.successful(), answered.failed());
        assertTrue(clean, "a clean call through the bridge after the flood");
        // How many it bridges is throughput (printed above, 870 to 1500 seen on two cores with the sipps beside it);
        // what is asserted is that it took a share of the flood at all, rather than refusing everything.
        assertTrue(answered.successful() > CALLS / 100, "the server bridged calls through the flood, not only refused them");
        assertEquals(0, this.metric("queued-messages"), "nothing left queued");
        assertTrue(server.cli().command("undeploy " + archive.getFileName()).succeeded());
    }

    private long metric(String name) throws Exception {
        JBossCli.Result result = server.cli().command("/subsystem=sip:read-attribute(name=" + name + ")");
        assertTrue(result.succeeded(), result.output());
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"result\" => (\\d+)L?").matcher(result.output());
        assertTrue(value.find(), result.output());
        return Long.parseLong(value.group(1));
    }
}
