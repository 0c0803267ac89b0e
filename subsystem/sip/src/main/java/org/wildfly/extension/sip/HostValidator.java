package org.wildfly.extension.sip;

import java.util.regex.Pattern;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.common.net.Inet;

/**
 * Accepts what may stand in the host part of a SIP URI (RFC 3261 §25.1): a host name, an IPv4 address or an IPv6 address.
 */
class HostValidator extends ModelTypeValidator {

    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    HostValidator() {
        super(ModelType.STRING, true, true, true);
    }

    @Override
    public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
        super.validateParameter(parameterName, value);
        if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
            String host = value.asString();
            String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
            if (!HOST_NAME.matcher(host).matches() && Inet.parseInetAddress(literal) == null) {
                throw new OperationFailedException(String.format("'%s' is not a valid %s: give a host name (e.g. sip.example.com) or an IP address (e.g. 192.0.2.10 or [2001:db8::10]), without scheme or port", host, parameterName));
            }
        }
    }
}
