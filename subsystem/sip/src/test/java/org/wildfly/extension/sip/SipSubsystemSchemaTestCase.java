package org.wildfly.extension.sip;

import java.util.EnumSet;

import org.jboss.as.subsystem.test.AbstractSubsystemSchemaTest;
import org.jboss.as.subsystem.test.AdditionalInitialization;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Boots the subsystem from each schema version's XML, validates it against the XSD and marshals it back unchanged.
 */
@RunWith(Parameterized.class)
public class SipSubsystemSchemaTestCase extends AbstractSubsystemSchemaTest<SipSubsystemSchema> {

    @Parameters
    public static Iterable<SipSubsystemSchema> parameters() {
        return EnumSet.allOf(SipSubsystemSchema.class);
    }

    public SipSubsystemSchemaTestCase(SipSubsystemSchema schema) {
        super(SipSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), new SipExtension(), schema, SipSubsystemSchema.CURRENT);
    }

    @Override
    protected AdditionalInitialization createAdditionalInitialization() {
        return AdditionalInitialization.withCapabilities(this.getSubsystemSchema(), "org.wildfly.network.socket-binding.sip-udp", "org.wildfly.network.socket-binding.sip-tcp",
                "org.wildfly.network.socket-binding.sip-tls", "org.wildfly.security.ssl-context.sip-server", "org.wildfly.security.ssl-context.sip-client");
    }
}
