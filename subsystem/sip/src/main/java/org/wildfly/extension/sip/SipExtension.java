package org.wildfly.extension.sip;

import org.jboss.as.controller.Extension;
import org.kohsuke.MetaInfServices;
import org.wildfly.subsystem.SubsystemConfiguration;
import org.wildfly.subsystem.SubsystemExtension;
import org.wildfly.subsystem.SubsystemPersistence;

/**
 * Registers the {@code sip} subsystem.
 */
@MetaInfServices(Extension.class)
public class SipExtension extends SubsystemExtension<SipSubsystemSchema> {

    public SipExtension() {
        super(SubsystemConfiguration.of(SipSubsystemResourceDefinitionRegistrar.REGISTRATION, SipSubsystemModel.CURRENT, SipSubsystemResourceDefinitionRegistrar::new),
                SubsystemPersistence.of(SipSubsystemSchema.CURRENT));
    }
}
