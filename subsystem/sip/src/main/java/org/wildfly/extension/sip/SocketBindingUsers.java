package org.wildfly.extension.sip;

import java.util.Optional;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.OperationStepHandler;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.descriptions.ModelDescriptionConstants;
import org.jboss.as.controller.registry.Resource;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Refuses a connector whose socket binding something else already listens on: another SIP connector of the same
 * transport, or a resource of another subsystem or of the management interfaces ({@code http}, {@code https},
 * {@code management-http}, {@code jgroups-*}, ...). The socket-binding capability may be required by any number of
 * resources, so the capability registry does not tell; the model does: a resource that listens on a binding names it in
 * an attribute called {@code socket-binding} or {@code ...-socket-binding}. Without this check, the SIP container or the
 * other listener fails to bind at the next reload, or, with different transports, both start and share the port.
 * A UDP and a TCP (or TLS) SIP connector may share one binding: SIP listens on both transports at one port. TCP and TLS
 * both listen on a TCP port, so they may not.
 */
final class SocketBindingUsers implements OperationStepHandler {

    private static final String SOCKET_BINDING = "socket-binding";

    @Override
    public void execute(OperationContext context, ModelNode operation) throws OperationFailedException {
        // at boot the other subsystems are not all read yet: a clash then shows as a port that cannot be bound
        if (context.isBooting()) {
            return;
        }
        ModelNode model = context.readResource(PathAddress.EMPTY_ADDRESS).getModel();
        String binding = model.get(SOCKET_BINDING).asString();
        String transport = model.get(SipConnectorResourceDefinitionRegistrar.TRANSPORT.getName()).asString();
        PathAddress self = context.getCurrentAddress();
        Optional<PathAddress> user = user(context, PathAddress.EMPTY_ADDRESS, binding, transport, self);
        if (user.isPresent()) {
            PathAddress other = user.get();
            String who = isSipConnector(other) ? "SIP connector " + other.getLastElement().getValue() : other.toCLIStyleString();
            throw new OperationFailedException(String.format("Socket binding %s is already used by %s; give connector %s a socket binding of its own",
                    binding, who, self.getLastElement().getValue()));
        }
    }

    /** The first resource under {@code address} (subsystems and management interfaces) that listens on the binding. */
    private static Optional<PathAddress> user(OperationContext context, PathAddress address, String binding, String transport, PathAddress self) {
        Resource resource = context.readResourceFromRoot(address, false);
        if (resource.isRuntime() || resource.isProxy()) {
            return Optional.empty(); // no configuration there
        }
        if (!address.equals(self) && usesBinding(resource.getModel(), binding) && !(isSipConnector(address) && canShare(resource.getModel(), transport))) {
            return Optional.of(address);
        }
        for (String type : resource.getChildTypes()) {
            if (address.size() == 0 && !type.equals(ModelDescriptionConstants.SUBSYSTEM) && !type.equals(ModelDescriptionConstants.CORE_SERVICE)) {
                continue; // socket-binding-group defines bindings, deployments run on them: only subsystems and management listen
            }
            for (String name : resource.getChildrenNames(type)) {
                if (address.size() == 0 && type.equals(ModelDescriptionConstants.CORE_SERVICE) && !name.equals(ModelDescriptionConstants.MANAGEMENT)) {
                    continue;
                }
                Optional<PathAddress> user = user(context, address.append(type, name), binding, transport, self);
                if (user.isPresent()) {
                    return user;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean usesBinding(ModelNode model, String binding) {
        if (!model.isDefined() || model.getType() != ModelType.OBJECT) {
            return false;
        }
        for (String attribute : model.keys()) {
            if (attribute.equals(SOCKET_BINDING) || attribute.endsWith("-" + SOCKET_BINDING)) {
                ModelNode value = model.get(attribute);
                if (value.getType() == ModelType.STRING && value.asString().equals(binding)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSipConnector(PathAddress address) {
        return address.size() == 2 && address.getElement(0).equals(SipSubsystemResourceDefinitionRegistrar.REGISTRATION.getPathElement())
                && address.getElement(1).getKey().equals(SipConnectorResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey());
    }

    /** A UDP connector shares a port with one on TCP or TLS; two on TCP ports do not. */
    private static boolean canShare(ModelNode connector, String transport) {
        String other = connector.get(SipConnectorResourceDefinitionRegistrar.TRANSPORT.getName()).asString();
        return !other.equals(transport) && (other.equals(SipTransport.UDP.name()) || transport.equals(SipTransport.UDP.name()));
    }
}
