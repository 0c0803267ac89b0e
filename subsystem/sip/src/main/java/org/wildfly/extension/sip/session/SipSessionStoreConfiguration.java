package org.wildfly.extension.sip.session;

import org.jboss.modules.Module;
import org.jboss.msc.service.ServiceName;

/**
 * What a session management provider is told about the distributable deployment whose session store it installs.
 * @param deploymentName the deployment's unique name, e.g. {@code app.war} or {@code ear.ear.app.war}
 * @param applicationName the SIP application's name
 * @param module the deployment's module: its class loader and module loader resolve attribute classes
 * @param serviceName the name of the service that provides the store
 */
public record SipSessionStoreConfiguration(String deploymentName, String applicationName, Module module, ServiceName serviceName) {
}
