package org.wildfly.extras.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A custom application router, chosen as JSR 289 §15.4.2 says (the system property
 * {@code javax.servlet.sip.ar.spi.SipApplicationRouterProvider}) or given by the host, routes initial requests, and
 * the container drives its life cycle: init, applications deployed and undeployed, destroy.
 */
class ApplicationRouterProviderTestCase {

    private static final String PROVIDER_PROPERTY = SipApplicationRouterProvider.class.getName();
    /** What the routers of this test were told, in order. */
    static final List<String> LIFE_CYCLE = new CopyOnWriteArrayList<>();

    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
        LIFE_CYCLE.clear();
    }

    @Test
    void systemPropertyChoosesTheRouter() throws Exception {
        this.startWithProperty(UserPartRouterProvider.class.getName());
        this.deploy("first", "second");

        Sipp.Result second = Sipp.run("message-uac.xml", "u1", this.port, "-s", "second");
        assertTrue(second.passed(), second.output());
        assertTrue(second.output().contains("X-Sip-Application: second"), "the router sent sip:second@ to the second application\n" + second.output());
        Sipp.Result first = Sipp.run("message-uac.xml", "u1", this.port, "-s", "first");
        assertTrue(first.passed(), first.output());
        assertTrue(first.output().contains("X-Sip-Application: first"), first.output());

        this.container.close();
        this.container = null;
        assertEquals(List.of("init", "deployed [first]", "deployed [second]", "undeployed [first]", "undeployed [second]", "destroy"), LIFE_CYCLE);
    }

    @Test
    void routerGivenByTheHostIsInitializedAndDestroyed() throws Exception {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2,
                new UserPartRouterProvider().getSipApplicationRouter()));
        this.deploy("first", "second");
        Sipp.Result result = Sipp.run("message-uac.xml", "u1", this.port, "-s", "second");
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("X-Sip-Application: second"), result.output());
        this.container.close();
        this.container = null;
        assertEquals("init", LIFE_CYCLE.get(0));
        assertEquals("destroy", LIFE_CYCLE.get(LIFE_CYCLE.size() - 1));
    }

    @Test
    void unknownProviderClassStopsTheStartNamingIt() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> this.startWithProperty("com.example.NoSuchRouterProvider"));
        assertTrue(failure.getMessage().contains("com.example.NoSuchRouterProvider"), failure.getMessage());
        assertTrue(failure.getMessage().contains(PROVIDER_PROPERTY), "says which setting named it: " + failure.getMessage());
    }

    @Test
    void classThatIsNoProviderStopsTheStart() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> this.startWithProperty(UserPartRouter.class.getName()));
        assertTrue(failure.getMessage().contains(UserPartRouter.class.getName() + " does not extend " + PROVIDER_PROPERTY), failure.getMessage());
    }

    @Test
    void providerWhoseConstructorFailsStopsTheStart() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> this.startWithProperty(BrokenRouterProvider.class.getName()));
        assertTrue(failure.getMessage().contains(BrokenRouterProvider.class.getName()) && failure.getMessage().contains("no router configuration"), failure.getMessage());
    }

    private void startWithProperty(String providerClass) throws IOException {
        this.port = FreePorts.udpAndTcp();
        System.setProperty(PROVIDER_PROPERTY, providerClass);
        try {
            this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
        } finally {
            System.clearProperty(PROVIDER_PROPERTY);
        }
    }

    private void deploy(String... names) throws Exception {
        for (String name : names) {
            this.container.deploy(SipApplicationDefinition.builder(name, Map.of("main", new NamingServlet())).mainServlet("main")
                    .sessionTimeoutMinutes(3).servletContext(TestServletContext.create(name)).build());
        }
    }

    /** Answers MESSAGE, naming its application. */
    static final class NamingServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            SipServletResponse response = request.createResponse(200);
            response.setHeader("X-Sip-Application", request.getApplicationSession().getApplicationName());
            response.send();
        }
    }

    /** The provider a JSR 289 router jar ships: public, with a public constructor without parameters. */
    public static final class UserPartRouterProvider extends SipApplicationRouterProvider {
        @Override
        public SipApplicationRouter getSipApplicationRouter() {
            return new UserPartRouter();
        }
    }

    /** A provider that cannot make its router. */
    public static final class BrokenRouterProvider extends SipApplicationRouterProvider {
        public BrokenRouterProvider() {
            throw new IllegalStateException("no router configuration");
        }

        @Override
        public SipApplicationRouter getSipApplicationRouter() {
            return null;
        }
    }

    /** Sends an initial request to the deployed application named by its request-URI's user part, and records its life cycle. */
    public static final class UserPartRouter implements SipApplicationRouter {
        private final BlockingQueue<String> deployed = new LinkedBlockingQueue<>();

        @Override
        public void init() {
            LIFE_CYCLE.add("init");
        }

        @Override
        public void init(java.util.Properties properties) {
            LIFE_CYCLE.add("init " + properties);
        }

        @Override
        public void destroy() {
            LIFE_CYCLE.add("destroy");
        }

        @Override
        public void applicationDeployed(List<String> names) {
            LIFE_CYCLE.add("deployed " + names);
            this.deployed.addAll(names);
        }

        @Override
        public void applicationUndeployed(List<String> names) {
            LIFE_CYCLE.add("undeployed " + names);
            this.deployed.removeAll(names);
        }

        @Override
        public SipApplicationRouterInfo getNextApplication(SipServletRequest request, SipApplicationRoutingRegion region, SipApplicationRoutingDirective directive,
                SipTargetedRequestInfo targeted, Serializable state) {
            String user = ((SipURI) request.getRequestURI()).getUser();
            return this.deployed.contains(user) ? new SipApplicationRouterInfo(user, SipApplicationRoutingRegion.NEUTRAL_REGION, null, null, SipRouteModifier.NO_ROUTE, null) : null;
        }
    }
}
