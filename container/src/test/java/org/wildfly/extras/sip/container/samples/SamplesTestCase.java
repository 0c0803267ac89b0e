package org.wildfly.extras.sip.container.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The proxy and B2BUA samples of docs/proxy-and-b2bua.md run as the guide says, and the guide shows their code as it is.
 */
class SamplesTestCase {

    private static final Path GUIDE = Path.of("..", "docs", "proxy-and-b2bua.md");
    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "RecordRoutingProxy", "CallBridge" })
    void theGuideShowsTheSampleAsItIs(String sample) throws Exception {
        String source = Files.readString(Path.of("src", "test", "java", "org", "wildfly", "extras", "sip", "container", "samples", sample + ".java"), StandardCharsets.UTF_8);
        String code = source.substring(source.indexOf("/**")); // from the class comment on: the guide leaves out package and imports
        assertTrue(Files.readString(GUIDE, StandardCharsets.UTF_8).contains(code), GUIDE + " must show " + sample + ".java from its class comment on, as it is");
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void recordRoutingProxyCarriesACall(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("proxy-call-uas.xml", transport);
        int port = this.start(new RecordRoutingProxy(), "proxy.targets", target(callee, transport));
        Sipp.Result caller = Sipp.run("proxy-call-uac.xml", transport, port);
        assertTrue(caller.passed(), caller.output());
        assertTrue(callee.await().passed());
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callBridgeCarriesACall(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-call-uas.xml", transport);
        int port = this.start(new CallBridge(), "bridge.target", target(callee, transport));
        Sipp.Result caller = Sipp.run("b2bua-call-uac.xml", transport, port);
        assertTrue(caller.passed(), caller.output());
        assertTrue(callee.await().passed());
    }

    private int start(Servlet servlet, String parameter, String value) throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port), new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("sample", Map.of("sample", servlet)).mainServlet("sample").sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("sample", Map.of(parameter, value))).build());
        return port;
    }

    private static String target(Sipp.Server uas, String transport) {
        return "sip:callee@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "");
    }
}
