package org.wildfly.extension.sip;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.wildfly.extras.sip.container.OverloadLimits;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * The resolved attributes of the {@code sip} subsystem, as the SIP container consumes them.
 * @param advertisedHost the host put into Via, Contact and Record-Route instead of the connector's own address, e.g. a load balancer
 * @param advertisedPort the port that goes with {@code advertisedHost}
 * @param outboundProxy the SIP URI every request the container sends goes through first, e.g. the load balancer, or empty
 * @param applicationRouter the class name of a {@code javax.servlet.sip.ar.spi.SipApplicationRouterProvider}, or empty for the one the JSR 289 system property names, else the default application router
 * @param applicationRouterModule the JBoss module that holds the router, or empty for the subsystem's own module
 * @param defaultSessionTimeoutMinutes the application-session timeout of applications that set none; 0 or less means never
 * @param threadPoolSize the number of threads that run SIP servlets
 * @param overload where the container stops taking new calls
 * @param transportLimits what peers may take of the node
 * @param trustedHosts the addresses whose P-Asserted-Identity is believed (RFC 3325's trust domain)
 */
public record SipServerConfiguration(Optional<String> advertisedHost, OptionalInt advertisedPort, Optional<String> outboundProxy, Optional<String> applicationRouter, Optional<String> applicationRouterModule, int defaultSessionTimeoutMinutes, int threadPoolSize, OverloadLimits overload,
        TransportLimits transportLimits, Set<InetAddress> trustedHosts) {
}
