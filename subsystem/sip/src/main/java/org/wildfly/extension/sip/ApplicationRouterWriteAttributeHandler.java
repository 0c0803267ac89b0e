package org.wildfly.extension.sip;

import java.util.Optional;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.ReloadRequiredWriteAttributeHandler;
import org.jboss.as.controller.registry.Resource;
import org.jboss.dmr.ModelNode;

/**
 * Writes {@code application-router} and {@code application-router-module}, which take effect on reload, and refuses a
 * pair the server could not use then (a module that does not load, a class that is not there or is no provider), so
 * that the operator learns it now, from the operation, rather than from the next boot.
 */
final class ApplicationRouterWriteAttributeHandler extends ReloadRequiredWriteAttributeHandler {

    @Override
    protected void validateUpdatedModel(OperationContext context, Resource resource) throws OperationFailedException {
        super.validateUpdatedModel(context, resource);
        // a domain controller has no runtime to load the router into: its servers check when they boot; at boot, the
        // subsystem's runtime step checks (a failure there leaves the server up, saying why the SIP container is not)
        if (context.getProcessType().isServer() && !context.isBooting()) {
            ModelNode model = resource.getModel();
            ApplicationRouterClass.check(Optional.ofNullable(SipSubsystemResourceDefinitionRegistrar.APPLICATION_ROUTER.resolveModelAttribute(context, model).asStringOrNull()),
                    Optional.ofNullable(SipSubsystemResourceDefinitionRegistrar.APPLICATION_ROUTER_MODULE.resolveModelAttribute(context, model).asStringOrNull()));
        }
    }
}
