package org.wildfly.extras.sip.container.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.deployment.app.AbstractServlet;
import org.wildfly.extras.sip.container.deployment.app.Keys;
import org.wildfly.extras.sip.container.deployment.app.ProxyServlet;
import org.wildfly.extras.sip.container.deployment.app.RegistrarServlet;
import org.wildfly.extras.sip.container.deployment.app.SessionListener;
import org.wildfly.extras.sip.container.deployment.other.OtherServlet;
import org.wildfly.extras.sip.container.deployment.single.OnlyServlet;

/**
 * {@link SipAnnotations}: annotations alone, with a minimal descriptor, under a descriptor that overrides them, and in
 * conflict.
 */
class SipAnnotationsTestCase {

    private static final List<Class<?>> APP = List.of(RegistrarServlet.class, ProxyServlet.class, AbstractServlet.class, SessionListener.class, Keys.class);

    @Test
    void minimalDescriptorAndAnnotations() throws Exception {
        SipDeploymentInfo descriptor = SipXmlParserTestCase.parse("sip-minimal.xml");
        SipDeploymentInfo info = SipAnnotations.merge(descriptor, APP);
        assertAnnotatedApplication(info);
        assertEquals("1.1", info.getVersion());
        assertTrue(descriptor.getServlets().isEmpty(), "the descriptor's info is left alone");
    }

    @Test
    void annotationsWithoutDescriptor() throws Exception {
        SipDeploymentInfo info = SipAnnotations.merge(null, APP);
        assertAnnotatedApplication(info);
        assertNull(info.getVersion());
    }

    @Test
    void packageInfoClassesAreReadToo() throws Exception {
        Class<?> packageInfo = Class.forName("org.wildfly.extras.sip.container.deployment.app.package-info");
        SipDeploymentInfo descriptor = new SipDeploymentInfo().addServlet(new ServletInfo("RegistrarServlet", "org.example.Registrar"));
        SipDeploymentInfo info = SipAnnotations.merge(descriptor, List.of(packageInfo));
        assertEquals("org.example.app", info.getApplicationName());
        assertEquals(10, info.getSessionTimeout());
        assertEquals("RegistrarServlet", info.getMainServlet());
    }

    private static void assertAnnotatedApplication(SipDeploymentInfo info) {
        assertEquals("org.example.app", info.getApplicationName());
        assertEquals("Annotated application", info.getDisplayName());
        assertEquals("From annotations", info.getDescription());
        assertTrue(info.isDistributable());
        assertEquals(10, info.getSessionTimeout());
        assertEquals(30, info.getProxyTimeout());
        assertEquals("RegistrarServlet", info.getMainServlet());
        assertEquals("@SipApplication on package org.wildfly.extras.sip.container.deployment.app", info.getMainServletOrigin());
        assertTrue(info.getServletMappings().isEmpty());
        assertEquals(List.of("RegistrarServlet", "proxy"), info.getServlets().stream().map(ServletInfo::getName).toList(), "not the abstract one");

        ServletInfo registrar = info.getServlet("RegistrarServlet");
        assertEquals(RegistrarServlet.class.getName(), registrar.getClassName());
        assertEquals(1, registrar.getLoadOnStartup());
        assertEquals("Registers contacts", registrar.getDescription());
        assertEquals(new ServletInfo.SipServletAnnotation("", "", "Registers contacts", 1), registrar.getAnnotation());
        assertEquals("@SipServlet on class " + RegistrarServlet.class.getName(), registrar.getOrigin());
        ServletInfo proxy = info.getServlet("proxy");
        assertEquals(ProxyServlet.class.getName(), proxy.getClassName());
        assertEquals(-1, proxy.getLoadOnStartup());
        assertEquals(new ServletInfo.SipServletAnnotation("proxy", "org.example.app", "Proxies calls", -1), proxy.getAnnotation());

        assertEquals(List.of(SessionListener.class.getName()), info.getListeners());
        assertEquals(new ApplicationKeyMethod(Keys.class.getName(), "byCallId"), info.getApplicationKey());
        assertTrue(info.getUnsupported().isEmpty());
    }

    @Test
    void descriptorWins() throws Exception {
        SipDeploymentInfo info = SipAnnotations.merge(SipXmlParserTestCase.parse("sip-override.xml"), APP);
        assertEquals("Overridden", info.getDisplayName());
        assertEquals("From annotations", info.getDescription(), "the descriptor has none");
        assertEquals(60, info.getSessionTimeout());
        assertEquals(30, info.getProxyTimeout(), "the descriptor has none");
        assertTrue(info.isDistributable(), "<distributable/> cannot say no");
        assertNull(info.getMainServlet(), "the descriptor's mappings override @SipApplication(mainServlet)");
        assertEquals(List.of("proxy", "RegistrarServlet"), info.getServletMappings().stream().map(ServletMapping::servletName).toList());
        assertEquals(List.of("proxy", "RegistrarServlet"), info.getServlets().stream().map(ServletInfo::getName).toList(), "the descriptor's first");

        ServletInfo proxy = info.getServlet("proxy");
        assertEquals(7, proxy.getLoadOnStartup());
        assertEquals("Proxies calls", proxy.getDescription(), "the descriptor has none");
        assertEquals(Map.of("mode", "stateless"), proxy.getInitParams());
        assertEquals("sip.xml line 5", proxy.getOrigin());
        assertNotNull(proxy.getAnnotation());
        assertEquals(1, info.getServlet("RegistrarServlet").getLoadOnStartup());
    }

    @Test
    void loneServletIsMain() throws Exception {
        SipDeploymentInfo info = SipAnnotations.merge(null, List.of(OnlyServlet.class));
        assertEquals("org.example.single", info.getApplicationName(), "named by @SipServlet(applicationName)");
        assertEquals("OnlyServlet", info.getMainServlet());
        assertNull(info.getSessionTimeout(), "no @SipApplication: the container's default");
        assertNull(info.getProxyTimeout());
        assertFalse(info.isDistributable());
    }

    @Test
    void descriptorServletsAndMappingsOfAnnotatedServlets() throws Exception {
        SipDeploymentInfo descriptor = new SipDeploymentInfo().setApplicationName("org.example.single")
                .addServletMapping(new ServletMapping("OnlyServlet", Pattern.equal("request.method", "MESSAGE"), "sip.xml line 9"));
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(descriptor, List.of()));
        assertEquals("sip.xml line 9: unknown servlet 'OnlyServlet' in <servlet-mapping>; the application declares no servlet", e.getMessage());
        SipDeploymentInfo info = SipAnnotations.merge(descriptor, List.of(OnlyServlet.class));
        assertNull(info.getMainServlet(), "mapped, not main");
        assertEquals(OnlyServlet.class.getName(), info.getServlet("OnlyServlet").getClassName());
    }

    @Test
    void unknownMainServletFromAnnotation() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(ProxyServlet.class)));
        assertEquals("@SipApplication on package org.wildfly.extras.sip.container.deployment.app: unknown servlet 'RegistrarServlet' in <main-servlet>; the servlets are [proxy]",
                e.getMessage());
    }

    @Test
    void appNameDiffersFromDescriptor() {
        SipDeploymentInfo descriptor = new SipDeploymentInfo().setApplicationName("org.example.renamed");
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(descriptor, APP));
        assertEquals("@SipApplication on package org.wildfly.extras.sip.container.deployment.app names application 'org.example.app', "
                + "but the archive's application is 'org.example.renamed' (<app-name>org.example.renamed</app-name> of the descriptor)", e.getMessage());
    }

    @Test
    void twoApplications() {
        List<Class<?>> classes = new ArrayList<>(APP);
        classes.add(OtherServlet.class);
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, classes));
        assertEquals("an archive holds one SIP application, but @SipApplication on package org.wildfly.extras.sip.container.deployment.app names "
                + "'org.example.app' and @SipApplication on package org.wildfly.extras.sip.container.deployment.other names 'org.example.other'", e.getMessage());
    }

    @Test
    void servletOfAnotherApplication() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(RegistrarServlet.class, ForeignServlet.class)));
        assertEquals("@SipServlet on class " + ForeignServlet.class.getName() + " names application 'org.example.elsewhere', but the archive's application is "
                + "'org.example.app' (@SipApplication on package org.wildfly.extras.sip.container.deployment.app)", e.getMessage());
        e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(OnlyServlet.class, ForeignServlet.class)));
        assertEquals("@SipServlet on class " + ForeignServlet.class.getName() + " names application 'org.example.elsewhere', but the archive's application is "
                + "'org.example.single' (@SipServlet on class " + OnlyServlet.class.getName() + ")", e.getMessage());
    }

    @Test
    void duplicateServletName() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(RegistrarServlet.class, DuplicateRegistrar.class)));
        assertEquals("servlet name 'RegistrarServlet' is taken by both @SipServlet classes " + RegistrarServlet.class.getName() + " and "
                + DuplicateRegistrar.class.getName(), e.getMessage());
    }

    @Test
    void servletThatIsNoSipServlet() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(NotAServlet.class)));
        assertEquals("@SipServlet on class " + NotAServlet.class.getName() + ", which does not extend javax.servlet.sip.SipServlet", e.getMessage());
    }

    @Test
    void listenerThatIsNoListener() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(OnlyServlet.class, NotAListener.class)));
        assertEquals("@SipListener on class " + NotAListener.class.getName() + ", which implements no listener interface", e.getMessage());
    }

    @Test
    void listenerOfAnotherApplication() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(OnlyServlet.class, ForeignListener.class)));
        assertTrue(e.getMessage().startsWith("@SipListener on class " + ForeignListener.class.getName() + " names application 'org.example.elsewhere'"), e.getMessage());
    }

    @Test
    void descriptorListenersComeFirstAndOnce() throws Exception {
        SipDeploymentInfo descriptor = new SipDeploymentInfo().setApplicationName("org.example.app").addListener("org.example.First")
                .addListener(SessionListener.class.getName());
        SipDeploymentInfo info = SipAnnotations.merge(descriptor, APP);
        assertEquals(List.of("org.example.First", SessionListener.class.getName()), info.getListeners());
    }

    @Test
    void twoApplicationKeys() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(RegistrarServlet.class, Keys.class, SecondKey.class)));
        assertEquals("an application has one @SipApplicationKey method, but " + Keys.class.getName() + ".byCallId and " + SecondKey.class.getName()
                + ".key both are", e.getMessage());
    }

    @Test
    void applicationKeySignatures() {
        for (Class<?> type : List.of(KeyNotStatic.class, KeyNotPublic.class, KeyReturnsObject.class, KeyTakesObject.class, KeyTakesTwo.class)) {
            SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(OnlyServlet.class, type)), type.getName());
            assertEquals("@SipApplicationKey method " + type.getName() + ".key must be declared public static String key(SipServletRequest)", e.getMessage());
        }
    }

    @Test
    void applicationKeyOfAnotherApplication() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipAnnotations.merge(null, List.of(OnlyServlet.class, ForeignKey.class)));
        assertTrue(e.getMessage().startsWith("@SipApplicationKey method " + ForeignKey.class.getName() + ".key names application 'elsewhere'"), e.getMessage());
    }

    @Test
    void applicationKeyIsFound() throws Exception {
        SipDeploymentInfo info = SipAnnotations.merge(null, APP);
        assertEquals(Keys.class.getMethod("byCallId", SipServletRequest.class), info.getApplicationKey().find(getClass().getClassLoader()));
    }

    @SipServlet(applicationName = "org.example.elsewhere")
    public static class ForeignServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(name = "RegistrarServlet")
    public static class DuplicateRegistrar extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet
    public static class NotAServlet {
    }

    @SipListener
    public static class NotAListener {
    }

    @SipListener(applicationName = "org.example.elsewhere")
    public static class ForeignListener implements TimerListener {
        @Override
        public void timeout(ServletTimer timer) {
        }
    }

    public static class SecondKey {
        @SipApplicationKey
        public static String key(SipServletRequest request) {
            return "";
        }
    }

    public static class ForeignKey {
        @SipApplicationKey(applicationName = "elsewhere")
        public static String key(SipServletRequest request) {
            return "";
        }
    }

    public static class KeyNotStatic {
        @SipApplicationKey
        public String key(SipServletRequest request) {
            return "";
        }
    }

    public static class KeyNotPublic {
        @SipApplicationKey
        static String key(SipServletRequest request) {
            return "";
        }
    }

    public static class KeyReturnsObject {
        @SipApplicationKey
        public static Object key(SipServletRequest request) {
            return "";
        }
    }

    public static class KeyTakesObject {
        @SipApplicationKey
        public static String key(Object request) {
            return "";
        }
    }

    public static class KeyTakesTwo {
        @SipApplicationKey
        public static String key(SipServletRequest request, String salt) {
            return salt;
        }
    }
}
