package org.wildfly.extras.sip.container;

/**
 * The application stops: a message or timer that reached it too late is not given to its code. On a leaving node the
 * request is answered 503, and the balancer gives it to another node.
 */
final class ApplicationStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ApplicationStoppedException(String applicationName) {
        super("Application " + applicationName + " is stopping");
    }
}
