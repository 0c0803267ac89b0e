package org.wildfly.extension.sip.clustering;

/**
 * Names of the capabilities of the {@code infinispan} subsystem that the test configurations refer to.
 */
final class SipClusteringCapabilities {

    static final String[] WEB_CONTAINER = {
        "org.wildfly.clustering.infinispan.default-cache-configuration.web",
        "org.wildfly.clustering.infinispan.cache-configuration.web.repl",
    };

    private SipClusteringCapabilities() {
    }
}
