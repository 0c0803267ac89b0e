package org.wildfly.extras.sip.container;

import java.util.concurrent.Callable;

/**
 * What the host sets up around each call into an application's code on the container's threads: in WildFly, the
 * deployment's naming context ({@code java:comp}), class loader and the rest of what its web requests get.
 */
public interface ApplicationScope {

    /** No set-up: the application's code runs as it is (plain JUnit tests). */
    ApplicationScope NONE = new ApplicationScope() {
        @Override
        public <T> T call(Callable<T> code) throws Exception {
            return code.call();
        }
    };

    /**
     * Runs application code in the application's scope.
     * @param code the code
     * @return what it returns
     * @throws Exception what it throws
     */
    <T> T call(Callable<T> code) throws Exception;

    /**
     * @param servletName a servlet of the application
     * @return the scope that servlet's own code (its init, the requests and responses it handles) runs in: in WildFly,
     *         the identity of its {@code <run-as>}; this scope for a servlet without one
     */
    default ApplicationScope forServlet(String servletName) {
        return this;
    }
}
