package org.wildfly.extension.sip;

import javax.net.ssl.SSLContext;

import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

/**
 * Capabilities of the {@code sip} subsystem, for the SIP container and for other subsystems.
 */
public interface SipServiceDescriptor {

    /** The resolved attributes of the subsystem. */
    NullaryServiceDescriptor<SipServerConfiguration> SERVER_CONFIGURATION = NullaryServiceDescriptor.of("org.wildfly.sip.server-configuration", SipServerConfiguration.class);

    /** The running SIP Servlet container, listening on every connector. */
    NullaryServiceDescriptor<SipContainer> CONTAINER = NullaryServiceDescriptor.of("org.wildfly.sip.container", SipContainer.class);

    /**
     * An Elytron SSL context, by name ({@code server-ssl-context} or {@code client-ssl-context} of the {@code elytron}
     * subsystem): the capability Undertow's https-listener refers to as well.
     */
    UnaryServiceDescriptor<SSLContext> SSL_CONTEXT = UnaryServiceDescriptor.of("org.wildfly.security.ssl-context", SSLContext.class);

    /** A SIP connector, by name. */
    UnaryServiceDescriptor<SipConnectorConfiguration> CONNECTOR = UnaryServiceDescriptor.of("org.wildfly.sip.connector", SipConnectorConfiguration.class);
}
