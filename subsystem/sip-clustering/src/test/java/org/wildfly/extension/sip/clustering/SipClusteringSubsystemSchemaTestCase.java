package org.wildfly.extension.sip.clustering;

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
public class SipClusteringSubsystemSchemaTestCase extends AbstractSubsystemSchemaTest<SipClusteringSubsystemSchema> {

    @Parameters
    public static Iterable<SipClusteringSubsystemSchema> parameters() {
        return EnumSet.allOf(SipClusteringSubsystemSchema.class);
    }

    public SipClusteringSubsystemSchemaTestCase(SipClusteringSubsystemSchema schema) {
        super(SipClusteringSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), new SipClusteringExtension(), schema, SipClusteringSubsystemSchema.CURRENT);
    }

    @Override
    protected AdditionalInitialization createAdditionalInitialization() {
        return AdditionalInitialization.withCapabilities(this.getSubsystemSchema(), SipClusteringCapabilities.WEB_CONTAINER);
    }
}
