package org.wildfly.extension.sip.clustering;

import java.util.List;
import java.util.stream.Stream;

import org.jboss.as.clustering.controller.EnumAttributeDefinition;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.descriptions.ResourceDescriptionResolver;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.wildfly.clustering.infinispan.service.InfinispanCacheConfigurationAttributeGroup;
import org.wildfly.clustering.server.service.CacheConfigurationAttributeGroup;
import org.wildfly.extension.sip.session.SipSessionGranularity;
import org.wildfly.extension.sip.session.SipSessionManagementProvider;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.ResourceDescriptor;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;

/**
 * Registers {@code /subsystem=sip-clustering/infinispan-session-management=*}, named and shaped as its {@code distributable-web} namesake.
 */
public class InfinispanSessionManagementResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("infinispan-session-management"));

    static final RuntimeCapability<Void> SESSION_MANAGEMENT_PROVIDER = RuntimeCapability.Builder.of(SipSessionManagementProvider.SERVICE_DESCRIPTOR)
            .setAllowMultipleRegistrations(true)
            .build();

    static final CacheConfigurationAttributeGroup CACHE_ATTRIBUTE_GROUP = new InfinispanCacheConfigurationAttributeGroup(SESSION_MANAGEMENT_PROVIDER);
    static final EnumAttributeDefinition<SipSessionGranularity> GRANULARITY = new EnumAttributeDefinition.Builder<>("granularity", SipSessionGranularity.class).build();
    // ProtoStream by default, as the project's plan asks (distributable-web keeps JBoss Marshalling for compatibility; we have no old data)
    static final EnumAttributeDefinition<SipSessionMarshaller> MARSHALLER = new EnumAttributeDefinition.Builder<>("marshaller", SipSessionMarshaller.PROTOSTREAM).build();

    static final List<AttributeDefinition> ATTRIBUTES = Stream.concat(CACHE_ATTRIBUTE_GROUP.getAttributes().stream(), Stream.of(GRANULARITY, MARSHALLER)).toList();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ResourceDescriptionResolver resolver = SipClusteringSubsystemResourceDefinitionRegistrar.RESOLVER.createChildResolver(REGISTRATION.getPathElement());
        ResourceDescriptor descriptor = ResourceDescriptor.builder(resolver)
                .addAttributes(ATTRIBUTES)
                .addCapability(SESSION_MANAGEMENT_PROVIDER)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .build();
        ManagementResourceRegistration registration = parent.registerSubModel(ResourceDefinition.builder(REGISTRATION, resolver).build());
        ManagementResourceRegistrar.of(descriptor).register(registration);
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        SipSessionManagementProvider provider = new InfinispanSipSessionManagementProvider(CACHE_ATTRIBUTE_GROUP.resolve(context, model), GRANULARITY.resolve(context, model), MARSHALLER.resolve(context, model));
        return CapabilityServiceInstaller.builder(SESSION_MANAGEMENT_PROVIDER, provider).build();
    }
}
