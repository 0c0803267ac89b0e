package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.ApplicationScope;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The JSR 289 pattern of a main servlet that hands each request to the servlet that serves it, with
 * {@code getServletContext().getNamedDispatcher(name).forward(request, null)}: the call goes through, the named
 * servlet runs in the application's scope, and names the SIP container does not know go to the host's context.
 */
class NamedDispatchTestCase {

    private static final String HTTP_SERVLET = "page";

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final RequestDispatcher hostDispatcher = (RequestDispatcher) Proxy.newProxyInstance(RequestDispatcher.class.getClassLoader(), new Class<?>[] { RequestDispatcher.class },
            (proxy, method, arguments) -> null);
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("front", new FrontServlet(this.events));
        servlets.put("callee", new CalleeServlet(this.events));
        ApplicationScope scope = new ApplicationScope() {
            @Override
            public <T> T call(java.util.concurrent.Callable<T> code) throws Exception {
                NamedDispatchTestCase.this.events.add("scope");
                return code.call();
            }

            @Override
            public ApplicationScope forServlet(String servletName) {
                ApplicationScope application = this;
                return new ApplicationScope() {
                    @Override
                    public <T> T call(java.util.concurrent.Callable<T> code) throws Exception {
                        NamedDispatchTestCase.this.events.add("scope of " + servletName); // as a <run-as> servlet's is
                        return application.call(code);
                    }
                };
            }
        };
        this.container.deploy(SipApplicationDefinition.builder("dispatch", servlets).mainServlet("front").sessionTimeoutMinutes(3)
                .servletContext(this.hostContext()).servletSelector(request -> "front").scope(scope).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void mainServletForwardsTheCallToTheNamedServlet() throws Exception {
        Sipp.Result result = Sipp.run("uas-call-uac.xml", "u1", this.port);
        assertTrue(result.passed(), "the BYE's 200 counts the call's three requests (X-Request-Count: 3)\n" + result.output());
        for (String servlet : List.of("front", "callee")) { // each servlet's init, in its own scope
            assertEquals("scope of " + servlet, this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("scope", this.events.poll(5, TimeUnit.SECONDS));
        }
        // each request: the main servlet's scope, then the named servlet's own (its run-as, in WildFly) for the forward
        for (String method : List.of("INVITE", "ACK", "BYE")) {
            assertEquals("scope of front", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("scope", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("front " + method, this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("scope of callee", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("scope", this.events.poll(5, TimeUnit.SECONDS));
            assertEquals("callee " + method, this.events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void includeIsRefusedAndOtherNamesGoToTheHost() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("X-Include: jakarta.servlet.ServletException: include has no meaning for SIP servlets (JSR 289, the RequestDispatcher interface): forward the message to SIP servlet callee instead"), result.output());
        assertTrue(result.output().contains("X-Host-Dispatcher: true"), "an HTTP servlet's name is the host's to dispatch\n" + result.output());
        assertTrue(result.output().contains("X-Unknown: null"), result.output());
    }

    @Test
    void everyViewOfTheContextDispatches() throws Exception {
        Sipp.Result result = Sipp.run("message-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("X-Same-Context: true"), "the servlet's, the request's and the session's context are one\n" + result.output());
    }

    /** The host's servlet context, which knows its own (HTTP) servlet by name and no SIP servlet. */
    private ServletContext hostContext() {
        ServletContext attributes = TestServletContext.create("dispatch");
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] { ServletContext.class }, (proxy, method, arguments) -> {
            if (method.getName().equals("getNamedDispatcher")) {
                return HTTP_SERVLET.equals(arguments[0]) ? this.hostDispatcher : null;
            }
            return method.invoke(attributes, arguments);
        });
    }

    /** The application's main servlet: it serves OPTIONS and MESSAGE itself and forwards the rest to "callee". */
    final class FrontServlet extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        FrontServlet(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            if (request.getMethod().equals("OPTIONS") || request.getMethod().equals("MESSAGE")) {
                super.doRequest(request);
                return;
            }
            this.events.add("front " + request.getMethod());
            this.getServletContext().getNamedDispatcher("callee").forward(request, null);
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            SipServletResponse response = request.createResponse(200);
            String include;
            try {
                this.getServletContext().getNamedDispatcher("callee").include(request, null);
                include = "accepted";
            } catch (ServletException e) {
                include = e.toString();
            }
            response.setHeader("X-Include", include);
            response.setHeader("X-Host-Dispatcher", Boolean.toString(this.getServletContext().getNamedDispatcher(HTTP_SERVLET) == NamedDispatchTestCase.this.hostDispatcher));
            response.setHeader("X-Unknown", String.valueOf(this.getServletContext().getNamedDispatcher("nobody")));
            response.send();
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            ServletContext context = this.getServletContext();
            boolean same = request.getServletContext() == context && request.getSession().getServletContext() == context;
            SipServletResponse response = request.createResponse(200);
            response.setHeader("X-Same-Context", Boolean.toString(same));
            response.send();
        }
    }

    /** Takes the calls the main servlet hands it, counting each call's requests in its SIP session. */
    static final class CalleeServlet extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        CalleeServlet(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            this.events.add("callee " + request.getMethod());
            Integer count = (Integer) request.getSession().getAttribute("count");
            request.getSession().setAttribute("count", (count != null) ? count + 1 : 1);
            super.doRequest(request);
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            request.createResponse(180).send();
            SipServletResponse ok = request.createResponse(200);
            ok.setContent("v=0\r\no=callee 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", "application/sdp");
            ok.send();
        }

        @Override
        protected void doAck(SipServletRequest request) {
            // the call is up
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("X-Request-Count", request.getSession().getAttribute("count").toString());
            ok.send();
        }
    }
}
