package org.wildfly.extras.sip.container.router;

import java.lang.reflect.InvocationTargetException;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * Makes an application router from the name of its {@link SipApplicationRouterProvider} (JSR 289 §15.4.2). Each
 * problem with the name is an {@link IllegalArgumentException} whose message names the class and what is wrong with it.
 */
public final class ApplicationRouterProviders {

    /** The system property that names the provider of the application router (JSR 289 §15.4.2). */
    public static final String PROVIDER_PROPERTY = "javax.servlet.sip.ar.spi.SipApplicationRouterProvider";

    private ApplicationRouterProviders() {
    }

    /**
     * @param className the provider's fully qualified class name
     * @param loader the class loader to find it with
     * @param where that loader as a message names it, e.g. {@code module com.example.router}
     * @return the provider class
     * @throws IllegalArgumentException if the loader has no such class, or the class is no provider
     */
    public static Class<? extends SipApplicationRouterProvider> providerClass(String className, ClassLoader loader, String where) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("There is no class " + className + " in " + where, e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("Class " + className + " of " + where + " cannot be loaded: " + e, e);
        }
        if (SipApplicationRouterProvider.class.isAssignableFrom(type)) {
            return type.asSubclass(SipApplicationRouterProvider.class);
        }
        for (Class<?> superclass = type.getSuperclass(); superclass != null; superclass = superclass.getSuperclass()) {
            if (superclass.getName().equals(PROVIDER_PROPERTY)) {
                // the router came with its own copy of the SIP Servlet API
                throw new IllegalArgumentException(className + " of " + where + " extends another copy of " + PROVIDER_PROPERTY
                        + " than the container's: do not package the SIP Servlet API with the router, depend on the container's (module javax.servlet.sip.api)");
            }
        }
        throw new IllegalArgumentException(className + " does not extend " + PROVIDER_PROPERTY + " (found in " + where + ")");
    }

    /**
     * Creates the provider with its public constructor without parameters, as JSR 289 asks, and takes its router.
     * @param type the provider class
     * @return its application router
     * @throws IllegalArgumentException if the provider cannot be created or gives no router
     */
    public static SipApplicationRouter router(Class<? extends SipApplicationRouterProvider> type) {
        SipApplicationRouterProvider provider;
        try {
            provider = type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public constructor without parameters, which JSR 289 asks of an application router provider", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("The constructor of " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException(type.getName() + " cannot be instantiated: " + e, e);
        }
        SipApplicationRouter router;
        try {
            router = provider.getSipApplicationRouter();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException(type.getName() + ".getSipApplicationRouter() failed: " + e, e);
        }
        if (router == null) {
            throw new IllegalArgumentException(type.getName() + ".getSipApplicationRouter() gave no router");
        }
        return router;
    }
}
