package org.wildfly.extension.sip;

import java.util.Optional;

import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.modules.Module;
import org.jboss.modules.ModuleLoadException;
import org.wildfly.extras.sip.container.router.ApplicationRouterProviders;

/**
 * Finds the class of the application router provider the {@code sip} subsystem is set up with: the one
 * {@code application-router} names, or, when it is undefined, the JSR 289 system property
 * {@value ApplicationRouterProviders#PROVIDER_PROPERTY}; in the JBoss module {@code application-router-module} names, or
 * else in this subsystem's own module (which sees the container, e.g. its {@code DefaultApplicationRouterProvider}).
 * A name it cannot use is an {@link OperationFailedException} that names it and says what to change: the server never
 * falls back to the default router behind the operator's back.
 */
final class ApplicationRouterClass {

    private static final String OWN_MODULE = "org.wildfly.extension.sip";

    private ApplicationRouterClass() {
    }

    /**
     * @param attribute the value of {@code application-router}
     * @param module the value of {@code application-router-module}
     * @return the provider class, or empty for the default application router
     * @throws OperationFailedException if the module or the class cannot be used
     */
    static Optional<Class<? extends SipApplicationRouterProvider>> find(Optional<String> attribute, Optional<String> module) throws OperationFailedException {
        Optional<String> property = Optional.ofNullable(System.getProperty(ApplicationRouterProviders.PROVIDER_PROPERTY)).map(String::trim).filter(name -> !name.isEmpty());
        ClassLoader loader = loader(module);
        if (attribute.isPresent()) {
            return Optional.of(find(attribute.get(), "application-router", loader, module));
        }
        if (property.isPresent()) {
            return Optional.of(find(property.get(), "the system property " + ApplicationRouterProviders.PROVIDER_PROPERTY, loader, module));
        }
        return Optional.empty();
    }

    /**
     * Checks what an operator writes, before it is kept: the module loads and the class there is a provider.
     * @param attribute the value of {@code application-router}
     * @param module the value of {@code application-router-module}
     * @throws OperationFailedException if either cannot be used
     */
    static void check(Optional<String> attribute, Optional<String> module) throws OperationFailedException {
        ClassLoader loader = loader(module);
        if (attribute.isPresent()) {
            find(attribute.get(), "application-router", loader, module);
        }
    }

    private static Class<? extends SipApplicationRouterProvider> find(String className, String namedBy, ClassLoader loader, Optional<String> module) throws OperationFailedException {
        String where = module.map(name -> "module " + name).orElse("the sip subsystem's module " + OWN_MODULE);
        try {
            return ApplicationRouterProviders.providerClass(className, loader, where);
        } catch (IllegalArgumentException e) {
            String remedy = module.isPresent()
                    ? "check the class name, or put the router's jar into module " + module.get()
                    : "install the router's jar as a JBoss module and name it in application-router-module, or check the class name";
            throw new OperationFailedException("The application router named by " + namedBy + " cannot be used: " + e.getMessage()
                    + "; " + remedy + " (a subclass of " + ApplicationRouterProviders.PROVIDER_PROPERTY + ")");
        }
    }

    private static ClassLoader loader(Optional<String> module) throws OperationFailedException {
        if (module.isEmpty()) {
            return ApplicationRouterClass.class.getClassLoader();
        }
        try {
            return Module.getBootModuleLoader().loadModule(module.get()).getClassLoader();
        } catch (ModuleLoadException e) {
            throw new OperationFailedException("The application-router-module " + module.get() + " cannot be loaded (" + e.getMessage()
                    + "); install the router's jar as that module first, e.g. with the CLI: module add --name=" + module.get()
                    + " --resources=/path/to/router.jar --dependencies=javax.servlet.sip.api");
        }
    }
}
