package org.wildfly.extension.sip.deployment;

import java.util.function.Supplier;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;

/**
 * Runs a SIP application on the container for as long as its web deployment's servlet context lives: started after the
 * web application's own listeners, with the very servlet context its HTTP servlets get.
 */
final class SipApplicationLifecycle implements ServletExtension, ServletContextListener {

    private static final System.Logger LOGGER = System.getLogger(SipApplicationLifecycle.class.getName());

    private final SipApplication application;
    private final Supplier<SipContainer> container;

    SipApplicationLifecycle(SipApplication application, Supplier<SipContainer> container) {
        this.application = application;
        this.container = container;
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        // sip.xml's context parameters belong to the one servlet context, beside web.xml's
        this.application.info().getContextParams().forEach(deployment::addInitParameter);
        deployment.addListener(new ListenerInfo(SipApplicationLifecycle.class, new ImmediateInstanceFactory<>(this)));
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SipContainer container = this.container.get();
        String name = this.application.name();
        SipApplicationDefinition definition;
        try {
            definition = SipDeployments.definition(this.application.info(), this.application.classLoader(), event.getServletContext());
        } catch (SipDeploymentException e) {
            throw new IllegalStateException(this.failure(e.getMessage()), e);
        }
        try {
            container.deploy(definition);
        } catch (ServletException | RuntimeException e) {
            container.undeploy(name);
            throw new IllegalStateException(this.failure("it did not start: " + e), e);
        }
        this.application.resources().capture(event.getServletContext());
        LOGGER.log(System.Logger.Level.INFO, "SIP application {0} deployed from {1}, servlets {2}", name, this.application.deployment(), definition.servlets().keySet());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        this.application.resources().clear();
        SipContainer container = this.container.get();
        if (container != null) {
            container.undeploy(this.application.name());
        }
        LOGGER.log(System.Logger.Level.INFO, "SIP application {0} undeployed from {1}", this.application.name(), this.application.deployment());
    }

    private String failure(String reason) {
        return "SIP application " + this.application.deployment() + " cannot be deployed: " + reason;
    }
}
