package org.wildfly.extension.sip;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import javax.net.ssl.SSLContext;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.jboss.as.controller.AbstractRuntimeOnlyHandler;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ControlledProcessState;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.OperationStepHandler;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.ProcessStateNotifier;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.SubsystemRegistration;
import org.jboss.as.controller.SubsystemResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.descriptions.ParentResourceDescriptionResolver;
import org.jboss.as.controller.descriptions.SubsystemResourceDescriptionResolver;
import org.jboss.as.controller.operations.validation.EnumValidator;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.as.controller.operations.validation.StringLengthValidator;
import org.jboss.as.controller.registry.AttributeAccess;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.server.suspend.SuspendableActivityRegistry;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.extension.sip.deployment.SipDeploymentChain;
import org.wildfly.extras.sip.container.HostResources;
import org.wildfly.extras.sip.container.OverloadLimits;
import org.wildfly.extras.sip.container.RuntimeStatistics;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.router.ApplicationRouterProviders;
import org.wildfly.extras.sip.container.router.DefaultApplicationRouter;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.TransportLimits;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.service.Installer.StartWhen;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.ResourceDescriptor;
import org.wildfly.subsystem.resource.SubsystemResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;

/**
 * Registers {@code /subsystem=sip} and translates its attributes into a {@link SipServerConfiguration}.
 */
public class SipSubsystemResourceDefinitionRegistrar implements SubsystemResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final SubsystemResourceRegistration REGISTRATION = SubsystemResourceRegistration.of("sip");
    static final ParentResourceDescriptionResolver RESOLVER = new SubsystemResourceDescriptionResolver(REGISTRATION.getName(), SipSubsystemResourceDefinitionRegistrar.class);

    static final RuntimeCapability<Void> SERVER_CONFIGURATION = RuntimeCapability.Builder.of(SipServiceDescriptor.SERVER_CONFIGURATION).build();
    static final RuntimeCapability<Void> CONTAINER = RuntimeCapability.Builder.of(SipServiceDescriptor.CONTAINER).build();

    static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 3; // JSR 289 §6.1.2.2.2 suggests three minutes
    static final int DEFAULT_THREAD_POOL_SIZE = 16;

    static final SimpleAttributeDefinition ADVERTISED_HOST = new SimpleAttributeDefinitionBuilder("advertised-host", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new HostValidator())
            .build();
    static final SimpleAttributeDefinition ADVERTISED_PORT = new SimpleAttributeDefinitionBuilder("advertised-port", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setRequires(ADVERTISED_HOST.getName())
            .setValidator(new IntRangeValidator(1, 65535, true, true))
            .build();
    static final SimpleAttributeDefinition OUTBOUND_PROXY = new SimpleAttributeDefinitionBuilder("outbound-proxy", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new SipUriValidator())
            .build();
    static final SimpleAttributeDefinition APPLICATION_ROUTER = new SimpleAttributeDefinitionBuilder("application-router", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new ClassNameValidator())
            .build();
    static final SimpleAttributeDefinition APPLICATION_ROUTER_MODULE = new SimpleAttributeDefinitionBuilder("application-router-module", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new StringLengthValidator(1, true, true))
            .build();
    static final SimpleAttributeDefinition DEFAULT_SESSION_TIMEOUT = new SimpleAttributeDefinitionBuilder("default-session-timeout", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(DEFAULT_SESSION_TIMEOUT_MINUTES))
            .setMeasurementUnit(MeasurementUnit.MINUTES)
            .setValidator(new IntRangeValidator(0, true, true))
            .build();
    static final SimpleAttributeDefinition THREAD_POOL_SIZE = new SimpleAttributeDefinitionBuilder("thread-pool-size", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(DEFAULT_THREAD_POOL_SIZE))
            .setValidator(new ThreadPoolSizeValidator())
            .build();

    // a million queued messages is minutes of work for any node: past that, the limit protects nothing
    static final SimpleAttributeDefinition MAX_QUEUED_MESSAGES = new SimpleAttributeDefinitionBuilder("max-queued-messages", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(OverloadLimits.DEFAULT.maxQueuedMessages()))
            .setValidator(new IntRangeValidator(1, 1_000_000, true, true))
            .build();
    static final SimpleAttributeDefinition MAX_CALL_RATE = new SimpleAttributeDefinitionBuilder("max-call-rate", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(OverloadLimits.DEFAULT.maxCallRate()))
            .setMeasurementUnit(MeasurementUnit.PER_SECOND)
            .setValidator(new IntRangeValidator(0, 1_000_000, true, true))
            .build();

    // the context of the TLS connections the container opens (requests to sips: targets); undefined: the JVM's default
    static final CapabilityReferenceAttributeDefinition<SSLContext> CLIENT_SSL_CONTEXT = new CapabilityReferenceAttributeDefinition.Builder<>("client-ssl-context",
            CapabilityReference.builder(CONTAINER, SipServiceDescriptor.SSL_CONTEXT).build())
            .setRequired(false)
            .build();

    // RFC 3325's trust domain: the hosts whose P-Asserted-Identity applications with an <identity-assertion> believe
    static final StringListAttributeDefinition TRUSTED_HOSTS = new StringListAttributeDefinition.Builder("trusted-hosts")
            .setRequired(false)
            .setAllowExpression(true)
            .setElementValidator(new TrustedHostValidator())
            .build();

    // what peers may take of the node (TransportLimits): a few thousand connections and messages of a few MiB are what a
    // 512 MB server can hold; the bounds only keep out values that cannot work
    static final SimpleAttributeDefinition MAX_TCP_CONNECTIONS = limit("max-tcp-connections", TransportLimits.DEFAULTS.maxTcpConnections(), 1, 1_000_000, null);
    static final SimpleAttributeDefinition MAX_MESSAGE_SIZE = limit("max-message-size", TransportLimits.DEFAULTS.maxMessageSize(), 1024, 16 * 1024 * 1024, MeasurementUnit.BYTES);
    static final SimpleAttributeDefinition MAX_HEADER_SIZE = limit("max-header-size", TransportLimits.DEFAULTS.maxHeaderSize(), 512, 16 * 1024 * 1024, MeasurementUnit.BYTES);
    static final SimpleAttributeDefinition TCP_IDLE_TIMEOUT = limit("tcp-idle-timeout", (int) TransportLimits.DEFAULTS.tcpIdleTimeout().toSeconds(), 1, 86_400, MeasurementUnit.SECONDS);
    static final SimpleAttributeDefinition TCP_READ_TIMEOUT = limit("tcp-read-timeout", (int) TransportLimits.DEFAULTS.tcpReadTimeout().toSeconds(), 1, 3_600, MeasurementUnit.SECONDS);
    static final SimpleAttributeDefinition UDP_BACKLOG = limit("udp-backlog", TransportLimits.DEFAULTS.udpBacklog(), 65_536, 1024 * 1024 * 1024, MeasurementUnit.BYTES);

    static final List<AttributeDefinition> ATTRIBUTES = List.of(ADVERTISED_HOST, ADVERTISED_PORT, OUTBOUND_PROXY, APPLICATION_ROUTER, APPLICATION_ROUTER_MODULE, DEFAULT_SESSION_TIMEOUT, THREAD_POOL_SIZE,
            MAX_QUEUED_MESSAGES, MAX_CALL_RATE, MAX_TCP_CONNECTIONS, MAX_MESSAGE_SIZE, MAX_HEADER_SIZE, TCP_IDLE_TIMEOUT, TCP_READ_TIMEOUT, UDP_BACKLOG,
            CLIENT_SSL_CONTEXT, TRUSTED_HOSTS);

    private static SimpleAttributeDefinition limit(String name, int defaultValue, int min, int max, MeasurementUnit unit) {
        SimpleAttributeDefinitionBuilder builder = new SimpleAttributeDefinitionBuilder(name, ModelType.INT)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue))
                .setValidator(new IntRangeValidator(min, max, true, true));
        if (unit != null) {
            builder.setMeasurementUnit(unit);
        }
        return builder.build();
    }

    static final AttributeDefinition QUEUED_MESSAGES = new SimpleAttributeDefinitionBuilder("queued-messages", ModelType.INT)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.GAUGE_METRIC).build();
    static final AttributeDefinition REFUSED_REQUESTS = new SimpleAttributeDefinitionBuilder("refused-requests", ModelType.LONG)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition DROPPED_DATAGRAMS = new SimpleAttributeDefinitionBuilder("dropped-datagrams", ModelType.LONG)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition RETRIED_REQUESTS = new SimpleAttributeDefinitionBuilder("retried-requests", ModelType.LONG)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition MALFORMED_MESSAGES = new SimpleAttributeDefinitionBuilder("malformed-messages", ModelType.LONG)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.COUNTER_METRIC).build();
    static final AttributeDefinition CALLS_IN_PROGRESS = new SimpleAttributeDefinitionBuilder("calls-in-progress", ModelType.INT)
            .setStorageRuntime().addFlag(AttributeAccess.Flag.GAUGE_METRIC).build();
    static final AttributeDefinition SUSPEND_STATE = new SimpleAttributeDefinitionBuilder("suspend-state", ModelType.STRING)
            .setStorageRuntime().setValidator(EnumValidator.create(SipContainer.State.class)).build();

    @Override
    public ManagementResourceRegistration register(SubsystemRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = parent.registerSubsystemModel(ResourceDefinition.builder(REGISTRATION, RESOLVER).build());
        ApplicationRouterWriteAttributeHandler routerWriter = new ApplicationRouterWriteAttributeHandler();
        ResourceDescriptor descriptor = ResourceDescriptor.builder(RESOLVER)
                .addAttributes(ATTRIBUTES.stream().filter(attribute -> attribute != APPLICATION_ROUTER && attribute != APPLICATION_ROUTER_MODULE).toList())
                .addAttribute(APPLICATION_ROUTER, routerWriter)
                .addAttribute(APPLICATION_ROUTER_MODULE, routerWriter)
                .addCapabilities(List.of(SERVER_CONFIGURATION, CONTAINER))
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .withDeploymentChainContributor(new SipDeploymentChain())
                .build();
        ManagementResourceRegistrar.of(descriptor).register(registration);
        registration.registerMetric(QUEUED_MESSAGES, overloadMetric(overload -> overload.queuedMessages()));
        registration.registerMetric(REFUSED_REQUESTS, overloadMetric(RuntimeStatistics.Overload::refusedRequests));
        registration.registerMetric(DROPPED_DATAGRAMS, overloadMetric(RuntimeStatistics.Overload::droppedDatagrams));
        registration.registerMetric(RETRIED_REQUESTS, overloadMetric(RuntimeStatistics.Overload::retriedRequests));
        registration.registerMetric(MALFORMED_MESSAGES, overloadMetric(RuntimeStatistics.Overload::malformedMessages));
        registration.registerMetric(CALLS_IN_PROGRESS, containerFigure(container -> new ModelNode(container.callsInProgress())));
        registration.registerReadOnlyAttribute(SUSPEND_STATE, containerFigure(container -> new ModelNode(container.state().name())));

        new SipConnectorResourceDefinitionRegistrar().register(registration, context);
        if (context.isRuntimeOnlyRegistrationValid()) {
            new SipDeploymentResourceDefinitionRegistrar().register(parent);
        }

        return registration;
    }

    /** A live figure of the running container's overload control; undefined while no container runs. */
    private static OperationStepHandler overloadMetric(ToLongFunction<RuntimeStatistics.Overload> figure) {
        return new AbstractRuntimeOnlyHandler() {
            @Override
            protected void executeRuntimeStep(OperationContext context, ModelNode operation) {
                SipContainer container = SipRuntime.container();
                if (container != null) {
                    context.getResult().set(figure.applyAsLong(container.overloadStatistics()));
                }
            }
        };
    }

    /** A live figure of the running container; undefined while no container runs. */
    private static OperationStepHandler containerFigure(Function<SipContainer, ModelNode> figure) {
        return new AbstractRuntimeOnlyHandler() {
            @Override
            protected void executeRuntimeStep(OperationContext context, ModelNode operation) {
                SipContainer container = SipRuntime.container();
                if (container != null) {
                    context.getResult().set(figure.apply(container));
                }
            }
        };
    }

    private static TransportLimits transportLimits(OperationContext context, ModelNode model) throws OperationFailedException {
        int messageSize = MAX_MESSAGE_SIZE.resolveModelAttribute(context, model).asInt();
        // the header fields are part of the message: a larger max-header-size means the whole message may be header
        int headerSize = Math.min(MAX_HEADER_SIZE.resolveModelAttribute(context, model).asInt(), messageSize);
        return new TransportLimits(MAX_TCP_CONNECTIONS.resolveModelAttribute(context, model).asInt(), messageSize, headerSize,
                Duration.ofSeconds(TCP_IDLE_TIMEOUT.resolveModelAttribute(context, model).asInt()), Duration.ofSeconds(TCP_READ_TIMEOUT.resolveModelAttribute(context, model).asInt()),
                UDP_BACKLOG.resolveModelAttribute(context, model).asInt());
    }

    /** @return every address of the trusted hosts, host names resolved now (at boot, or when the container restarts) */
    private static Set<InetAddress> trustedHosts(OperationContext context, ModelNode model) throws OperationFailedException {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String host : TRUSTED_HOSTS.unwrap(context, model)) {
            addresses.addAll(TrustedHostValidator.resolve(TRUSTED_HOSTS.getName(), host));
        }
        return addresses;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        ModelNode port = ADVERTISED_PORT.resolveModelAttribute(context, model);
        SipServerConfiguration configuration = new SipServerConfiguration(
                Optional.ofNullable(ADVERTISED_HOST.resolveModelAttribute(context, model).asStringOrNull()),
                port.isDefined() ? OptionalInt.of(port.asInt()) : OptionalInt.empty(),
                Optional.ofNullable(OUTBOUND_PROXY.resolveModelAttribute(context, model).asStringOrNull()),
                Optional.ofNullable(APPLICATION_ROUTER.resolveModelAttribute(context, model).asStringOrNull()),
                Optional.ofNullable(APPLICATION_ROUTER_MODULE.resolveModelAttribute(context, model).asStringOrNull()),
                DEFAULT_SESSION_TIMEOUT.resolveModelAttribute(context, model).asInt(),
                THREAD_POOL_SIZE.resolveModelAttribute(context, model).asInt(),
                new OverloadLimits(MAX_QUEUED_MESSAGES.resolveModelAttribute(context, model).asInt(), MAX_CALL_RATE.resolveModelAttribute(context, model).asInt()),
                transportLimits(context, model), trustedHosts(context, model));
        ResourceServiceInstaller configurationInstaller = CapabilityServiceInstaller.builder(SERVER_CONFIGURATION, configuration).build();

        // the container listens on every connector; adding or removing one takes a reload
        List<ServiceDependency<SipConnectorConfiguration>> connectors = new ArrayList<>();
        for (String name : context.readResource(PathAddress.EMPTY_ADDRESS).getChildrenNames(SipConnectorResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())) {
            connectors.add(ServiceDependency.on(SipServiceDescriptor.CONNECTOR, name));
        }
        ServiceDependency<ProcessStateNotifier> processState = ServiceDependency.on(ProcessStateNotifier.SERVICE_DESCRIPTOR);
        ServiceDependency<SuspendableActivityRegistry> activities = ServiceDependency.on(SuspendableActivityRegistry.SERVICE_DESCRIPTOR);
        AtomicReference<SipSuspendableActivity> activity = new AtomicReference<>();
        ServiceDependency<SSLContext> clientSslContext = CLIENT_SSL_CONTEXT.resolve(context, model);
        // the server's threads for SIP, lent to the container: named after the subsystem, as many as thread-pool-size,
        // stopped after the container
        AtomicReference<HostResources> threads = new AtomicReference<>();
        Supplier<SipContainer> container = () -> {
            // a router the server cannot use fails the SIP container's start, naming it, never the default router instead:
            // the server then says "started (with errors)" and lists the SIP container among the failed services
            Class<? extends SipApplicationRouterProvider> routerProvider;
            try {
                routerProvider = ApplicationRouterClass.find(configuration.applicationRouter(), configuration.applicationRouterModule()).orElse(null);
            } catch (OperationFailedException e) {
                throw new IllegalStateException("The SIP container cannot start: " + e.getFailureDescription().asString(), e);
            }
            HostResources lent = HostResources.standalone("sip", configuration.threadPoolSize(), clientSslContext.get());
            try {
                SipContainer started = start(configuration, routerProvider, connectors, lent);
                threads.set(lent);
                // in the server's suspend and resume from now on: a server not running yet (booting, or started with
                // --start-mode=suspend) or suspended has the registry suspend the container at once
                activity.set(new SipSuspendableActivity(started));
                activities.get().registerActivity(activity.get());
                return openWhenBooted(started, processState.get());
            } catch (RuntimeException e) {
                lent.shutdown();
                throw e;
            }
        };
        ResourceServiceInstaller containerInstaller = CapabilityServiceInstaller.builder(CONTAINER, Function.identity(), container)
                .requires(connectors)
                .requires(processState)
                .requires(activities)
                .requires(clientSslContext)
                .onStart(SipRuntime::started)
                .onStop(running -> {
                    activities.get().unregisterActivity(activity.getAndSet(null));
                    SipRuntime.stopped(running);
                    running.close();
                    threads.getAndSet(null).shutdown();
                })
                .blocking()
                .startWhen(StartWhen.INSTALLED)
                .build();
        return ResourceServiceInstaller.combine(configurationInstaller, containerInstaller);
    }

    /**
     * Opens the container once the server has booted, its deployments with it: until then a balancer's probe gets 503, and
     * no call, new or failed over, is sent to a node whose applications are not there yet.
     */
    private static SipContainer openWhenBooted(SipContainer container, ProcessStateNotifier processState) {
        if (processState.getCurrentState() != ControlledProcessState.State.STARTING) {
            container.open(); // the container restarted on a running server
            return container;
        }
        processState.addPropertyChangeListener(new PropertyChangeListener() {
            @Override
            public void propertyChange(PropertyChangeEvent event) {
                if (event.getNewValue() != ControlledProcessState.State.STARTING && event.getNewValue() != ControlledProcessState.State.STOPPING) {
                    processState.removePropertyChangeListener(this);
                    container.open();
                }
            }
        });
        return container;
    }

    /**
     * @param routerProvider the class of the custom application router's provider, or {@code null} for the default application router
     */
    private static SipContainer start(SipServerConfiguration configuration, Class<? extends SipApplicationRouterProvider> routerProvider, List<ServiceDependency<SipConnectorConfiguration>> connectors,
            HostResources resources) {
        List<ListeningPoint> points = new ArrayList<>();
        java.util.Map<ListeningPoint, String> connectorOfPoint = new java.util.HashMap<>();
        for (ServiceDependency<SipConnectorConfiguration> dependency : connectors) {
            SipConnectorConfiguration connector = dependency.get();
            ListeningPoint point = new ListeningPoint(Transport.valueOf(connector.transport().name()), connector.socketBinding().getAddress().getHostAddress(), connector.socketBinding().getAbsolutePort(),
                    connector.sslContext());
            // two socket bindings of one port: the model cannot see it, the stack would refuse the second cryptically;
            // TCP and TLS both listen on a TCP port
            Transport socketType = (point.transport() == Transport.UDP) ? Transport.UDP : Transport.TCP;
            String other = connectorOfPoint.putIfAbsent(new ListeningPoint(socketType, point.host(), point.port()), connector.name());
            if (other != null) {
                throw new IllegalStateException("The SIP container cannot start: connectors " + other + " and " + connector.name() + " both listen on " + point
                        + "; give one of them a socket binding on another port, or remove it");
            }
            points.add(point);
        }
        SipApplicationRouter router;
        try {
            router = (routerProvider != null) ? ApplicationRouterProviders.router(routerProvider) : new DefaultApplicationRouter();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The SIP container cannot start: " + e.getMessage() + "; correct the router, or undefine application-router for the default application router", e);
        }
        try {
            return SipContainer.start(new SipContainer.Configuration(points, configuration.advertisedHost().orElse(null), configuration.advertisedPort().orElse(-1),
                    configuration.threadPoolSize(), router, configuration.defaultSessionTimeoutMinutes()).withOutboundProxy(configuration.outboundProxy().orElse(null)).unavailableUntilOpened()
                    .withOverloadLimits(configuration.overload()).withTransportLimits(configuration.transportLimits())
                    .withTrustedHosts(configuration.trustedHosts()),
                    resources);
        } catch (IOException e) {
            throw new IllegalStateException("The SIP container cannot start: " + e.getMessage()
                    + "; if another process holds that port, stop it or give the connector's socket binding another port", e);
        }
    }
}
