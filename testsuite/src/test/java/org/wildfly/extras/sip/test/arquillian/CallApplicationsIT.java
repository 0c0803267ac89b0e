package org.wildfly.extras.sip.test.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.samples.RecordRoutingProxy;
import org.wildfly.extras.sip.testing.SipArchives;
import org.wildfly.extras.sip.testing.SipDescriptor;
import org.wildfly.extras.sip.testing.Sipp;
import org.wildfly.extras.sip.testing.SippProcess;
import org.wildfly.extras.sip.testing.SippReport;

/**
 * Call applications between sipp phones: the record-routing proxy and the B2BUA of docs/proxy-and-b2bua.md, as web
 * archives. Each test deploys its own (Arquillian's {@link Deployer}): with no router configuration, the default
 * application router gives every initial request to the one application deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("arquillian") // the test suite runs these in a failsafe execution of their own
class CallApplicationsIT {

    private static final int PROXY_CALLEE = Sipp.freePort();
    private static final int BRIDGE_CALLEE = Sipp.freePort();

    @Deployment(name = "proxy", managed = false, testable = false)
    static WebArchive proxy() {
        return SipArchives.war(SipDescriptor.application("proxy").mainServlet("proxy", RecordRoutingProxy.class)
                .contextParameter("proxy.targets", "sip:callee@127.0.0.1:" + PROXY_CALLEE));
    }

    @Deployment(name = "bridge", managed = false, testable = false)
    static WebArchive bridge() {
        return SipArchives.war(SipDescriptor.application("bridge").mainServlet("bridge", CallBridge.class)
                .contextParameter("bridge.target", "sip:callee@127.0.0.1:" + BRIDGE_CALLEE));
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void proxyBetweenTwoSipps() throws Exception {
        this.deployer.deploy("proxy");
        try (SippProcess callee = Sipp.server().scenario(ArquillianServer.scenario("proxy-call-uas.xml")).listenOn("127.0.0.1", PROXY_CALLEE).start()) {
            SippReport caller = Sipp.client(ArquillianServer.sip()).scenario(ArquillianServer.scenario("proxy-call-uac.xml")).run(Duration.ofSeconds(30));
            assertTrue(caller.passed(), caller.toString());
            SippReport answered = callee.await(Duration.ofSeconds(30));
            assertTrue(answered.passed(), "the callee saw the proxy's count of the call's requests (X-Seen: 6)\n" + answered);
        } finally {
            this.deployer.undeploy("proxy");
        }
    }

    @Test
    void b2buaBetweenTwoSipps() throws Exception {
        this.deployer.deploy("bridge");
        try (SippProcess callee = Sipp.server().scenario(ArquillianServer.scenario("b2bua-call-uas.xml")).listenOn("127.0.0.1", BRIDGE_CALLEE).start()) {
            SippReport caller = Sipp.client(ArquillianServer.sip()).scenario(ArquillianServer.scenario("b2bua-call-uac.xml")).run(Duration.ofSeconds(30));
            assertTrue(caller.passed(), caller.toString());
            assertEquals(1, caller.successfulCalls(), caller.toString());
            SippReport answered = callee.await(Duration.ofSeconds(30));
            assertTrue(answered.passed(), "the callee got the caller's SDP through the B2BUA\n" + answered);
        } finally {
            this.deployer.undeploy("bridge");
        }
    }
}
