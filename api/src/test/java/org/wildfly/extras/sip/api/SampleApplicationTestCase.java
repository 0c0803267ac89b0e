package org.wildfly.extras.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import jakarta.servlet.GenericServlet;

import javax.servlet.sip.Address;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.SipTargetedRequestType;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;

/**
 * Compiles the sample SIP application kept in {@code src/test/resources/sample-app} against this API and
 * jakarta.servlet, and checks that it uses every public type of the API.
 */
class SampleApplicationTestCase {

    /** The public top-level types of JSR 289, by package. */
    static final Set<String> SPECIFIED_TYPES = Set.of(
            "javax.servlet.sip.Address", "javax.servlet.sip.AuthInfo", "javax.servlet.sip.B2buaHelper",
            "javax.servlet.sip.ConvergedHttpSession", "javax.servlet.sip.Parameterable", "javax.servlet.sip.Proxy",
            "javax.servlet.sip.ProxyBranch", "javax.servlet.sip.Rel100Exception", "javax.servlet.sip.ServletParseException",
            "javax.servlet.sip.ServletTimer", "javax.servlet.sip.SipApplicationSession",
            "javax.servlet.sip.SipApplicationSessionActivationListener",
            "javax.servlet.sip.SipApplicationSessionAttributeListener",
            "javax.servlet.sip.SipApplicationSessionBindingEvent",
            "javax.servlet.sip.SipApplicationSessionBindingListener", "javax.servlet.sip.SipApplicationSessionEvent",
            "javax.servlet.sip.SipApplicationSessionListener", "javax.servlet.sip.SipErrorEvent",
            "javax.servlet.sip.SipErrorListener", "javax.servlet.sip.SipFactory", "javax.servlet.sip.SipServlet",
            "javax.servlet.sip.SipServletContextEvent", "javax.servlet.sip.SipServletListener",
            "javax.servlet.sip.SipServletMessage", "javax.servlet.sip.SipServletRequest",
            "javax.servlet.sip.SipServletResponse", "javax.servlet.sip.SipSession",
            "javax.servlet.sip.SipSessionActivationListener", "javax.servlet.sip.SipSessionAttributeListener",
            "javax.servlet.sip.SipSessionBindingEvent", "javax.servlet.sip.SipSessionBindingListener",
            "javax.servlet.sip.SipSessionEvent", "javax.servlet.sip.SipSessionListener",
            "javax.servlet.sip.SipSessionsUtil", "javax.servlet.sip.SipURI", "javax.servlet.sip.TelURL",
            "javax.servlet.sip.TimerListener", "javax.servlet.sip.TimerService", "javax.servlet.sip.TooManyHopsException",
            "javax.servlet.sip.UAMode", "javax.servlet.sip.URI",
            "javax.servlet.sip.annotation.SipApplication", "javax.servlet.sip.annotation.SipApplicationKey",
            "javax.servlet.sip.annotation.SipListener", "javax.servlet.sip.annotation.SipServlet",
            "javax.servlet.sip.ar.SipApplicationRouter", "javax.servlet.sip.ar.SipApplicationRouterInfo",
            "javax.servlet.sip.ar.SipApplicationRoutingDirective", "javax.servlet.sip.ar.SipApplicationRoutingRegion",
            "javax.servlet.sip.ar.SipApplicationRoutingRegionType", "javax.servlet.sip.ar.SipRouteModifier",
            "javax.servlet.sip.ar.SipTargetedRequestInfo", "javax.servlet.sip.ar.SipTargetedRequestType",
            "javax.servlet.sip.ar.spi.SipApplicationRouterProvider");

    /** The public nested types of JSR 289. */
    static final Set<String> SPECIFIED_NESTED_TYPES = Set.of("javax.servlet.sip.SipApplicationSession.Protocol",
            "javax.servlet.sip.SipServletMessage.HeaderForm", "javax.servlet.sip.SipSession.State");

    @TempDir
    static Path output;

    static Path sampleApp;
    static List<Diagnostic<? extends JavaFileObject>> diagnostics;
    static Set<String> referenced;

    @BeforeAll
    static void compileSampleApplication() throws Exception {
        sampleApp = Path.of(SampleApplicationTestCase.class.getResource("/sample-app").toURI());
        List<Path> sources;
        try (Stream<Path> files = Files.walk(sampleApp)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(location(SipServlet.class), location(GenericServlet.class)));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            JavacTask task = (JavacTask) compiler.getTask(null, files, collector,
                    List.of("--release", "17", "-Xlint:all", "-proc:none", "-implicit:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            referenced = referencedApiTypes(Trees.instance(task), units);
            task.generate();
        }
        diagnostics = collector.getDiagnostics();
    }

    @Test
    void sampleApplicationCompilesWithoutAnyDiagnostic() {
        assertEquals(List.of(), diagnostics.stream().map(d -> d.getKind() + " " + d.getSource().getName() + ":"
                + d.getLineNumber() + " " + d.getMessage(Locale.ROOT)).collect(Collectors.toList()));
        assertTrue(Files.isRegularFile(output.resolve("org/example/sip/UasServlet.class")));
    }

    @Test
    void apiHasExactlyTheSpecifiedPublicTypes() throws Exception {
        Set<String> topLevel = new TreeSet<>();
        Set<String> nested = new TreeSet<>();
        for (Class<?> type : publicApiTypes()) {
            (type.getEnclosingClass() == null ? topLevel : nested).add(type.getCanonicalName());
        }
        assertEquals(54, topLevel.size(), topLevel.toString());
        assertEquals(new TreeSet<>(SPECIFIED_TYPES), topLevel);
        assertEquals(new TreeSet<>(SPECIFIED_NESTED_TYPES), nested);
    }

    @Test
    void sampleApplicationUsesEveryPublicType() throws Exception {
        Set<String> unused = new TreeSet<>();
        for (Class<?> type : publicApiTypes()) {
            if (!referenced.contains(type.getCanonicalName())) {
                unused.add(type.getCanonicalName());
            }
        }
        assertEquals(Set.of(), unused);
    }

    @Test
    void sampleRouterIsFoundThroughItsProviderAndRoutes() throws Exception {
        URL[] path = { output.toUri().toURL(), sampleApp.toUri().toURL() };
        try (URLClassLoader loader = new URLClassLoader(path, SampleApplicationTestCase.class.getClassLoader())) {
            SipApplicationRouterProvider provider = ServiceLoader.load(SipApplicationRouterProvider.class, loader)
                    .findFirst().orElseThrow();
            assertEquals("org.example.sip.router.SampleRouterProvider", provider.getClass().getName());
            SipApplicationRouter router = provider.getSipApplicationRouter();
            assertSame(router, provider.getSipApplicationRouter());
            router.init();
            router.applicationDeployed(List.of("sample", "other"));
            SipServletRequest request = request("sip:alice@example.org", "sip:bob@example.org");

            SipApplicationRouterInfo first = router.getNextApplication(request, null, SipApplicationRoutingDirective.NEW, null, null);
            assertEquals("sample", first.getNextApplicationName());
            assertSame(SipApplicationRoutingRegion.ORIGINATING_REGION, first.getRoutingRegion());
            assertEquals("sip:alice@example.org", first.getSubscriberURI());
            assertEquals(SipRouteModifier.NO_ROUTE, first.getRouteModifier());
            assertArrayEquals(new String[0], first.getRoutes());

            SipApplicationRouterInfo second = router.getNextApplication(request, first.getRoutingRegion(),
                    SipApplicationRoutingDirective.CONTINUE, null, first.getStateInfo());
            assertEquals("other", second.getNextApplicationName());
            assertNull(router.getNextApplication(request, second.getRoutingRegion(), SipApplicationRoutingDirective.CONTINUE,
                    null, second.getStateInfo()));

            SipApplicationRouterInfo reverse = router.getNextApplication(request, null, SipApplicationRoutingDirective.REVERSE, null, null);
            assertSame(SipApplicationRoutingRegion.TERMINATING_REGION, reverse.getRoutingRegion());
            assertEquals("sip:bob@example.org", reverse.getSubscriberURI());

            SipApplicationRouterInfo targeted = router.getNextApplication(request, null, SipApplicationRoutingDirective.NEW,
                    new SipTargetedRequestInfo(SipTargetedRequestType.JOIN, "other"), null);
            assertEquals("other", targeted.getNextApplicationName());
            assertSame(SipApplicationRoutingRegion.NEUTRAL_REGION, targeted.getRoutingRegion());

            router.applicationUndeployed(List.of("sample", "other"));
            SipApplicationRouterInfo outside = router.getNextApplication(request("sip:alice@example.org", "sip:x@outside.example"),
                    null, SipApplicationRoutingDirective.NEW, null, null);
            assertNull(outside.getNextApplicationName());
            assertEquals(SipRouteModifier.ROUTE, outside.getRouteModifier());
            assertArrayEquals(new String[] { "sip:edge.example.org;lr" }, outside.getRoutes());
            router.destroy();
        }
    }

    @Test
    void sampleServletInheritsTheDefaultHandlers() throws Exception {
        URL[] path = { output.toUri().toURL() };
        try (URLClassLoader loader = new URLClassLoader(path, SampleApplicationTestCase.class.getClassLoader())) {
            SipServlet uas = (SipServlet) loader.loadClass("org.example.sip.UasServlet").getConstructor().newInstance();
            List<javax.servlet.sip.SipServletResponse> sent = new ArrayList<>();
            uas.service(Stubs.request("INFO", new ArrayList<>(), sent), null);
            assertEquals(1, sent.size());
            assertEquals(500, sent.get(0).getStatus());
            assertNotNull(loader.loadClass("org.example.sip.package-info").getPackage()
                    .getAnnotation(javax.servlet.sip.annotation.SipApplication.class));
        }
    }

    private static SipServletRequest request(String from, String to) {
        return Stubs.of(SipServletRequest.class, Map.of(
                "getFrom", args -> address(from),
                "getTo", args -> address(to),
                "getRequestURI", args -> uri(to)), new ArrayList<>());
    }

    private static Address address(String uri) {
        return Stubs.of(Address.class, Map.of("getURI", args -> uri(uri)), new ArrayList<>());
    }

    private static URI uri(String text) {
        return Stubs.of(URI.class, Map.of("toString", args -> text), new ArrayList<>());
    }

    /** The API types a compilation's sources name, imports aside. */
    private static Set<String> referencedApiTypes(Trees trees, Iterable<? extends CompilationUnitTree> units) {
        Set<String> types = new TreeSet<>();
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitImport(ImportTree node, Void unused) {
                    return null;
                }

                @Override
                public Void visitIdentifier(IdentifierTree node, Void unused) {
                    this.add(trees.getElement(this.getCurrentPath()));
                    return super.visitIdentifier(node, unused);
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree node, Void unused) {
                    this.add(trees.getElement(this.getCurrentPath()));
                    return super.visitMemberSelect(node, unused);
                }

                private void add(Element element) {
                    if (element instanceof TypeElement) {
                        String name = ((TypeElement) element).getQualifiedName().toString();
                        if (name.startsWith("javax.servlet.sip.")) {
                            types.add(name);
                        }
                    }
                }
            }.scan(unit, null);
        }
        return types;
    }

    /** The public types compiled into this module: scanned from its classes directory or jar. */
    private static List<Class<?>> publicApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = location(SipServlet.class);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .forEach(file -> names.add(root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/")));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    names.add(entries.nextElement().getName());
                }
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("javax/servlet/sip/") || !name.endsWith(".class") || name.endsWith("package-info.class")) {
                continue;
            }
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                    SampleApplicationTestCase.class.getClassLoader());
            if (isPublic(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
