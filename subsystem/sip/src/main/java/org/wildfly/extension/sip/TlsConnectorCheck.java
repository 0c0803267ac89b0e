package org.wildfly.extension.sip;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.OperationStepHandler;
import org.jboss.as.controller.PathAddress;
import org.jboss.dmr.ModelNode;

/**
 * Refuses a TLS connector without an {@code ssl-context} (it would have no keys to present), and an {@code ssl-context}
 * on a connector of another transport (which would be ignored), saying what to change.
 */
final class TlsConnectorCheck implements OperationStepHandler {

    @Override
    public void execute(OperationContext context, ModelNode operation) throws OperationFailedException {
        ModelNode model = context.readResource(PathAddress.EMPTY_ADDRESS).getModel();
        String name = context.getCurrentAddressValue();
        String transport = SipConnectorResourceDefinitionRegistrar.TRANSPORT.resolveModelAttribute(context, model).asString();
        boolean hasContext = model.hasDefined(SipConnectorResourceDefinitionRegistrar.SSL_CONTEXT.getName());
        if (transport.equals(SipTransport.TLS.name()) && !hasContext) {
            throw new OperationFailedException(String.format("A TLS connector needs the keys it presents: add ssl-context=<name> to connector %s, naming an"
                    + " Elytron server-ssl-context (/subsystem=elytron/server-ssl-context=<name>:add(key-manager=...))", name));
        }
        if (!transport.equals(SipTransport.TLS.name()) && hasContext) {
            throw new OperationFailedException(String.format("Connector %s listens on %s, which takes no ssl-context: undefine ssl-context, or set transport=TLS", name, transport));
        }
    }
}
