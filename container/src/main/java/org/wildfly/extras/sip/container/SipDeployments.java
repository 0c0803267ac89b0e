package org.wildfly.extras.sip.container;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.deployment.PatternEvaluator;
import org.wildfly.extras.sip.container.deployment.ServletInfo;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.security.ApplicationSecurity;

/**
 * Turns a SIP application's deployment model (sip.xml and annotations) into a running definition: its servlets and
 * listeners instantiated from the application's class loader, its servlet selection and its application key.
 */
public final class SipDeployments {

    private SipDeployments() {
    }

    /**
     * @param info the resolved deployment model
     * @param loader the application's class loader
     * @param context the application's servlet context
     * @return the definition to deploy
     * @throws SipDeploymentException naming the class that cannot be loaded or instantiated
     */
    public static SipApplicationDefinition definition(SipDeploymentInfo info, ClassLoader loader, ServletContext context) throws SipDeploymentException {
        return definition(info, loader, context, type -> type.getDeclaredConstructor().newInstance());
    }

    /** Creates the servlet and listener objects of an application; a host can inject their resources. */
    @FunctionalInterface
    public interface Instantiator {
        /**
         * @param type a servlet or listener class of the application
         * @return a new instance
         * @throws ReflectiveOperationException if it cannot be created
         */
        Object create(Class<?> type) throws ReflectiveOperationException;
    }

    /**
     * @param info the resolved deployment model
     * @param loader the application's class loader
     * @param context the application's servlet context
     * @param instantiator creates the servlet and listener objects
     * @return the definition to deploy
     * @throws SipDeploymentException naming the class that cannot be loaded or instantiated
     */
    public static SipApplicationDefinition definition(SipDeploymentInfo info, ClassLoader loader, ServletContext context, Instantiator instantiator) throws SipDeploymentException {
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        // a servlet class also declared a listener is one object, the servlet the container initialises: a
        // SipServletListener's event names that servlet, and session events reach the object init() ran on
        Map<String, Servlet> servletsByClass = new LinkedHashMap<>();
        for (ServletInfo servlet : info.getServlets()) {
            Object instance = instantiate(servlet.getClassName(), loader, instantiator, "servlet " + servlet.getName());
            if (!(instance instanceof Servlet typed)) {
                throw new SipDeploymentException("Servlet " + servlet.getName() + ": " + servlet.getClassName() + " is not a jakarta.servlet.Servlet");
            }
            servlets.put(servlet.getName(), typed);
            servletsByClass.putIfAbsent(servlet.getClassName(), typed);
        }
        List<Object> listeners = new ArrayList<>();
        for (String listener : info.getListeners()) {
            Object servlet = servletsByClass.get(listener);
            listeners.add((servlet != null) ? servlet : instantiate(listener, loader, instantiator, "listener"));
        }
        String main = info.getMainServlet();
        Function<SipServletRequest, String> selector = (main != null) ? request -> main
                : request -> new PatternEvaluator(new SipRequestVariables(request)).select(info.getServletMappings());
        Function<SipServletRequest, String> key = null;
        if (info.getApplicationKey() != null) {
            Method method;
            try {
                method = info.getApplicationKey().find(loader);
            } catch (ReflectiveOperationException e) {
                throw new SipDeploymentException("@SipApplicationKey " + info.getApplicationKey() + " cannot be found: " + e);
            }
            key = request -> {
                try {
                    return (String) method.invoke(null, request);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException("@SipApplicationKey " + method + " failed", e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("@SipApplicationKey " + method + " is not accessible", e);
                }
            };
        }
        Integer timeout = info.getSessionTimeout();
        Integer proxyTimeout = info.getProxyTimeout();
        // no session-timeout of its own: the container's default applies
        Map<String, Map<String, String>> initParameters = new LinkedHashMap<>();
        for (ServletInfo servlet : info.getServlets()) {
            initParameters.put(servlet.getName(), servlet.getInitParams());
        }
        return SipApplicationDefinition.builder(info.getApplicationName(), servlets).mainServlet(main).listeners(listeners).sessionTimeoutMinutes(timeout)
                .servletContext(context).servletSelector(selector).applicationKey(key)
                .proxyTimeoutSeconds((proxyTimeout != null && proxyTimeout > 0) ? proxyTimeout : SipApplicationDefinition.DEFAULT_PROXY_TIMEOUT_SECONDS)
                .initParameters(initParameters).security(ApplicationSecurity.of(info)).build();
    }

    private static Object instantiate(String className, ClassLoader loader, Instantiator instantiator, String role) throws SipDeploymentException {
        try {
            return instantiator.create(loader.loadClass(className));
        } catch (ClassNotFoundException e) {
            throw new SipDeploymentException("The " + role + " class " + className + " is not in the application");
        } catch (NoSuchMethodException e) {
            throw new SipDeploymentException("The " + role + " class " + className + " has no public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new SipDeploymentException("The constructor of " + role + " class " + className + " failed: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SipDeploymentException("The " + role + " class " + className + " cannot be instantiated: " + e);
        }
    }
}
