package org.wildfly.extension.sip.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.as.ee.component.BindingConfiguration;
import org.jboss.as.ee.component.EEModuleDescription;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.wildfly.extras.sip.container.deployment.EnvironmentReference;
import org.wildfly.extras.sip.container.deployment.ServletInfo;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * Resolves a SIP application once its class loader exists: merges the annotations of its classes into its descriptor,
 * checks that every servlet and listener class is there, claims its application name, and binds its resources into
 * {@code java:comp/env/sip/<app-name>/}. Each problem fails the deployment here, before anything starts.
 */
final class SipApplicationProcessor implements DeploymentUnitProcessor {

    private static final System.Logger LOGGER = System.getLogger(SipApplicationProcessor.class.getName());

    @Override
    public void deploy(DeploymentPhaseContext context) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = context.getDeploymentUnit();
        SipContent content = unit.getAttachment(SipAttachments.SIP_CONTENT);
        if (content == null) {
            return;
        }
        ClassLoader loader = unit.getAttachment(Attachments.MODULE).getClassLoader();
        SipDeploymentInfo info;
        try {
            info = SipAnnotations.merge(content.descriptor(), load(unit, loader, content.annotatedClasses()));
        } catch (SipDeploymentException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, e.getMessage()), e);
        }
        boolean descriptorTimeout = content.descriptor() != null && content.descriptor().getSessionTimeout() != null;
        if (!descriptorTimeout && !content.annotatedSessionTimeout()) {
            // the merge took @SipApplication's default timeout: the application set none, so the sip subsystem's default-session-timeout applies
            info.setSessionTimeout(null);
        }
        for (ServletInfo servlet : info.getServlets()) {
            check(unit, loader, servlet.getClassName(), (servlet.getOrigin() != null ? servlet.getOrigin() + ": " : "") + "servlet '" + servlet.getName() + "'");
        }
        for (String listener : info.getListeners()) {
            check(unit, loader, listener, content.descriptorPath() + " or @SipListener: listener");
        }
        if (content.descriptor() != null) {
            checkEnumEntries(unit, loader, content.descriptor());
        }
        for (String unsupported : info.getUnsupported()) {
            LOGGER.log(System.Logger.Level.WARNING, "SIP application {0} ({1}): {2}", info.getApplicationName(), unit.getName(), unsupported);
        }
        String holder = SipApplicationNames.reserve(info.getApplicationName(), unit.getName());
        if (holder != null) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, "the application name '" + info.getApplicationName()
                    + "' (<app-name> of " + content.descriptorPath() + " or @SipApplication(name)) is already used by deployment " + holder
                    + "; give one of the two applications another name"));
        }
        SipApplication application = new SipApplication(unit.getName(), info, loader, content.resources(), content.staticResources());
        unit.putAttachment(SipAttachments.SIP_APPLICATION, application);
        bind(unit, application);
        LOGGER.log(System.Logger.Level.DEBUG, "SIP application {0} of {1}: {2}", info.getApplicationName(), unit.getName(), info);
    }

    @Override
    public void undeploy(DeploymentUnit unit) {
        SipApplication application = unit.removeAttachment(SipAttachments.SIP_APPLICATION);
        if (application != null) {
            SipApplicationNames.release(application.name(), unit.getName());
        }
    }

    private static List<Class<?>> load(DeploymentUnit unit, ClassLoader loader, List<String> classNames) throws DeploymentUnitProcessingException {
        List<Class<?>> classes = new ArrayList<>();
        for (String className : classNames) {
            try {
                classes.add(loader.loadClass(className));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, "class " + className + " carries a SIP annotation but cannot be loaded: " + e
                        + "; package the classes it needs in WEB-INF/classes or WEB-INF/lib"), e);
            }
        }
        return classes;
    }

    private static void check(DeploymentUnit unit, ClassLoader loader, String className, String declaredBy) throws DeploymentUnitProcessingException {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, declaredBy + " names class " + className
                    + ", which is not in the deployment; correct the class name, or package the class in WEB-INF/classes or WEB-INF/lib"), e);
        } catch (LinkageError e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, declaredBy + " names class " + className + ", which cannot be loaded: " + e), e);
        }
    }

    /**
     * An env-entry of a type other than java.lang's is an enum and its value one of its constants: EE would fail on
     * anything else with neither the element nor the line.
     */
    private static void checkEnumEntries(DeploymentUnit unit, ClassLoader loader, SipDeploymentInfo descriptor) throws DeploymentUnitProcessingException {
        for (EnvironmentReference entry : descriptor.getEnvironment()) {
            if (!entry.element().equals("env-entry") || entry.type() == null || entry.type().startsWith("java.lang.")) {
                continue;
            }
            String declared = entry.origin() + ": <env-entry> '" + entry.name() + "' of type " + entry.type();
            Class<?> type;
            try {
                type = Class.forName(entry.type(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, declared + ": the class is not in the deployment; an env-entry's type is a java.lang type or an enum the application holds"), e);
            }
            if (!type.isEnum()) {
                throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, declared + ": not an enum; an env-entry's type is String, Character, Boolean, a number type, Class, or an enum"));
            }
            if (entry.value() != null && java.util.Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).noneMatch(entry.value()::equals)) {
                throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, declared + ": its value " + entry.value() + " is none of the constants "
                        + java.util.Arrays.toString(type.getEnumConstants())));
            }
        }
    }

    /** Binds SipFactory, TimerService and SipSessionsUtil under java:comp/env/sip/&lt;app-name&gt;/; in a WAR, java:comp is the module's. */
    private static void bind(DeploymentUnit unit, SipApplication application) {
        EEModuleDescription module = unit.getAttachment(org.jboss.as.ee.component.Attachments.EE_MODULE_DESCRIPTION);
        if (module == null) {
            return;
        }
        for (SipApplicationResources.Kind kind : SipApplicationResources.Kind.values()) {
            module.getBindingConfigurations().add(new BindingConfiguration("java:module/env/" + kind.environmentName(application.name()),
                    new SipResourceInjectionSource(application.resources(), kind)));
        }
    }
}
