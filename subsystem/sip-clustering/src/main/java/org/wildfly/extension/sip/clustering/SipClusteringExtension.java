package org.wildfly.extension.sip.clustering;

import org.jboss.as.controller.Extension;
import org.kohsuke.MetaInfServices;
import org.wildfly.subsystem.SubsystemConfiguration;
import org.wildfly.subsystem.SubsystemExtension;
import org.wildfly.subsystem.SubsystemPersistence;

/**
 * Registers the {@code sip-clustering} subsystem.
 */
@MetaInfServices(Extension.class)
public class SipClusteringExtension extends SubsystemExtension<SipClusteringSubsystemSchema> {

    public SipClusteringExtension() {
        super(SubsystemConfiguration.of(SipClusteringSubsystemResourceDefinitionRegistrar.REGISTRATION, SipClusteringSubsystemModel.CURRENT, SipClusteringSubsystemResourceDefinitionRegistrar::new),
                SubsystemPersistence.of(SipClusteringSubsystemSchema.CURRENT));
    }
}
