package org.wildfly.extension.sip;

import org.jboss.as.controller.ModelVersion;
import org.jboss.as.controller.SubsystemModel;

/**
 * Management model versions of the {@code sip} subsystem.
 */
public enum SipSubsystemModel implements SubsystemModel {

    VERSION_1_0_0(1, 0, 0), // sip-clustering 0.1
    ;
    public static final SipSubsystemModel CURRENT = VERSION_1_0_0;

    private final ModelVersion version;

    SipSubsystemModel(int major, int minor, int micro) {
        this.version = ModelVersion.create(major, minor, micro);
    }

    @Override
    public ModelVersion getVersion() {
        return this.version;
    }
}
