package org.wildfly.extension.sip;

import java.util.List;

import javax.net.ssl.SSLContext;

import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.OperationStepHandler;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.ReloadRequiredWriteAttributeHandler;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.descriptions.ResourceDescriptionResolver;
import org.jboss.as.controller.operations.validation.EnumValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.Resource;
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

    static final CapabilityReferenceAttributeDefinition<SSLContext> SSL_CONTEXT = new CapabilityReferenceAttributeDefinition.Builder<>("ssl-context", CapabilityReference.builder(CONNECTOR, SipServiceDescriptor.SSL_CONTEXT).build())
            .setRequired(false)
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(SOCKET_BINDING, TRANSPORT, SSL_CONTEXT);

    static final AttributeDefinition MESSAGES_RECEIVED = new SimpleAttributeDefinitionBuilder("messages-received", ModelType.LONG)
            .setStorageRuntime().addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition MESSAGES_SENT = new SimpleAttributeDefinitionBuilder("messages-sent", ModelType.LONG)
            .setStorageRuntime().addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition MALFORMED_MESSAGES = new SimpleAttributeDefinitionBuilder("malformed-messages", ModelType.LONG)
            .setStorageRuntime().addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ResourceDescriptionResolver resolver = SipSubsystemResourceDefinitionRegistrar.RESOLVER.createChildResolver(REGISTRATION.getPathElement());
        // a socket binding something else listens on is refused by the operation, not found out at the next reload
        OperationStepHandler tls = new TlsConnectorCheck();
        OperationStepHandler socketBindingUsers = new SocketBindingUsers();
        ReloadRequiredWriteAttributeHandler writer = new ReloadRequiredWriteAttributeHandler() {
            @Override
            protected void validateUpdatedModel(OperationContext context, Resource resource) throws OperationFailedException {
                super.validateUpdatedModel(context, resource);
                context.addStep(socketBindingUsers, OperationContext.Stage.MODEL);
                context.addStep(tls, OperationContext.Stage.MODEL);
            }
        };
        ResourceDescriptor descriptor = ResourceDescriptor.builder(resolver)
                .addAttribute(SOCKET_BINDING, writer)
                .addAttribute(TRANSPORT, writer)
                .addAttribute(SSL_CONTEXT, writer)
                .withAddResourceOperationTransformation(add -> (operationContext, operation) -> {
                    add.execute(operationContext, operation);
                    operationContext.addStep(socketBindingUsers, OperationContext.Stage.MODEL);
                    operationContext.addStep(tls, OperationContext.Stage.MODEL);
                })
                .addCapability(CONNECTOR)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .build();
        ManagementResourceRegistration registration = parent.registerSubModel(ResourceDefinition.builder(REGISTRATION, resolver).build());
        ManagementResourceRegistrar.of(descriptor).register(registration);
        registration.registerMetric(MESSAGES_RECEIVED, metric(org.wildfly.extras.sip.container.RuntimeStatistics.Connector::messagesReceived));
        registration.registerMetric(MESSAGES_SENT, metric(org.wildfly.extras.sip.container.RuntimeStatistics.Connector::messagesSent));
        registration.registerMetric(MALFORMED_MESSAGES, metric(org.wildfly.extras.sip.container.RuntimeStatistics.Connector::malformedMessages));
        return registration;
    }

    /** A live count of the running container's listening point for this connector's transport. */
    private static org.jboss.as.controller.OperationStepHandler metric(java.util.function.ToLongFunction<org.wildfly.extras.sip.container.RuntimeStatistics.Connector> count) {
        return new org.jboss.as.controller.AbstractRuntimeOnlyHandler() {
            @Override
            protected void executeRuntimeStep(OperationContext context, ModelNode operation) throws OperationFailedException {
                org.wildfly.extras.sip.container.SipContainer container = SipRuntime.container();
                if (container == null) {
                    return;
                }
                String transport = TRANSPORT.resolveModelAttribute(context, context.readResource(org.jboss.as.controller.PathAddress.EMPTY_ADDRESS).getModel()).asString();
                for (org.wildfly.extras.sip.container.RuntimeStatistics.Connector connector : container.connectorStatistics()) {
                    if (connector.listeningPoint().transport().name().equals(transport)) {
                        context.getResult().set(count.applyAsLong(connector));
                    }
                }
            }
        };
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        SipTransport transport = SipTransport.valueOf(TRANSPORT.resolveModelAttribute(context, model).asString());
        ServiceDependency<SocketBinding> socketBinding = SOCKET_BINDING.resolve(context, model);
        ServiceDependency<SSLContext> sslContext = SSL_CONTEXT.resolve(context, model);
        return CapabilityServiceInstaller.builder(CONNECTOR, socketBinding.combine(sslContext, (binding, ssl) -> new SipConnectorConfiguration(name, transport, binding, ssl))).build();
    }
}
