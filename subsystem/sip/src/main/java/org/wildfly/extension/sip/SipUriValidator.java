package org.wildfly.extension.sip;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * Accepts a SIP URI without user part, such as {@code sip:10.0.0.10:5060} or {@code sip:lb.example.com;transport=tcp}: the
 * address of a SIP element this server sends to.
 */
class SipUriValidator extends ModelTypeValidator {

    SipUriValidator() {
        super(ModelType.STRING, true, true, true);
    }

    @Override
    public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
        super.validateParameter(parameterName, value);
        if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
            String uri = value.asString();
            String problem;
            try {
                problem = (SipGrammar.parseSipUri(uri).user() != null) ? "it names a user" : null;
            } catch (SyntaxException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                throw new OperationFailedException(String.format("'%s' is not a valid %s (%s): give a SIP URI of a host, e.g. sip:10.0.0.10:5060 or sip:lb.example.com;transport=tcp", uri, parameterName, problem));
            }
        }
    }
}
