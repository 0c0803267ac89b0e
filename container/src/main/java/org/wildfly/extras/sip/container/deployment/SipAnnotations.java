package org.wildfly.extras.sip.container.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;

/**
 * Merges the JSR 289 annotations of an application's classes into what its descriptor says. The caller scans the
 * archive and loads the classes; package annotations are read from the {@code package-info} classes in the list and
 * from the packages of the other classes.
 * <p>
 * Merge rules. An archive holds one SIP application, so every annotation must name the same application as the
 * descriptor's {@code <app-name>}, or none. Where both the descriptor and an annotation set a value, the descriptor
 * wins: display name, description, session and proxy timeouts, the servlet selection (a descriptor's
 * {@code <main-servlet>} or {@code <servlet-mapping>} overrides {@code @SipApplication(mainServlet)}), and the class,
 * load order and description of a servlet that both name. {@code <distributable/>} cannot say "no", so either source
 * makes the application distributable. Annotated servlets and listeners the descriptor lacks are added after its own.
 */
public final class SipAnnotations {

    private SipAnnotations() {
    }

    /**
     * @param descriptor what the {@code sip.xml} says, or {@code null} if the archive has none; not modified
     * @param classes the application's classes, and its {@code package-info} classes
     * @return the merged and {@linkplain SipDeploymentInfo#resolve() resolved} description
     * @throws SipDeploymentException if the annotations are invalid or conflict with each other or with the descriptor
     */
    public static SipDeploymentInfo merge(SipDeploymentInfo descriptor, Collection<? extends Class<?>> classes) throws SipDeploymentException {
        SipDeploymentInfo info = (descriptor != null) ? descriptor.copy() : new SipDeploymentInfo();
        Application application = new Application(info);
        application(info, application, classes);
        servlets(info, application, classes);
        listeners(application, classes);
        applicationKey(info, application, classes);
        return info.resolve();
    }

    /** The application the annotations must agree on, and where its name came from. */
    private static final class Application {
        private final SipDeploymentInfo info;
        private String origin;

        Application(SipDeploymentInfo info) {
            this.info = info;
            this.origin = (info.getApplicationName() != null) ? "<app-name>" + info.getApplicationName() + "</app-name> of the descriptor" : null;
        }

        /** Checks that an annotation's {@code applicationName} names this application; the first one names it if nothing else did. */
        void check(String applicationName, String annotated) throws SipDeploymentException {
            if (applicationName.isEmpty()) {
                return;
            }
            if (this.info.getApplicationName() == null) {
                this.info.setApplicationName(applicationName);
                this.origin = annotated;
            } else if (!applicationName.equals(this.info.getApplicationName())) {
                throw new SipDeploymentException(annotated + " names application '" + applicationName + "', but the archive's application is '"
                        + this.info.getApplicationName() + "' (" + this.origin + ")");
            }
        }
    }

    private static void application(SipDeploymentInfo info, Application application, Collection<? extends Class<?>> classes) throws SipDeploymentException {
        Map<String, SipApplication> packages = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            if (type.getName().endsWith("package-info")) {
                SipApplication annotation = type.getAnnotation(SipApplication.class);
                if (annotation != null) {
                    packages.putIfAbsent(type.getPackageName(), annotation);
                }
            }
            Package owner = type.getPackage();
            if (owner != null && owner.getAnnotation(SipApplication.class) != null) {
                packages.putIfAbsent(owner.getName(), owner.getAnnotation(SipApplication.class));
            }
        }
        String first = null;
        for (Map.Entry<String, SipApplication> entry : packages.entrySet()) {
            String annotated = "@SipApplication on package " + entry.getKey();
            String name = entry.getValue().name();
            if (name.isEmpty()) {
                throw new SipDeploymentException(annotated + " has an empty name");
            }
            if (first == null) {
                first = entry.getKey();
            } else if (!name.equals(packages.get(first).name())) {
                throw new SipDeploymentException("an archive holds one SIP application, but @SipApplication on package " + first + " names '"
                        + packages.get(first).name() + "' and " + annotated + " names '" + name + "'");
            }
            application.check(name, annotated);
        }
        if (first == null) {
            return;
        }
        // the first package carries the application's settings; the descriptor's win
        SipApplication annotation = packages.get(first);
        String origin = "@SipApplication on package " + first;
        if (info.getDisplayName() == null && !annotation.displayName().isEmpty()) {
            info.setDisplayName(annotation.displayName());
        }
        if (info.getDescription() == null && !annotation.description().isEmpty()) {
            info.setDescription(annotation.description());
        }
        if (annotation.distributable()) {
            info.setDistributable(true);
        }
        if (info.getSessionTimeout() == null) {
            info.setSessionTimeout(annotation.sessionTimeout());
        }
        if (info.getProxyTimeout() == null) {
            info.setProxyTimeout(annotation.proxyTimeout());
        }
        if (info.getMainServlet() == null && info.getServletMappings().isEmpty() && !annotation.mainServlet().isEmpty()) {
            info.setMainServlet(annotation.mainServlet(), origin);
        }
    }

    private static void servlets(SipDeploymentInfo info, Application application, Collection<? extends Class<?>> classes) throws SipDeploymentException {
        Map<String, Class<?>> annotated = new HashMap<>();
        for (Class<?> type : classes) {
            SipServlet annotation = type.getAnnotation(SipServlet.class);
            if (annotation == null || !isConcrete(type)) {
                continue;
            }
            String origin = "@SipServlet on class " + type.getName();
            if (!javax.servlet.sip.SipServlet.class.isAssignableFrom(type)) {
                throw new SipDeploymentException(origin + ", which does not extend javax.servlet.sip.SipServlet");
            }
            application.check(annotation.applicationName(), origin);
            String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
            Class<?> other = annotated.putIfAbsent(name, type);
            if (other != null) {
                throw new SipDeploymentException("servlet name '" + name + "' is taken by both @SipServlet classes " + other.getName() + " and " + type.getName());
            }
            ServletInfo.SipServletAnnotation values = new ServletInfo.SipServletAnnotation(annotation.name(), annotation.applicationName(),
                    annotation.description(), annotation.loadOnStartup());
            ServletInfo declared = info.getServlet(name);
            if (declared != null) {
                // the descriptor declares it too, and wins
                if (declared.getLoadOnStartup() == null) {
                    declared.setLoadOnStartup(annotation.loadOnStartup());
                }
                if (declared.getDescription() == null && !annotation.description().isEmpty()) {
                    declared.setDescription(annotation.description());
                }
                declared.setAnnotation(values);
            } else {
                info.addServlet(new ServletInfo(name, type.getName())
                        .setLoadOnStartup(annotation.loadOnStartup())
                        .setDescription(annotation.description().isEmpty() ? null : annotation.description())
                        .setAnnotation(values)
                        .setOrigin(origin));
            }
        }
    }

    private static void listeners(Application application, Collection<? extends Class<?>> classes) throws SipDeploymentException {
        for (Class<?> type : classes) {
            SipListener annotation = type.getAnnotation(SipListener.class);
            if (annotation == null || !isConcrete(type)) {
                continue;
            }
            String origin = "@SipListener on class " + type.getName();
            if (!EventListener.class.isAssignableFrom(type)) {
                throw new SipDeploymentException(origin + ", which implements no listener interface");
            }
            application.check(annotation.applicationName(), origin);
            application.info.addListener(type.getName());
        }
    }

    private static void applicationKey(SipDeploymentInfo info, Application application, Collection<? extends Class<?>> classes) throws SipDeploymentException {
        ApplicationKeyMethod found = info.getApplicationKey();
        for (Class<?> type : classes) {
            Method[] methods;
            try {
                methods = type.getDeclaredMethods();
            } catch (LinkageError e) {
                throw new SipDeploymentException("cannot read the methods of class " + type.getName() + " to look for @SipApplicationKey: " + e, e);
            }
            for (Method method : methods) {
                SipApplicationKey annotation = method.getAnnotation(SipApplicationKey.class);
                if (annotation == null) {
                    continue;
                }
                ApplicationKeyMethod key = new ApplicationKeyMethod(type.getName(), method.getName());
                String origin = "@SipApplicationKey method " + key;
                int modifiers = method.getModifiers();
                if (!Modifier.isPublic(modifiers) || !Modifier.isStatic(modifiers) || method.getReturnType() != String.class
                        || method.getParameterCount() != 1 || method.getParameterTypes()[0] != SipServletRequest.class) {
                    throw new SipDeploymentException(origin + " must be declared public static String " + method.getName() + "(SipServletRequest)");
                }
                application.check(annotation.applicationName(), origin);
                if (found != null && !found.equals(key)) {
                    throw new SipDeploymentException("an application has one @SipApplicationKey method, but " + found + " and " + key + " both are");
                }
                found = key;
            }
        }
        info.setApplicationKey(found);
    }

    private static boolean isConcrete(Class<?> type) {
        return !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
    }
}
