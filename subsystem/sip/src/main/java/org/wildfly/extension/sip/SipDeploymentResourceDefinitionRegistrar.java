package org.wildfly.extension.sip;

import org.jboss.as.controller.AbstractRuntimeOnlyHandler;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.SubsystemRegistration;
import org.jboss.as.controller.descriptions.ModelDescriptionConstants;
import org.jboss.as.controller.descriptions.ParentResourceDescriptionResolver;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.extension.sip.deployment.SipDeploymentChain;
import org.wildfly.extension.sip.deployment.SipDeploymentRuntime;

/**
 * Registers {@code /deployment=*&#47;subsystem=sip}: the SIP application a deployment runs, its servlets, and live numbers.
 */
final class SipDeploymentResourceDefinitionRegistrar {

    static final ParentResourceDescriptionResolver RESOLVER = SipSubsystemResourceDefinitionRegistrar.RESOLVER.createChildResolver(PathElement.pathElement(ModelDescriptionConstants.DEPLOYMENT));

    // application-name and servlets are written into the deployment's model by the deployment processor
    static final AttributeDefinition APPLICATION_NAME = new SimpleAttributeDefinitionBuilder(SipDeploymentChain.APPLICATION_NAME, ModelType.STRING).setStorageRuntime().build();
    static final AttributeDefinition SERVLETS = new StringListAttributeDefinition.Builder(SipDeploymentChain.SERVLETS).setStorageRuntime().build();
    // written by the deployment processor for a distributable application only
    static final AttributeDefinition SESSION_MANAGEMENT = new SimpleAttributeDefinitionBuilder("session-management", ModelType.STRING, true).setStorageRuntime().build();
    static final AttributeDefinition CACHE = new SimpleAttributeDefinitionBuilder("cache", ModelType.STRING, true).setStorageRuntime().build();
    // written by the deployment processor for an application with security constraints only
    static final AttributeDefinition SECURITY_DOMAIN = new SimpleAttributeDefinitionBuilder("security-domain", ModelType.STRING, true).setStorageRuntime().build();
    static final AttributeDefinition APPLICATION_SESSIONS = new SimpleAttributeDefinitionBuilder("active-application-sessions", ModelType.INT).setStorageRuntime().build();
    static final AttributeDefinition SIP_SESSIONS = new SimpleAttributeDefinitionBuilder("active-sip-sessions", ModelType.INT).setStorageRuntime().build();
    static final AttributeDefinition MESSAGES_IN = new SimpleAttributeDefinitionBuilder("messages-in", ModelType.LONG).setStorageRuntime()
            .addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition MESSAGES_OUT = new SimpleAttributeDefinitionBuilder("messages-out", ModelType.LONG).setStorageRuntime()
            .addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();

    static final AttributeDefinition CALLS_ACTIVE = new SimpleAttributeDefinitionBuilder("calls-active", ModelType.INT).setStorageRuntime()
            .addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.GAUGE_METRIC).build();
    static final AttributeDefinition CALLS_STARTED = counter("calls-started");
    static final AttributeDefinition SESSIONS_TAKEN_OVER = counter("sessions-taken-over");
    static final AttributeDefinition STORE_WRITES = counter("store-writes");
    static final AttributeDefinition RETRIED_REQUESTS = counter("retried-requests");
    static final AttributeDefinition AVERAGE_STORE_TIME = new SimpleAttributeDefinitionBuilder("average-store-time", ModelType.LONG).setStorageRuntime()
            .setMeasurementUnit(org.jboss.as.controller.client.helpers.MeasurementUnit.MICROSECONDS)
            .addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.GAUGE_METRIC).build();

    private static AttributeDefinition counter(String name) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.LONG).setStorageRuntime()
                .addFlag(org.jboss.as.controller.registry.AttributeAccess.Flag.COUNTER_METRIC).build();
    }

    static final AttributeDefinition CALL_ID = new SimpleAttributeDefinitionBuilder("call-id", ModelType.STRING).build();
    /** Lists the calls of the deployment, one row per SIP session, with the node that owns each. */
    static final org.jboss.as.controller.OperationDefinition LIST_CALLS = new org.jboss.as.controller.SimpleOperationDefinitionBuilder("list-calls", RESOLVER)
            .setRuntimeOnly().setReadOnly().setReplyType(ModelType.LIST).setReplyValueType(ModelType.OBJECT).build();
    /** Reads one call: the application sessions that hold a SIP session of that Call-ID. */
    static final org.jboss.as.controller.OperationDefinition READ_CALL = new org.jboss.as.controller.SimpleOperationDefinitionBuilder("read-call", RESOLVER)
            .addParameter(CALL_ID).setRuntimeOnly().setReadOnly().setReplyType(ModelType.LIST).setReplyValueType(ModelType.OBJECT).build();

    void register(SubsystemRegistration parent) {
        ResourceDefinition definition = ResourceDefinition.builder(ResourceRegistration.of(SipSubsystemResourceDefinitionRegistrar.REGISTRATION.getPathElement()), RESOLVER).asRuntime().build();
        ManagementResourceRegistration registration = parent.registerDeploymentModel(definition);
        registration.registerReadOnlyAttribute(APPLICATION_NAME, null);
        registration.registerReadOnlyAttribute(SERVLETS, null);
        registration.registerReadOnlyAttribute(SESSION_MANAGEMENT, null);
        registration.registerReadOnlyAttribute(CACHE, null);
        registration.registerReadOnlyAttribute(SECURITY_DOMAIN, null);
        registration.registerMetric(APPLICATION_SESSIONS, new AbstractRuntimeOnlyHandler() {
            @Override
            protected void executeRuntimeStep(OperationContext context, ModelNode operation) {
                String deployment = deploymentName(operation);
                int sessions = SipDeploymentRuntime.applicationSessions(deployment);
                if (sessions >= 0) {
                    context.getResult().set(sessions);
                }
            }
        });
        registration.registerMetric(SIP_SESSIONS, statistic(statistics -> statistics.sipSessions()));
        registration.registerMetric(MESSAGES_IN, statistic(statistics -> statistics.messagesIn()));
        registration.registerMetric(MESSAGES_OUT, statistic(statistics -> statistics.messagesOut()));
        registration.registerMetric(CALLS_ACTIVE, statistic(statistics -> statistics.callsActive()));
        registration.registerMetric(CALLS_STARTED, statistic(statistics -> statistics.callsStarted()));
        registration.registerMetric(SESSIONS_TAKEN_OVER, statistic(statistics -> statistics.sessionsTakenOver()));
        registration.registerMetric(STORE_WRITES, statistic(statistics -> statistics.storedUnits()));
        registration.registerMetric(AVERAGE_STORE_TIME, statistic(statistics -> statistics.averageStoreMicros()));
        registration.registerMetric(RETRIED_REQUESTS, statistic(statistics -> statistics.retriedRequests()));
        registration.registerOperationHandler(LIST_CALLS, new SipCallsHandler.ListCalls());
        registration.registerOperationHandler(READ_CALL, new SipCallsHandler.ReadCall());
    }

    /** @return the name of the deployment an operation on {@code /deployment=*&#47;subsystem=sip} addresses */
    static String deploymentName(ModelNode operation) {
        return PathAddress.pathAddress(operation.get(ModelDescriptionConstants.OP_ADDR)).getElement(0).getValue();
    }

    private static AbstractRuntimeOnlyHandler statistic(java.util.function.ToLongFunction<org.wildfly.extras.sip.container.RuntimeStatistics.Application> figure) {
        return new AbstractRuntimeOnlyHandler() {
            @Override
            protected void executeRuntimeStep(OperationContext context, ModelNode operation) {
                String deployment = deploymentName(operation);
                org.wildfly.extras.sip.container.RuntimeStatistics.Application statistics = SipDeploymentRuntime.statistics(deployment);
                if (statistics != null) {
                    context.getResult().set(figure.applyAsLong(statistics));
                }
            }
        };
    }
}
