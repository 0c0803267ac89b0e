package org.wildfly.extras.sip.container.deployment;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a {@code sip.xml} into a {@link SipDeploymentInfo}, with StAX. It reads the JSR 289 form (namespace
 * {@value #NAMESPACE}, version 1.1) and the JSR 116 form (the 1.0 DTD, no namespace). Like most containers it reads the
 * elements by local name, whether a descriptor puts them in the sipservlet namespace, the Java EE one, or none.
 * Errors name the element and its line; elements JSR 289 defines that this container does not support yet are
 * recorded in {@link SipDeploymentInfo#getUnsupported()}. A security setting the container cannot enforce (an auth-method
 * other than DIGEST or CLIENT-CERT, the Identity assertion scheme) is an error: ignored, it would leave open what the
 * application means to protect. References to servlets are checked by
 * {@link SipDeploymentInfo#resolve()}, since annotated classes may declare the servlets a descriptor maps.
 */
public final class SipXmlParser {

    /** The namespace of JSR 289 descriptors. */
    public static final String NAMESPACE = "http://www.jcp.org/xml/ns/sipservlet";

    private static final Set<String> NAMESPACES = Set.of("", NAMESPACE,
            "http://java.sun.com/xml/ns/j2ee", "http://java.sun.com/xml/ns/javaee", "http://xmlns.jcp.org/xml/ns/javaee", "https://jakarta.ee/xml/ns/jakartaee");

    /**
     * The environment elements of sip-app (JSR 289's jndiEnvironmentRefsGroup, the one of web.xml): the child that names
     * each, the child that gives its type, and the children it may hold besides {@code <description>}. The host binds
     * them; an {@code opaque} one is checked only for its name here.
     */
    private record EnvironmentElement(String nameChild, String typeChild, Set<String> children, boolean opaque) {
    }

    private static final Map<String, EnvironmentElement> ENVIRONMENT = Map.ofEntries(
            Map.entry("env-entry", new EnvironmentElement("env-entry-name", "env-entry-type",
                    Set.of("env-entry-name", "env-entry-type", "env-entry-value", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("ejb-ref", new EnvironmentElement("ejb-ref-name", "remote",
                    Set.of("ejb-ref-name", "ejb-ref-type", "home", "remote", "ejb-link", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("ejb-local-ref", new EnvironmentElement("ejb-ref-name", "local",
                    Set.of("ejb-ref-name", "ejb-ref-type", "local-home", "local", "ejb-link", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("resource-ref", new EnvironmentElement("res-ref-name", "res-type",
                    Set.of("res-ref-name", "res-type", "res-auth", "res-sharing-scope", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("resource-env-ref", new EnvironmentElement("resource-env-ref-name", "resource-env-ref-type",
                    Set.of("resource-env-ref-name", "resource-env-ref-type", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("message-destination-ref", new EnvironmentElement("message-destination-ref-name", "message-destination-type",
                    Set.of("message-destination-ref-name", "message-destination-type", "message-destination-usage", "message-destination-link", "mapped-name", "injection-target", "lookup-name"), false)),
            Map.entry("message-destination", new EnvironmentElement("message-destination-name", null,
                    Set.of("message-destination-name", "display-name", "icon", "mapped-name", "lookup-name"), false)),
            Map.entry("post-construct", new EnvironmentElement("lifecycle-callback-method", "lifecycle-callback-class",
                    Set.of("lifecycle-callback-class", "lifecycle-callback-method"), false)),
            Map.entry("pre-destroy", new EnvironmentElement("lifecycle-callback-method", "lifecycle-callback-class",
                    Set.of("lifecycle-callback-class", "lifecycle-callback-method"), false)),
            // their bodies (ports, handlers, persistence properties) are for the host's own parser
            Map.entry("service-ref", new EnvironmentElement("service-ref-name", null, Set.of(), true)),
            Map.entry("persistence-context-ref", new EnvironmentElement("persistence-context-ref-name", null, Set.of(), true)),
            Map.entry("persistence-unit-ref", new EnvironmentElement("persistence-unit-ref-name", null, Set.of(), true)));

    /** A Java class name, such as org.example.Color or org.example.Call$State. */
    private static final String JAVA_NAME = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*";

    /** The types an env-entry may have besides an enum (Jakarta EE Platform §5.4.1.3), and the values each takes. */
    private static final Map<String, java.util.function.Predicate<String>> ENV_ENTRY_TYPES = Map.of(
            "java.lang.String", value -> true,
            "java.lang.Character", value -> value.length() == 1,
            "java.lang.Boolean", value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"),
            "java.lang.Byte", value -> parses(() -> Byte.valueOf(value)),
            "java.lang.Short", value -> parses(() -> Short.valueOf(value)),
            "java.lang.Integer", value -> parses(() -> Integer.valueOf(value)),
            "java.lang.Long", value -> parses(() -> Long.valueOf(value)),
            "java.lang.Float", value -> parses(() -> Float.valueOf(value)),
            "java.lang.Double", value -> parses(() -> Double.valueOf(value)),
            "java.lang.Class", value -> value.matches(JAVA_NAME));


    private static boolean parses(java.util.function.Supplier<Object> parse) {
        try {
            parse.get();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Children of sip-app that JSR 289 defines and that this container ignores. */
    private static final Set<String> UNSUPPORTED = Set.of("locale-encoding-mapping-list");

    /** Children of sip-app that a descriptor holds at most once (the 1.1 schema's note on sip-appType). */
    private static final Set<String> ONCE = Set.of("app-name", "distributable", "servlet-selection", "session-config", "proxy-config", "login-config");

    private record Param(String name, String value) {
    }

    private final String name;
    private final XMLStreamReader reader;
    private final SipDeploymentInfo info = new SipDeploymentInfo();
    private final Deque<String> open = new ArrayDeque<>();
    private final Map<String, Integer> once = new HashMap<>();
    private final Map<String, Integer> servletLines = new HashMap<>();
    private final Map<String, Integer> environmentLines = new HashMap<>();
    private int mainServletLine = -1;
    private int firstMappingLine = -1;

    private SipXmlParser(String name, XMLStreamReader reader) {
        this.name = name;
        this.reader = reader;
    }

    /**
     * @param namespace an element's namespace ({@code ""} for none)
     * @return whether this parser reads the elements of that namespace as sip.xml's (others it skips)
     */
    public static boolean isDescriptorNamespace(String namespace) {
        return NAMESPACES.contains(namespace);
    }

    /**
     * @param in a {@code sip.xml}
     * @return what it describes; {@link SipDeploymentInfo#resolve()} or {@link SipAnnotations#merge} completes it
     * @throws SipDeploymentException if it is malformed or invalid
     */
    public static SipDeploymentInfo parse(InputStream in) throws SipDeploymentException {
        return parse(in, "sip.xml");
    }

    /**
     * @param in a {@code sip.xml}
     * @param name the descriptor's name in error messages, such as {@code "WEB-INF/sip.xml"}
     * @return what it describes; {@link SipDeploymentInfo#resolve()} or {@link SipAnnotations#merge} completes it
     * @throws SipDeploymentException if it is malformed or invalid
     */
    public static SipDeploymentInfo parse(InputStream in, String name) throws SipDeploymentException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // a JSR 116 descriptor names its DTD; never fetch it, nor any external entity
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new SipDeploymentException(name + ": malformed XML: " + e.getMessage(), e);
        }
        SipXmlParser parser = new SipXmlParser(name, reader);
        try {
            return parser.document();
        } catch (XMLStreamException e) {
            throw parser.malformed(e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing left to release
            }
        }
    }

    private SipDeploymentInfo document() throws XMLStreamException, SipDeploymentException {
        while (this.reader.hasNext()) {
            if (this.reader.next() == XMLStreamConstants.START_ELEMENT) {
                this.sipApp();
                while (this.reader.hasNext()) {
                    this.reader.next();
                }
                return this.info;
            }
        }
        throw this.error(this.line(), "no root element; expected <sip-app>");
    }

    private void sipApp() throws XMLStreamException, SipDeploymentException {
        int at = this.line();
        String namespace = this.namespace();
        if (!this.reader.getLocalName().equals("sip-app") || !(namespace.isEmpty() || namespace.equals(NAMESPACE))) {
            throw this.error(at, "root element <" + this.reader.getLocalName() + ">" + (namespace.isEmpty() ? "" : " of namespace " + namespace)
                    + "; expected <sip-app> of namespace " + NAMESPACE);
        }
        this.open.push("sip-app");
        String version = this.reader.getAttributeValue(null, "version");
        version = (version != null) ? version.trim() : (namespace.isEmpty() ? "1.0" : "1.1");
        if (!version.equals("1.1") && !(version.equals("1.0") && namespace.isEmpty())) {
            throw this.error(at, "<sip-app version=\"" + version + "\"> is not supported; expected version 1.1 or the 1.0 DTD form");
        }
        this.info.setVersion(version);
        Integer proxyTimeout = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            if (ONCE.contains(element)) {
                Integer first = this.once.putIfAbsent(element, line);
                if (first != null) {
                    throw this.error(line, "more than one <" + element + "> in <sip-app>; the first is on line " + first);
                }
            }
            switch (element) {
                case "app-name" -> this.info.setApplicationName(this.nonEmptyText(element, line));
                case "display-name" -> this.firstText(this.info.getDisplayName(), this.info::setDisplayName);
                case "description" -> this.firstText(this.info.getDescription(), this.info::setDescription);
                case "icon" -> this.skip();
                case "distributable" -> {
                    this.skip();
                    this.info.setDistributable(true);
                }
                case "context-param" -> {
                    Param param = this.param(element, line);
                    if (this.info.getContextParams().containsKey(param.name())) {
                        throw this.error(line, "<context-param> '" + param.name() + "' is declared twice");
                    }
                    this.info.addContextParam(param.name(), param.value());
                }
                case "listener" -> this.info.addListener(this.listener(line));
                case "servlet" -> this.servlet(line);
                case "servlet-selection" -> this.servletSelection(line);
                case "servlet-mapping" -> {
                    // the JSR 116 form, without <servlet-selection>
                    ServletMapping mapping = this.servletMapping(line);
                    if (this.info.getMainServlet() != null) {
                        throw this.error(line, "<servlet-mapping> conflicts with the <main-servlet> on line " + this.mainServletLine + "; an application has one or the other");
                    }
                    this.addMapping(mapping, line);
                }
                case "session-config" -> this.sessionConfig();
                case "proxy-config" -> proxyTimeout = this.proxyConfig();
                case "security-constraint" -> this.info.addSecurityConstraint(this.securityConstraint(line));
                case "login-config" -> this.info.setLoginConfig(this.loginConfig(line));
                case "security-role" -> this.securityRole(line);
                default -> {
                    if (ENVIRONMENT.containsKey(element)) {
                        this.info.addEnvironment(this.environment(element, line));
                    } else if (UNSUPPORTED.contains(element)) {
                        this.skip();
                        // a SIP message's charset comes from its Content-Type, never from a locale
                        this.unsupported(line, "<" + element + "> was ignored: it maps locales of HTTP responses, and SIP messages take their charset from their Content-Type");
                    } else {
                        throw this.unknown(element, "sip-app", line);
                    }
                }
            }
        }
        if (proxyTimeout != null) {
            this.info.setProxyTimeout(proxyTimeout);
        }
    }

    private String listener(int at) throws XMLStreamException, SipDeploymentException {
        String className = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "listener-class" -> {
                    if (className != null) {
                        throw this.twice(element, "listener", line);
                    }
                    className = this.nonEmptyText(element, line);
                }
                case "description", "display-name", "icon" -> this.skip();
                default -> throw this.unknown(element, "listener", line);
            }
        }
        if (className == null) {
            throw this.error(at, "<listener> without <listener-class>");
        }
        return className;
    }

    private void servlet(int at) throws XMLStreamException, SipDeploymentException {
        String servletName = null;
        String className = null;
        String description = null;
        Integer loadOnStartup = null;
        Map<String, String> initParams = new LinkedHashMap<>();
        Map<String, String> roleLinks = new LinkedHashMap<>();
        String runAs = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "servlet-name" -> {
                    if (servletName != null) {
                        throw this.twice(element, "servlet", line);
                    }
                    servletName = this.nonEmptyText(element, line);
                }
                case "servlet-class" -> {
                    if (className != null) {
                        throw this.twice(element, "servlet", line);
                    }
                    className = this.nonEmptyText(element, line);
                }
                case "jsp-file" -> throw this.error(line, "<jsp-file> in <servlet>: a SIP servlet is a class, named by <servlet-class>");
                case "load-on-startup" -> {
                    if (loadOnStartup != null) {
                        throw this.twice(element, "servlet", line);
                    }
                    // an empty element asks for loading at deployment, in no particular order
                    String text = this.text();
                    loadOnStartup = text.isEmpty() ? 0 : this.integer(element, line, text, "an integer");
                }
                case "init-param" -> {
                    Param param = this.param(element, line);
                    if (initParams.putIfAbsent(param.name(), param.value()) != null) {
                        throw this.error(line, "<init-param> '" + param.name() + "' is declared twice in <servlet>");
                    }
                }
                case "description" -> {
                    if (description == null) {
                        description = this.text();
                    } else {
                        this.skip();
                    }
                }
                case "display-name", "icon" -> this.skip();
                case "security-role-ref" -> {
                    String[] reference = this.roleReference(line);
                    if (roleLinks.putIfAbsent(reference[0], reference[1]) != null) {
                        throw this.error(line, "<security-role-ref> for role '" + reference[0] + "' is declared twice in <servlet>");
                    }
                }
                case "run-as" -> {
                    if (runAs != null) {
                        throw this.twice(element, "servlet", line);
                    }
                    runAs = this.roleName("run-as", line);
                }
                default -> throw this.unknown(element, "servlet", line);
            }
        }
        if (servletName == null) {
            throw this.error(at, "<servlet> without <servlet-name>");
        }
        if (className == null) {
            throw this.error(at, "<servlet> without <servlet-class> (servlet '" + servletName + "')");
        }
        Integer first = this.servletLines.putIfAbsent(servletName, at);
        if (first != null) {
            throw this.error(at, "<servlet> '" + servletName + "' is declared twice; the first is on line " + first);
        }
        ServletInfo servlet = new ServletInfo(servletName, className).setLoadOnStartup(loadOnStartup).setDescription(description).setOrigin(this.origin(at)).setRunAsRole(runAs);
        initParams.forEach(servlet::addInitParam);
        roleLinks.forEach(servlet::addRoleLink);
        this.info.addServlet(servlet);
    }

    /**
     * @param parent an element that holds one {@code <role-name>} (and maybe a {@code <description>}): {@code run-as},
     *        {@code security-role}
     * @return that role name
     */
    private String roleName(String parent, int at) throws XMLStreamException, SipDeploymentException {
        String role = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "description" -> this.skip();
                case "role-name" -> {
                    if (role != null) {
                        throw this.twice(element, parent, line);
                    }
                    role = this.nonEmptyText(element, line);
                }
                default -> throw this.unknown(element, parent, line);
            }
        }
        if (role == null) {
            throw this.error(at, "<" + parent + "> without <role-name>");
        }
        return role;
    }

    /** Reads an environment element (see {@link #ENVIRONMENT}) and checks what the host's binding would find wrong only without a line. */
    private EnvironmentReference environment(String element, int at) throws XMLStreamException, SipDeploymentException {
        EnvironmentElement kind = ENVIRONMENT.get(element);
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        while (this.nextChild()) {
            String child = this.element();
            if (child == null) {
                continue;
            }
            int line = this.line();
            if (kind.opaque() && !child.equals(kind.nameChild())) {
                this.skip();
            } else if (child.equals("description")) {
                this.skip();
            } else if (child.equals("injection-target") && kind.children().contains(child)) {
                this.injectionTarget(line);
            } else if (!kind.children().contains(child) && !child.equals(kind.nameChild())) {
                throw this.unknown(child, element, line);
            } else if (values.containsKey(child) && !child.equals("display-name") && !child.equals("icon")) {
                throw this.twice(child, element, line);
            } else {
                // an empty <env-entry-value> is the empty string of a String entry
                values.put(child, child.equals("env-entry-value") ? this.text() : this.nonEmptyText(child, line));
                lines.put(child, line);
            }
        }
        String name = values.get(kind.nameChild());
        if (name == null) {
            throw this.error(at, "<" + element + "> without <" + kind.nameChild() + ">");
        }
        String type = (kind.typeChild() != null) ? values.get(kind.typeChild()) : null;
        String value = values.get("env-entry-value");
        if (element.equals("env-entry")) {
            this.checkEnvEntry(name, type, value, values.containsKey("lookup-name"), at, lines);
        }
        if ((element.equals("post-construct") || element.equals("pre-destroy")) && type == null) {
            // the host would skip it silently: in a sip.xml no class is the default one
            throw this.error(at, "<" + element + "> without <lifecycle-callback-class>; name the servlet or listener class whose method " + name + " runs");
        }
        if (!element.equals("post-construct") && !element.equals("pre-destroy") && !element.equals("message-destination")) {
            Integer first = this.environmentLines.putIfAbsent(name, at);
            if (first != null) {
                throw this.error(at, "<" + element + "> '" + name + "': java:comp/env/" + name + " is already declared on line " + first);
            }
        }
        return new EnvironmentReference(element, name, type, value, this.origin(at));
    }

    private void checkEnvEntry(String name, String type, String value, boolean lookup, int at, Map<String, Integer> lines) throws SipDeploymentException {
        if (value != null && lookup) {
            throw this.error(at, "<env-entry> '" + name + "' has both <env-entry-value> and <lookup-name>; it takes its value from one of them");
        }
        if (type == null) {
            return; // the type of its injection target decides
        }
        int typeLine = lines.get("env-entry-type");
        java.util.function.Predicate<String> check = ENV_ENTRY_TYPES.get(type);
        if (check == null) {
            if (!type.matches(JAVA_NAME) || !type.contains(".")) {
                throw this.error(typeLine, "<env-entry-type>" + type + "</env-entry-type> of '" + name + "' is not a type an env-entry can have: one of "
                        + String.join(", ", new java.util.TreeSet<>(ENV_ENTRY_TYPES.keySet())) + ", or an enum class");
            }
            return; // an enum: the host checks it with the application's classes
        }
        if (value != null && !check.test(value)) {
            throw this.error(lines.get("env-entry-value"), "<env-entry-value>" + value + "</env-entry-value> of '" + name + "' is not a " + type
                    + (type.equals("java.lang.Boolean") ? " (true or false)" : type.equals("java.lang.Character") ? " (one character)" : ""));
        }
    }

    private void injectionTarget(int at) throws XMLStreamException, SipDeploymentException {
        String className = null;
        String member = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "injection-target-class" -> className = this.nonEmptyText(element, line);
                case "injection-target-name" -> member = this.nonEmptyText(element, line);
                default -> throw this.unknown(element, "injection-target", line);
            }
        }
        if (className == null || member == null) {
            throw this.error(at, "<injection-target> without <" + (className == null ? "injection-target-class" : "injection-target-name") + ">");
        }
    }

    /** @return a {@code <security-role-ref>}'s role name and the role it links to (itself without {@code <role-link>}) */
    private String[] roleReference(int at) throws XMLStreamException, SipDeploymentException {
        String roleName = null;
        String roleLink = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "role-name" -> {
                    if (roleName != null) {
                        throw this.twice(element, "security-role-ref", line);
                    }
                    roleName = this.nonEmptyText(element, line);
                }
                case "role-link" -> {
                    if (roleLink != null) {
                        throw this.twice(element, "security-role-ref", line);
                    }
                    roleLink = this.nonEmptyText(element, line);
                }
                case "description" -> this.skip();
                default -> throw this.unknown(element, "security-role-ref", line);
            }
        }
        if (roleName == null) {
            throw this.error(at, "<security-role-ref> without <role-name>");
        }
        return new String[] { roleName, (roleLink != null) ? roleLink : roleName };
    }

    private Param param(String parent, int at) throws XMLStreamException, SipDeploymentException {
        String paramName = null;
        String value = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "param-name" -> {
                    if (paramName != null) {
                        throw this.twice(element, parent, line);
                    }
                    paramName = this.nonEmptyText(element, line);
                }
                case "param-value" -> {
                    if (value != null) {
                        throw this.twice(element, parent, line);
                    }
                    value = this.text();
                }
                case "description" -> this.skip();
                default -> throw this.unknown(element, parent, line);
            }
        }
        if (paramName == null) {
            throw this.error(at, "<" + parent + "> without <param-name>");
        }
        if (value == null) {
            throw this.error(at, "<" + parent + "> without <param-value> (parameter '" + paramName + "')");
        }
        return new Param(paramName, value);
    }

    private void servletSelection(int at) throws XMLStreamException, SipDeploymentException {
        String mainServlet = null;
        int mainLine = -1;
        List<ServletMapping> mappings = new ArrayList<>();
        List<Integer> mappingLines = new ArrayList<>();
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "main-servlet" -> {
                    if (mainServlet != null) {
                        throw this.twice(element, "servlet-selection", line);
                    }
                    mainServlet = this.nonEmptyText(element, line);
                    mainLine = line;
                }
                case "servlet-mapping" -> {
                    mappings.add(this.servletMapping(line));
                    mappingLines.add(line);
                }
                default -> throw this.unknown(element, "servlet-selection", line);
            }
        }
        if (mainServlet != null && !mappings.isEmpty()) {
            throw this.error(at, "<servlet-selection> holds both <main-servlet> and <servlet-mapping>");
        }
        if (mainServlet == null && mappings.isEmpty()) {
            throw this.error(at, "<servlet-selection> holds neither <main-servlet> nor <servlet-mapping>");
        }
        if (mainServlet != null) {
            if (this.firstMappingLine >= 0) {
                throw this.error(at, "<servlet-selection> holds <main-servlet>, but the <servlet-mapping> on line " + this.firstMappingLine
                        + " maps servlets too; an application has one or the other");
            }
            this.info.setMainServlet(mainServlet, this.origin(mainLine));
            this.mainServletLine = mainLine;
        }
        for (int i = 0; i < mappings.size(); ++i) {
            this.addMapping(mappings.get(i), mappingLines.get(i));
        }
    }

    private void addMapping(ServletMapping mapping, int line) {
        this.info.addServletMapping(mapping);
        if (this.firstMappingLine < 0) {
            this.firstMappingLine = line;
        }
    }

    private ServletMapping servletMapping(int at) throws XMLStreamException, SipDeploymentException {
        String servletName = null;
        Pattern pattern = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "servlet-name" -> {
                    if (servletName != null) {
                        throw this.twice(element, "servlet-mapping", line);
                    }
                    servletName = this.nonEmptyText(element, line);
                }
                case "pattern" -> {
                    if (pattern != null) {
                        throw this.twice(element, "servlet-mapping", line);
                    }
                    pattern = this.pattern(line);
                }
                default -> throw this.unknown(element, "servlet-mapping", line);
            }
        }
        if (servletName == null) {
            throw this.error(at, "<servlet-mapping> without <servlet-name>");
        }
        if (pattern == null) {
            throw this.error(at, "<servlet-mapping> without <pattern> (servlet '" + servletName + "')");
        }
        return new ServletMapping(servletName, pattern, this.origin(at));
    }

    private Pattern pattern(int at) throws XMLStreamException, SipDeploymentException {
        Pattern condition = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            if (condition != null) {
                throw this.error(line, "<pattern> holds more than one condition; combine them with <and> or <or>");
            }
            condition = this.condition(element, line);
        }
        if (condition == null) {
            throw this.error(at, "<pattern> without a condition");
        }
        return condition;
    }

    private Pattern condition(String element, int at) throws XMLStreamException, SipDeploymentException {
        switch (element) {
            case "and", "or" -> {
                List<Pattern> conditions = new ArrayList<>();
                while (this.nextChild()) {
                    String child = this.element();
                    if (child != null) {
                        conditions.add(this.condition(child, this.line()));
                    }
                }
                if (conditions.isEmpty()) {
                    throw this.error(at, "<" + element + "> without conditions");
                }
                return element.equals("and") ? new Pattern.And(conditions) : new Pattern.Or(conditions);
            }
            case "not" -> {
                Pattern condition = null;
                while (this.nextChild()) {
                    String child = this.element();
                    if (child == null) {
                        continue;
                    }
                    int line = this.line();
                    if (condition != null) {
                        throw this.error(line, "<not> holds more than one condition");
                    }
                    condition = this.condition(child, line);
                }
                if (condition == null) {
                    throw this.error(at, "<not> without a condition");
                }
                return new Pattern.Not(condition);
            }
            case "equal", "contains", "exists", "subdomain-of" -> {
                return this.operator(element, at);
            }
            default -> throw this.error(at, "<" + element + "> is not a condition; expected <and>, <or>, <not>, <equal>, <contains>, <exists> or <subdomain-of>");
        }
    }

    private Pattern operator(String element, int at) throws XMLStreamException, SipDeploymentException {
        boolean ignoreCase = false;
        String attribute = this.reader.getAttributeValue(null, "ignore-case");
        if (attribute != null && (element.equals("equal") || element.equals("contains"))) {
            switch (attribute.trim()) {
                case "true" -> ignoreCase = true;
                case "false" -> ignoreCase = false;
                default -> throw this.error(at, "<" + element + " ignore-case=\"" + attribute + "\">: ignore-case is true or false");
            }
        }
        boolean literal = !element.equals("exists");
        String variable = null;
        String value = null;
        while (this.nextChild()) {
            String child = this.element();
            if (child == null) {
                continue;
            }
            int line = this.line();
            switch (child) {
                case "var" -> {
                    if (variable != null) {
                        throw this.twice(child, element, line);
                    }
                    variable = this.nonEmptyText(child, line);
                }
                case "value" -> {
                    if (!literal) {
                        throw this.error(line, "<exists> takes no <value>");
                    }
                    if (value != null) {
                        throw this.twice(child, element, line);
                    }
                    value = this.text();
                }
                default -> throw this.unknown(child, element, line);
            }
        }
        if (variable == null) {
            throw this.error(at, "<" + element + "> without <var>");
        }
        if (literal && value == null) {
            throw this.error(at, "<" + element + "> without <value>");
        }
        if (element.equals("subdomain-of") && value.isEmpty()) {
            throw this.error(at, "<subdomain-of> with an empty <value>");
        }
        if (!RequestVariables.isStandard(variable)) {
            this.unsupported(at, "<var>" + variable + "</var> in <" + element + "> is no variable of JSR 289 §16; no request defines it");
        }
        return switch (element) {
            case "equal" -> new Pattern.Equal(variable, value, ignoreCase);
            case "contains" -> new Pattern.Contains(variable, value, ignoreCase);
            case "exists" -> new Pattern.Exists(variable);
            default -> new Pattern.SubdomainOf(variable, value);
        };
    }

    private SecurityConstraint securityConstraint(int at) throws XMLStreamException, SipDeploymentException {
        String displayName = null;
        List<SecurityConstraint.ResourceCollection> collections = new ArrayList<>();
        boolean proxyAuthentication = false;
        Set<String> roles = null;
        SecurityConstraint.TransportGuarantee guarantee = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "display-name" -> {
                    if (displayName == null) {
                        displayName = this.text();
                    } else {
                        this.skip();
                    }
                }
                case "resource-collection" -> collections.add(this.resourceCollection(line));
                case "proxy-authentication" -> {
                    this.skip();
                    proxyAuthentication = true;
                }
                case "auth-constraint" -> {
                    if (roles != null) {
                        throw this.twice(element, "security-constraint", line);
                    }
                    roles = this.authConstraint();
                }
                case "user-data-constraint" -> {
                    if (guarantee != null) {
                        throw this.twice(element, "security-constraint", line);
                    }
                    guarantee = this.userDataConstraint(line);
                }
                default -> throw this.unknown(element, "security-constraint", line);
            }
        }
        if (collections.isEmpty()) {
            throw this.error(at, "<security-constraint> without <resource-collection>: it would name no request to protect");
        }
        return new SecurityConstraint(displayName, collections, proxyAuthentication, roles, this.origin(at), guarantee);
    }

    private SecurityConstraint.ResourceCollection resourceCollection(int at) throws XMLStreamException, SipDeploymentException {
        String resourceName = null;
        List<String> servletNames = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "resource-name" -> {
                    if (resourceName != null) {
                        throw this.twice(element, "resource-collection", line);
                    }
                    resourceName = this.nonEmptyText(element, line);
                }
                case "description" -> this.skip();
                case "servlet-name" -> servletNames.add(this.nonEmptyText(element, line));
                case "sip-method" -> {
                    String method = this.nonEmptyText(element, line);
                    if (!method.chars().allMatch(c -> c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                        throw this.error(line, "<sip-method>" + method + "</sip-method> is not a SIP method name");
                    }
                    // SIP methods are case-sensitive (RFC 3261 §7.1); the standard ones are upper case
                    methods.add(method);
                }
                default -> throw this.unknown(element, "resource-collection", line);
            }
        }
        if (resourceName == null) {
            throw this.error(at, "<resource-collection> without <resource-name>");
        }
        return new SecurityConstraint.ResourceCollection(resourceName, servletNames, methods);
    }

    private Set<String> authConstraint() throws XMLStreamException, SipDeploymentException {
        Set<String> roles = new java.util.LinkedHashSet<>();
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "description" -> this.skip();
                case "role-name" -> roles.add(this.nonEmptyText(element, line));
                default -> throw this.unknown(element, "auth-constraint", line);
            }
        }
        return roles;
    }

    private SecurityConstraint.TransportGuarantee userDataConstraint(int at) throws XMLStreamException, SipDeploymentException {
        String guarantee = null;
        int guaranteeLine = at;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "description" -> this.skip();
                case "transport-guarantee" -> {
                    if (guarantee != null) {
                        throw this.twice(element, "user-data-constraint", line);
                    }
                    guarantee = this.nonEmptyText(element, line);
                    guaranteeLine = line;
                }
                default -> throw this.unknown(element, "user-data-constraint", line);
            }
        }
        if (guarantee == null) {
            throw this.error(at, "<user-data-constraint> without <transport-guarantee>");
        }
        try {
            return SecurityConstraint.TransportGuarantee.valueOf(guarantee);
        } catch (IllegalArgumentException e) {
            throw this.error(guaranteeLine, "<transport-guarantee>" + guarantee + "</transport-guarantee> is none of NONE, INTEGRAL, CONFIDENTIAL");
        }
    }

    private LoginConfig loginConfig(int at) throws XMLStreamException, SipDeploymentException {
        String authMethod = null;
        int authMethodLine = at;
        String realm = null;
        String identityAssertion = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "auth-method" -> {
                    if (authMethod != null) {
                        throw this.twice(element, "login-config", line);
                    }
                    authMethod = this.nonEmptyText(element, line);
                    authMethodLine = line;
                }
                case "realm-name" -> {
                    if (realm != null) {
                        throw this.twice(element, "login-config", line);
                    }
                    realm = this.nonEmptyText(element, line);
                    if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
                        throw this.error(line, "<realm-name> holds a quote or a backslash, which a challenge's realm cannot carry plainly");
                    }
                }
                case "identity-assertion" -> identityAssertion = this.identityAssertion(line);
                default -> throw this.unknown(element, "login-config", line);
            }
        }
        if (authMethod != null && !authMethod.equals(LoginConfig.DIGEST) && !authMethod.equals(LoginConfig.CLIENT_CERT)) {
            throw this.error(authMethodLine, "<auth-method>" + authMethod + "</auth-method> cannot be enforced: this container authenticates SIP callers with DIGEST"
                    + " or CLIENT-CERT (RFC 3261 §22: Basic authentication is deprecated for SIP); set <auth-method>DIGEST</auth-method>");
        }
        return new LoginConfig((authMethod != null) ? authMethod : LoginConfig.DIGEST, realm, identityAssertion, this.origin(at));
    }

    private String identityAssertion(int at) throws XMLStreamException, SipDeploymentException {
        String support = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "identity-assertion-scheme" -> {
                    String scheme = this.nonEmptyText(element, line);
                    if (scheme.equals("Identity")) {
                        throw this.error(line, "<identity-assertion-scheme>Identity</identity-assertion-scheme> cannot be enforced: this container does not verify"
                                + " RFC 4474 Identity signatures (RFC 8224 obsoletes RFC 4474 and its rsa-sha1); use P-Asserted-Identity, which the container believes"
                                + " from the hosts of /subsystem=sip's trusted-hosts");
                    }
                    if (!scheme.equals("P-Asserted-Identity")) {
                        throw this.error(line, "<identity-assertion-scheme>" + scheme + "</identity-assertion-scheme> is neither P-Asserted-Identity nor Identity");
                    }
                }
                case "identity-assertion-support" -> {
                    if (support != null) {
                        throw this.twice(element, "identity-assertion", line);
                    }
                    support = this.nonEmptyText(element, line);
                    if (!support.equals(LoginConfig.REQUIRED) && !support.equals(LoginConfig.SUPPORTED)) {
                        throw this.error(line, "<identity-assertion-support>" + support + "</identity-assertion-support> is neither REQUIRED nor SUPPORTED");
                    }
                }
                default -> throw this.unknown(element, "identity-assertion", line);
            }
        }
        return (support != null) ? support : LoginConfig.REQUIRED; // the schema's default
    }

    private void securityRole(int at) throws XMLStreamException, SipDeploymentException {
        this.info.addSecurityRole(this.roleName("security-role", at));
    }

    private void sessionConfig() throws XMLStreamException, SipDeploymentException {
        Integer timeout = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            if (!element.equals("session-timeout")) {
                throw this.unknown(element, "session-config", line);
            }
            if (timeout != null) {
                throw this.twice(element, "session-config", line);
            }
            timeout = this.integer(element, line, this.text(), "minutes");
        }
        this.info.setSessionTimeout(timeout);
    }

    private Integer proxyConfig() throws XMLStreamException, SipDeploymentException {
        Integer proxyTimeout = null;
        Integer sequentialSearchTimeout = null;
        while (this.nextChild()) {
            String element = this.element();
            if (element == null) {
                continue;
            }
            int line = this.line();
            switch (element) {
                case "proxy-timeout" -> {
                    if (proxyTimeout != null) {
                        throw this.twice(element, "proxy-config", line);
                    }
                    proxyTimeout = this.integer(element, line, this.text(), "seconds");
                }
                case "sequential-search-timeout" -> {
                    // JSR 116; JSR 289 renamed it proxy-timeout
                    if (sequentialSearchTimeout != null) {
                        throw this.twice(element, "proxy-config", line);
                    }
                    sequentialSearchTimeout = this.integer(element, line, this.text(), "seconds");
                }
                default -> throw this.unknown(element, "proxy-config", line);
            }
        }
        return (proxyTimeout != null) ? proxyTimeout : sequentialSearchTimeout;
    }

    /**
     * Moves to the next child element of the current element.
     * @return {@code true} at a child's start tag, {@code false} at the current element's end tag
     */
    private boolean nextChild() throws XMLStreamException, SipDeploymentException {
        while (true) {
            int event = this.reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                this.open.push(this.reader.getLocalName());
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                this.open.pop();
                return false;
            }
            if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && !this.reader.isWhiteSpace()) {
                String text = this.reader.getText().trim();
                throw this.error(this.line(), "text \"" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\" in <" + this.open.peek()
                        + ">, which holds elements only");
            }
        }
    }

    /**
     * @return the local name of the element at hand; {@code null} if it belongs to a foreign namespace, after skipping it
     */
    private String element() throws XMLStreamException {
        String namespace = this.namespace();
        if (NAMESPACES.contains(namespace)) {
            return this.reader.getLocalName();
        }
        int line = this.line();
        String element = this.reader.getLocalName();
        this.skip();
        this.unsupported(line, "<" + element + "> of namespace " + namespace + " was ignored");
        return null;
    }

    /** @return the trimmed text of the element at hand, which must hold no element, up to its end tag */
    private String text() throws XMLStreamException, SipDeploymentException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = this.reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw this.error(this.line(), "<" + this.reader.getLocalName() + "> in <" + this.open.peek() + ">, which holds text only");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                this.open.pop();
                return text.toString().trim();
            }
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.ENTITY_REFERENCE) {
                text.append(this.reader.getText());
            }
        }
    }

    private String nonEmptyText(String element, int line) throws XMLStreamException, SipDeploymentException {
        String text = this.text();
        if (text.isEmpty()) {
            throw this.error(line, "<" + element + "> is empty");
        }
        return text;
    }

    private void firstText(String current, Consumer<String> setter) throws XMLStreamException, SipDeploymentException {
        // several descriptions or display names differ in xml:lang; keep the first
        if (current == null) {
            setter.accept(this.text());
        } else {
            this.skip();
        }
    }

    private int integer(String element, int line, String text, String unit) throws SipDeploymentException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw this.error(line, "<" + element + "> is \"" + text + "\", not a whole number of " + unit);
        }
    }

    /** Skips the element at hand, up to its end tag. */
    private void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = this.reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                ++depth;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                --depth;
            }
        }
        this.open.pop();
    }

    private String namespace() {
        String namespace = this.reader.getNamespaceURI();
        return (namespace != null) ? namespace : "";
    }

    private int line() {
        return this.reader.getLocation().getLineNumber();
    }

    private String origin(int line) {
        return this.name + " line " + line;
    }

    private void unsupported(int line, String message) {
        this.info.addUnsupported(this.origin(line) + ": " + message);
    }

    private SipDeploymentException error(int line, String message) {
        return new SipDeploymentException(this.origin(line) + ": " + message);
    }

    private SipDeploymentException unknown(String element, String parent, int line) {
        return this.error(line, "unknown element <" + element + "> in <" + parent + ">");
    }

    private SipDeploymentException twice(String element, String parent, int line) {
        return this.error(line, "more than one <" + element + "> in <" + parent + ">");
    }

    private SipDeploymentException malformed(XMLStreamException e) {
        Location location = (e.getLocation() != null) ? e.getLocation() : this.reader.getLocation();
        String detail = e.getMessage();
        int message = (detail != null) ? detail.indexOf("Message: ") : -1;
        if (message >= 0) {
            detail = detail.substring(message + "Message: ".length());
        }
        String element = this.open.peek();
        return new SipDeploymentException(this.origin(location.getLineNumber()) + ": malformed XML" + (element != null ? " in <" + element + ">" : "") + ": " + detail, e);
    }
}
