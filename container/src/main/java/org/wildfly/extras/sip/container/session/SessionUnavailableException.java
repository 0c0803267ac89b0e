package org.wildfly.extras.sip.container.session;

/**
 * An application session that cannot be had now, although it may exist: a message on another node holds it longer
 * than the store waits, or the cluster has not yet dropped a failed node that held it. Trying again shortly may succeed.
 */
public final class SessionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SessionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
