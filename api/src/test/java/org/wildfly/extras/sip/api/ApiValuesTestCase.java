package org.wildfly.extras.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;
import javax.servlet.sip.URI;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipApplicationRoutingRegionType;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestType;

import org.junit.jupiter.api.Test;

/**
 * Constants, enum constants, annotation defaults and deprecations, as JSR 289 defines them.
 */
class ApiValuesTestCase {

    @Test
    void statusCodes() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("SC_TRYING", 100);
        expected.put("SC_RINGING", 180);
        expected.put("SC_CALL_BEING_FORWARDED", 181);
        expected.put("SC_CALL_QUEUED", 182);
        expected.put("SC_SESSION_PROGRESS", 183);
        expected.put("SC_OK", 200);
        expected.put("SC_ACCEPTED", 202);
        expected.put("SC_MULTIPLE_CHOICES", 300);
        expected.put("SC_MOVED_PERMANENTLY", 301);
        expected.put("SC_MOVED_TEMPORARILY", 302);
        expected.put("SC_USE_PROXY", 305);
        expected.put("SC_ALTERNATIVE_SERVICE", 380);
        expected.put("SC_BAD_REQUEST", 400);
        expected.put("SC_UNAUTHORIZED", 401);
        expected.put("SC_PAYMENT_REQUIRED", 402);
        expected.put("SC_FORBIDDEN", 403);
        expected.put("SC_NOT_FOUND", 404);
        expected.put("SC_METHOD_NOT_ALLOWED", 405);
        expected.put("SC_NOT_ACCEPTABLE", 406);
        expected.put("SC_PROXY_AUTHENTICATION_REQUIRED", 407);
        expected.put("SC_REQUEST_TIMEOUT", 408);
        expected.put("SC_GONE", 410);
        expected.put("SC_CONDITIONAL_REQUEST_FAILED", 412);
        expected.put("SC_REQUEST_ENTITY_TOO_LARGE", 413);
        expected.put("SC_REQUEST_URI_TOO_LONG", 414);
        expected.put("SC_UNSUPPORTED_MEDIA_TYPE", 415);
        expected.put("SC_UNSUPPORTED_URI_SCHEME", 416);
        expected.put("SC_BAD_EXTENSION", 420);
        expected.put("SC_EXTENSION_REQUIRED", 421);
        expected.put("SC_SESSION_INTERVAL_TOO_SMALL", 422);
        expected.put("SC_INTERVAL_TOO_BRIEF", 423);
        expected.put("SC_USE_IDENTITY_HEADER", 428);
        expected.put("SC_PROVIDE_REFERER_IDENTITY", 429);
        expected.put("SC_BAD_IDENTITY_INFO", 436);
        expected.put("SC_UNSUPPORTED_CERTIFICATE", 437);
        expected.put("SC_INVALID_IDENTITY_HEADER", 438);
        expected.put("SC_TEMPORARLY_UNAVAILABLE", 480);
        expected.put("SC_CALL_LEG_DONE", 481);
        expected.put("SC_LOOP_DETECTED", 482);
        expected.put("SC_TOO_MANY_HOPS", 483);
        expected.put("SC_ADDRESS_INCOMPLETE", 484);
        expected.put("SC_AMBIGUOUS", 485);
        expected.put("SC_BUSY_HERE", 486);
        expected.put("SC_REQUEST_TERMINATED", 487);
        expected.put("SC_NOT_ACCEPTABLE_HERE", 488);
        expected.put("SC_BAD_EVENT", 489);
        expected.put("SC_REQUEST_PENDING", 491);
        expected.put("SC_UNDECIPHERABLE", 493);
        expected.put("SC_SECURITY_AGREEMENT_REQUIRED", 494);
        expected.put("SC_SERVER_INTERNAL_ERROR", 500);
        expected.put("SC_NOT_IMPLEMENTED", 501);
        expected.put("SC_BAD_GATEWAY", 502);
        expected.put("SC_SERVICE_UNAVAILABLE", 503);
        expected.put("SC_SERVER_TIMEOUT", 504);
        expected.put("SC_VERSION_NOT_SUPPORTED", 505);
        expected.put("SC_MESSAGE_TOO_LARGE", 513);
        expected.put("SC_PRECONDITION_FAILURE", 580);
        expected.put("SC_BUSY_EVERYWHERE", 600);
        expected.put("SC_DECLINE", 603);
        expected.put("SC_DOES_NOT_EXIT_ANYWHERE", 604);
        expected.put("SC_NOT_ACCEPTABLE_ANYWHERE", 606);
        assertEquals(new TreeMap<>(expected), intConstants(SipServletResponse.class));
        assertEquals(61, expected.size());
    }

    @Test
    void misspeltStatusCodesKeepTheirSpecificationNames() {
        assertEquals(480, SipServletResponse.SC_TEMPORARLY_UNAVAILABLE);
        assertEquals(604, SipServletResponse.SC_DOES_NOT_EXIT_ANYWHERE);
    }

    @Test
    @SuppressWarnings("deprecation")
    void contextAttributeNames() throws Exception {
        assertEquals("javax.servlet.sip.SipFactory", SipServlet.SIP_FACTORY);
        assertEquals("javax.servlet.sip.TimerService", SipServlet.TIMER_SERVICE);
        assertEquals("javax.servlet.sip.supported", SipServlet.SUPPORTED);
        assertEquals("javax.servlet.sip.supportedRfcs", SipServlet.SUPPORTED_RFCs);
        assertEquals("javax.servlet.sip.100rel", SipServlet.PRACK_SUPPORTED);
        assertEquals("javax.servlet.sip.outboundInterfaces", SipServlet.OUTBOUND_INTERFACES);
        assertEquals("javax.servlet.sip.SipSessionsUtil", SipServlet.SIP_SESSIONS_UTIL);
        Set<String> names = new HashSet<>();
        for (Field field : SipServlet.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        assertEquals(Set.of("SIP_FACTORY", "TIMER_SERVICE", "SUPPORTED", "SUPPORTED_RFCs", "PRACK_SUPPORTED",
                "OUTBOUND_INTERFACES", "SIP_SESSIONS_UTIL"), names);
    }

    @Test
    void rel100Reasons() throws Exception {
        assertEquals(Map.of("NOT_1XX", 0, "NOT_INVITE", 1, "NO_REQ_SUPPORT", 2, "NOT_SUPPORTED", 3, "NOT_100rel", 4),
                intConstants(Rel100Exception.class));
        Set<String> messages = new HashSet<>();
        for (int reason = 0; reason <= 4; reason++) {
            Rel100Exception exception = new Rel100Exception(reason);
            assertEquals(reason, exception.getReason());
            assertNotNull(exception.getMessage());
            messages.add(exception.getMessage());
        }
        assertEquals(5, messages.size());
        assertTrue(new Rel100Exception(42).getMessage().contains("42"));
    }

    @Test
    void enumConstantsInSpecificationOrder() {
        assertArrayEquals(new String[] { "SIP", "HTTP" }, names(SipApplicationSession.Protocol.values()));
        assertArrayEquals(new String[] { "COMPACT", "LONG", "DEFAULT" }, names(SipServletMessage.HeaderForm.values()));
        assertArrayEquals(new String[] { "INITIAL", "EARLY", "CONFIRMED", "TERMINATED" }, names(SipSession.State.values()));
        assertArrayEquals(new String[] { "UAC", "UAS" }, names(UAMode.values()));
        assertArrayEquals(new String[] { "NEW", "CONTINUE", "REVERSE" }, names(SipApplicationRoutingDirective.values()));
        assertArrayEquals(new String[] { "ORIGINATING", "TERMINATING", "NEUTRAL" },
                names(SipApplicationRoutingRegionType.values()));
        assertArrayEquals(new String[] { "ROUTE", "ROUTE_BACK", "NO_ROUTE" }, names(SipRouteModifier.values()));
        assertArrayEquals(new String[] { "JOIN", "REPLACES", "ENCODED_URI" }, names(SipTargetedRequestType.values()));
    }

    @Test
    void routingRegions() {
        assertRegion(SipApplicationRoutingRegion.ORIGINATING_REGION, "ORIGINATING", SipApplicationRoutingRegionType.ORIGINATING);
        assertRegion(SipApplicationRoutingRegion.TERMINATING_REGION, "TERMINATING", SipApplicationRoutingRegionType.TERMINATING);
        assertRegion(SipApplicationRoutingRegion.NEUTRAL_REGION, "NEUTRAL", SipApplicationRoutingRegionType.NEUTRAL);
        SipApplicationRoutingRegion custom = new SipApplicationRoutingRegion("VISITED", null);
        assertEquals("VISITED", custom.getLabel());
        assertNull(custom.getType());
        assertEquals("VISITED", custom.toString());
    }

    @Test
    void annotationDefaultsAndTargets() throws Exception {
        assertEquals(180, SipApplication.class.getMethod("proxyTimeout").getDefaultValue());
        assertEquals(3, SipApplication.class.getMethod("sessionTimeout").getDefaultValue());
        assertEquals(false, SipApplication.class.getMethod("distributable").getDefaultValue());
        assertEquals("", SipApplication.class.getMethod("mainServlet").getDefaultValue());
        assertNull(SipApplication.class.getMethod("name").getDefaultValue(), "name is required");
        assertEquals(-1, javax.servlet.sip.annotation.SipServlet.class.getMethod("loadOnStartup").getDefaultValue());
        assertEquals("", javax.servlet.sip.annotation.SipServlet.class.getMethod("name").getDefaultValue());
        assertEquals("", SipListener.class.getMethod("applicationName").getDefaultValue());
        assertEquals("", SipApplicationKey.class.getMethod("applicationName").getDefaultValue());

        assertTarget(SipApplication.class, ElementType.PACKAGE, false);
        assertTarget(javax.servlet.sip.annotation.SipServlet.class, ElementType.TYPE, true);
        assertTarget(SipListener.class, ElementType.TYPE, true);
        assertTarget(SipApplicationKey.class, ElementType.METHOD, true);
    }

    @Test
    void deprecatedAsInTheSpecification() throws Exception {
        assertTrue(SipServlet.class.getField("PRACK_SUPPORTED").isAnnotationPresent(Deprecated.class));
        assertTrue(SipFactory.class.getMethod("createRequest", SipServletRequest.class, boolean.class)
                .isAnnotationPresent(Deprecated.class));
        assertTrue(SipApplicationSession.class.getMethod("encodeURI", URI.class).isAnnotationPresent(Deprecated.class));
        for (String name : new String[] { "getStateful", "getSequentialSearchTimeout" }) {
            assertTrue(Proxy.class.getMethod(name).isAnnotationPresent(Deprecated.class), name);
        }
        assertTrue(Proxy.class.getMethod("setStateful", boolean.class).isAnnotationPresent(Deprecated.class));
        assertTrue(Proxy.class.getMethod("setSequentialSearchTimeout", int.class).isAnnotationPresent(Deprecated.class));
        assertFalse(Proxy.class.getMethod("setOutboundInterface", InetAddress.class).isAnnotationPresent(Deprecated.class));
        assertFalse(Proxy.class.getMethod("setOutboundInterface", InetSocketAddress.class).isAnnotationPresent(Deprecated.class));
    }

    private static void assertRegion(SipApplicationRoutingRegion region, String label, SipApplicationRoutingRegionType type) {
        assertEquals(label, region.getLabel());
        assertEquals(type, region.getType());
        assertEquals(label, region.toString());
    }

    private static void assertTarget(Class<?> annotation, ElementType target, boolean inherited) {
        assertArrayEquals(new ElementType[] { target }, annotation.getAnnotation(Target.class).value());
        assertEquals(RetentionPolicy.RUNTIME, annotation.getAnnotation(Retention.class).value());
        assertEquals(inherited, annotation.isAnnotationPresent(Inherited.class));
    }

    private static Map<String, Integer> intConstants(Class<?> type) throws IllegalAccessException {
        Map<String, Integer> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == int.class) {
                constants.put(field.getName(), field.getInt(null));
            }
        }
        return constants;
    }

    private static String[] names(Enum<?>[] constants) {
        String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = constants[i].name();
        }
        return names;
    }
}
