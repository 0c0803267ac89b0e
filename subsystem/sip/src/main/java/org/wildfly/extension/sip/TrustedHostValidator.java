package org.wildfly.extension.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.common.net.Inet;

/**
 * Accepts one host of {@code trusted-hosts}: an IP address, or a host name this server resolves now. A name that does not
 * resolve is refused rather than kept: a trust domain with a hole in it would answer 403 to every call of that proxy.
 */
class TrustedHostValidator extends ModelTypeValidator {

    TrustedHostValidator() {
        super(ModelType.STRING, false, true, true);
    }

    @Override
    public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
        super.validateParameter(parameterName, value);
        if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
            resolve(parameterName, value.asString());
        }
    }

    /**
     * @param attribute the attribute's name, for the message
     * @param host an IP address or a host name
     * @return every address of the host
     * @throws OperationFailedException if it is neither an IP address nor a name this server resolves
     */
    static List<InetAddress> resolve(String attribute, String host) throws OperationFailedException {
        String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
        InetAddress address = Inet.parseInetAddress(literal);
        if (address != null) {
            return List.of(address);
        }
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            throw new OperationFailedException(String.format("'%s' of %s cannot be resolved to an IP address on this server (%s); give the IP address of the proxy whose"
                    + " P-Asserted-Identity the applications believe, or a host name this server resolves (DNS or /etc/hosts)", host, attribute, e.getMessage()));
        }
    }
}
