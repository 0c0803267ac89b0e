package org.wildfly.extras.sip.container.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link SipDeploymentInfo} as data: copies, resolution, defaults.
 */
class SipDeploymentInfoTestCase {

    private static SipDeploymentInfo sample() {
        return new SipDeploymentInfo()
                .setApplicationName("org.example.app")
                .setDisplayName("App")
                .setDistributable(true)
                .setSessionTimeout(5)
                .setProxyTimeout(20)
                .setApplicationKey(new ApplicationKeyMethod("org.example.Keys", "key"))
                .addServlet(new ServletInfo("a", "org.example.A").setLoadOnStartup(1).addInitParam("p", "1"))
                .addListener("org.example.Listener")
                .addContextParam("c", "2")
                .addUnsupported("sip.xml line 3: <login-config> is not supported yet and was ignored");
    }

    @Test
    void copyIsDeep() {
        SipDeploymentInfo info = sample();
        SipDeploymentInfo copy = info.copy();
        copy.getServlet("a").addInitParam("q", "2").setLoadOnStartup(3);
        copy.addServlet(new ServletInfo("b", "org.example.B")).addListener("org.example.Other").addContextParam("d", "3").setDisplayName("Copy");
        assertEquals(Map.of("p", "1"), info.getServlet("a").getInitParams());
        assertEquals(1, info.getServlet("a").getLoadOnStartup());
        assertEquals(1, info.getServlets().size());
        assertEquals(List.of("org.example.Listener"), info.getListeners());
        assertEquals(Map.of("c", "2"), info.getContextParams());
        assertEquals("App", info.getDisplayName());
        assertNotSame(info.getServlet("a"), copy.getServlet("a"));
        assertEquals(info.getUnsupported(), copy.getUnsupported());
        assertEquals(info.getApplicationKey(), copy.getApplicationKey());
    }

    @Test
    void viewsAreReadOnly() {
        SipDeploymentInfo info = sample();
        assertThrows(UnsupportedOperationException.class, () -> info.getServlets().clear());
        assertThrows(UnsupportedOperationException.class, () -> info.getListeners().clear());
        assertThrows(UnsupportedOperationException.class, () -> info.getContextParams().clear());
        assertThrows(UnsupportedOperationException.class, () -> info.getServletMappings().clear());
        assertThrows(UnsupportedOperationException.class, () -> info.getServlet("a").getInitParams().clear());
        assertThrows(IllegalArgumentException.class, () -> info.addServlet(new ServletInfo("a", "org.example.Other")));
    }

    @Test
    void loneServletBecomesMain() throws SipDeploymentException {
        SipDeploymentInfo info = sample();
        SipDeploymentInfo resolved = info.resolve();
        assertEquals("a", resolved.getMainServlet());
        assertNull(info.getMainServlet(), "resolve copies");
    }

    @Test
    void noDefaultForSeveralServletsOrMappings() throws SipDeploymentException {
        SipDeploymentInfo several = sample().addServlet(new ServletInfo("b", "org.example.B"));
        assertNull(several.resolve().getMainServlet(), "no initial requests until one is chosen");
        SipDeploymentInfo mapped = sample().addServletMapping(new ServletMapping("a", Pattern.exists("request.uri")));
        assertNull(mapped.resolve().getMainServlet());
        assertTrue(new SipDeploymentInfo().setApplicationName("listeners.only").resolve().getServlets().isEmpty());
    }

    @Test
    void mainServletAndMappingsExcludeEachOther() {
        SipDeploymentInfo info = sample().setMainServlet("a", "sip.xml line 7").addServletMapping(new ServletMapping("a", Pattern.exists("request.uri")));
        SipDeploymentException e = assertThrows(SipDeploymentException.class, info::resolve);
        assertEquals("sip.xml line 7: application 'org.example.app' has both a main servlet ('a') and servlet mappings; it may have one or the other", e.getMessage());
    }

    @Test
    void unknownMainServletWithoutOrigin() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> sample().setMainServlet("z").resolve());
        assertEquals("unknown servlet 'z' in <main-servlet>; the servlets are [a]", e.getMessage());
    }
}
