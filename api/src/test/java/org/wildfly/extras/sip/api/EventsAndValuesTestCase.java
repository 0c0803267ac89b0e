package org.wildfly.extras.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.SipTargetedRequestType;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.junit.jupiter.api.Test;

/**
 * The concrete classes hand back what they were given.
 */
class EventsAndValuesTestCase {

    @Test
    void sessionEvents() {
        SipSession session = Stubs.of(SipSession.class);
        SipSessionEvent event = new SipSessionEvent(session);
        assertSame(session, event.getSession());
        assertSame(session, event.getSource());

        SipSessionBindingEvent binding = new SipSessionBindingEvent(session, "call");
        assertSame(session, binding.getSession());
        assertSame(session, binding.getSource());
        assertEquals("call", binding.getName());
    }

    @Test
    void applicationSessionEvents() {
        SipApplicationSession application = Stubs.of(SipApplicationSession.class);
        SipApplicationSessionEvent event = new SipApplicationSessionEvent(application);
        assertSame(application, event.getApplicationSession());
        assertSame(application, event.getSource());

        SipApplicationSessionBindingEvent binding = new SipApplicationSessionBindingEvent(application, "timer");
        assertSame(application, binding.getApplicationSession());
        assertSame(application, binding.getSource());
        assertEquals("timer", binding.getName());
    }

    @Test
    void errorEvent() {
        SipServletRequest request = Stubs.of(SipServletRequest.class);
        SipServletResponse response = Stubs.of(SipServletResponse.class);
        SipErrorEvent event = new SipErrorEvent(request, response);
        assertSame(request, event.getRequest());
        assertSame(response, event.getResponse());
        assertSame(request, event.getSource());
    }

    @Test
    void servletContextEvent() {
        ServletContext context = Stubs.of(ServletContext.class);
        SipServlet servlet = new SipServlet() {
            private static final long serialVersionUID = 1L;
        };
        SipServletContextEvent event = new SipServletContextEvent(context, servlet);
        assertSame(servlet, event.getSipServlet());
        assertSame(context, event.getServletContext());
        assertSame(context, event.getSource());
    }

    @Test
    void exceptions() {
        Throwable cause = new IllegalArgumentException("cause");
        for (ServletException e : new ServletException[] { new ServletParseException(), new TooManyHopsException() }) {
            assertNull(e.getMessage());
            assertNull(e.getCause());
        }
        for (ServletException e : new ServletException[] { new ServletParseException("bad"), new TooManyHopsException("bad") }) {
            assertEquals("bad", e.getMessage());
        }
        for (ServletException e : new ServletException[] { new ServletParseException("bad", cause),
                new TooManyHopsException("bad", cause) }) {
            assertEquals("bad", e.getMessage());
            assertSame(cause, e.getCause());
        }
        for (ServletException e : new ServletException[] { new ServletParseException(cause), new TooManyHopsException(cause) }) {
            assertSame(cause, e.getCause());
        }
        assertInstanceOf(ServletException.class, new Rel100Exception(Rel100Exception.NOT_1XX));
    }

    @Test
    void routerInfo() {
        String[] routes = { "sip:edge1.example.org;lr", "sip:edge2.example.org;lr" };
        SipApplicationRouterInfo info = new SipApplicationRouterInfo("app", SipApplicationRoutingRegion.TERMINATING_REGION,
                "sip:bob@example.org", routes, SipRouteModifier.ROUTE_BACK, 7);
        assertEquals("app", info.getNextApplicationName());
        assertSame(SipApplicationRoutingRegion.TERMINATING_REGION, info.getRoutingRegion());
        assertEquals("sip:bob@example.org", info.getSubscriberURI());
        assertArrayEquals(routes, info.getRoutes());
        assertEquals(SipRouteModifier.ROUTE_BACK, info.getRouteModifier());
        assertEquals(7, info.getStateInfo());

        routes[0] = "changed";
        assertEquals("sip:edge1.example.org;lr", info.getRoutes()[0], "the caller's array is copied");
        assertNotSame(info.getRoutes(), info.getRoutes());

        SipApplicationRouterInfo none = new SipApplicationRouterInfo(null, null, null, null, SipRouteModifier.NO_ROUTE, null);
        assertArrayEquals(new String[0], none.getRoutes(), "no routes is an empty array");
        assertNull(none.getNextApplicationName());
        assertNull(none.getStateInfo());
    }

    @Test
    void targetedRequestInfo() {
        SipTargetedRequestInfo info = new SipTargetedRequestInfo(SipTargetedRequestType.REPLACES, "app");
        assertEquals(SipTargetedRequestType.REPLACES, info.getType());
        assertEquals("app", info.getApplicationName());
    }

    @Test
    void routerProvider() {
        SipApplicationRouter router = Stubs.of(SipApplicationRouter.class);
        SipApplicationRouterProvider provider = new SipApplicationRouterProvider() {
            @Override
            public SipApplicationRouter getSipApplicationRouter() {
                return router;
            }
        };
        assertSame(router, provider.getSipApplicationRouter());
    }
}
