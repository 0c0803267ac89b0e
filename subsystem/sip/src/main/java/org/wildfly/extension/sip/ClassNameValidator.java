package org.wildfly.extension.sip;

import java.util.regex.Pattern;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Accepts a fully qualified Java class name.
 */
class ClassNameValidator extends ModelTypeValidator {

    private static final String IDENTIFIER = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    private static final Pattern CLASS_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");

    ClassNameValidator() {
        super(ModelType.STRING, true, true, true);
    }

    @Override
    public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
        super.validateParameter(parameterName, value);
        if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
            String name = value.asString();
            if (!CLASS_NAME.matcher(name).matches()) {
                throw new OperationFailedException(String.format("'%s' is not a valid %s: give the fully qualified name of a class that extends javax.servlet.sip.ar.spi.SipApplicationRouterProvider, e.g. com.example.MyRouterProvider", name, parameterName));
            }
        }
    }
}
