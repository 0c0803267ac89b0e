package org.wildfly.extras.sip.container.deployment;

/**
 * A SIP application that cannot be deployed: a malformed or invalid {@code sip.xml}, wrong annotations, or a conflict
 * between the two. The message says where: the descriptor and line, or the annotated class.
 */
public class SipDeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, and where
     */
    public SipDeploymentException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, and where
     * @param cause the underlying failure
     */
    public SipDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
