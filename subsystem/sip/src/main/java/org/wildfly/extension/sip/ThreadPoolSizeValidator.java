package org.wildfly.extension.sip;

import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Accepts a number of servlet threads from 1 to {@value #MAX}. The pool is fixed: each thread is a platform thread
 * that lives as long as the container and reserves its stack (1 MiB by default on 64-bit Linux), so a huge value asks
 * for a thread per queued task and the memory of them all. Servlets run one task at a time per application session and
 * should not block; more threads than that only help when they do (a database, a remote call), and even then a few
 * hundred are plenty.
 */
final class ThreadPoolSizeValidator extends ModelTypeValidator {

    static final int MAX = 1024;

    ThreadPoolSizeValidator() {
        super(ModelType.INT, true, true);
    }

    @Override
    public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
        super.validateParameter(parameterName, value);
        if (value.isDefined() && value.getType() != ModelType.EXPRESSION) {
            int size = value.asInt();
            if (size < 1 || size > MAX) {
                throw new OperationFailedException(String.format("%s %d is out of range: give 1 to %d threads (the default is %d). Each is a platform thread kept as long as the server runs;"
                        + " servlets that do not block need about as many as the processors, those that wait on databases or remote calls a few dozen to a few hundred",
                        parameterName, size, MAX, SipSubsystemResourceDefinitionRegistrar.DEFAULT_THREAD_POOL_SIZE));
            }
        }
    }
}
