package org.wildfly.extension.sip;

import java.util.List;

import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.descriptions.ResourceDescriptionResolver;
import org.jboss.as.controller.operations.validation.EnumValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.network.SocketBinding;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.ResourceDescriptor;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;

/**
 * Registers {@code /subsystem=sip/connector=*}: a transport listening on a socket binding.
 */
public class SipConnectorResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("connector"));

    static final RuntimeCapability<Void> CONNECTOR = RuntimeCapability.Builder.of(SipServiceDescriptor.CONNECTOR).build();

    static final CapabilityReferenceAttributeDefinition<SocketBinding> SOCKET_BINDING = new CapabilityReferenceAttributeDefinition.Builder<>("socket-binding", CapabilityReference.builder(CONNECTOR, SocketBinding.SERVICE_DESCRIPTOR).build())
            .build();
    static final SimpleAttributeDefinition TRANSPORT = new SimpleAttributeDefinitionBuilder("transport", ModelType.STRING)
            .setRequired(true)
            .setAllowExpression(true)
            .setValidator(EnumValidator.create(SipTransport.class))
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(SOCKET_BINDING, TRANSPORT);

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ResourceDescriptionResolver resolver = SipSubsystemResourceDefinitionRegistrar.RESOLVER.createChildResolver(REGISTRATION.getPathElement());
        ResourceDescriptor descriptor = ResourceDescriptor.builder(resolver)
                .addAttributes(ATTRIBUTES)
                .addCapability(CONNECTOR)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .build();
        ManagementResourceRegistration registration = parent.registerSubModel(ResourceDefinition.builder(REGISTRATION, resolver).build());
        ManagementResourceRegistrar.of(descriptor).register(registration);
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        SipTransport transport = SipTransport.valueOf(TRANSPORT.resolveModelAttribute(context, model).asString());
        ServiceDependency<SocketBinding> socketBinding = SOCKET_BINDING.resolve(context, model);
        return CapabilityServiceInstaller.builder(CONNECTOR, socketBinding.map(binding -> new SipConnectorConfiguration(name, transport, binding))).build();
    }
}
