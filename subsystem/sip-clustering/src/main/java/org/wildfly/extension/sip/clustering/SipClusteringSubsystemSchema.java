package org.wildfly.extension.sip.clustering;

import org.jboss.as.controller.SubsystemSchema;
import org.jboss.as.controller.persistence.xml.ResourceXMLParticleFactory;
import org.jboss.as.controller.persistence.xml.SubsystemResourceRegistrationXMLElement;
import org.jboss.as.controller.persistence.xml.SubsystemResourceXMLSchema;
import org.jboss.as.controller.xml.VersionedNamespace;
import org.jboss.as.controller.xml.XMLCardinality;
import org.jboss.staxmapper.IntVersion;

/**
 * XML schema versions of the {@code sip-clustering} subsystem: {@code urn:wildfly:sip-clustering:X.Y}.
 */
public enum SipClusteringSubsystemSchema implements SubsystemResourceXMLSchema<SipClusteringSubsystemSchema> {

    VERSION_1_0(1, 0), // sip-clustering 0.1
    ;
    public static final SipClusteringSubsystemSchema CURRENT = VERSION_1_0;

    private final ResourceXMLParticleFactory factory = ResourceXMLParticleFactory.newInstance(this);
    private final VersionedNamespace<IntVersion, SipClusteringSubsystemSchema> namespace;

    SipClusteringSubsystemSchema(int major, int minor) {
        this.namespace = SubsystemSchema.createSubsystemURN(SipClusteringSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), new IntVersion(major, minor));
    }

    @Override
    public VersionedNamespace<IntVersion, SipClusteringSubsystemSchema> getNamespace() {
        return this.namespace;
    }

    @Override
    public SubsystemResourceRegistrationXMLElement getSubsystemXMLElement() {
        return this.factory.subsystemElement(SipClusteringSubsystemResourceDefinitionRegistrar.REGISTRATION)
                .addAttribute(SipClusteringSubsystemResourceDefinitionRegistrar.DEFAULT_SESSION_MANAGEMENT)
                .withContent(this.factory.sequence()
                        .addElement(this.factory.namedElement(InfinispanSessionManagementResourceDefinitionRegistrar.REGISTRATION)
                                .addAttributes(InfinispanSessionManagementResourceDefinitionRegistrar.ATTRIBUTES)
                                .withCardinality(XMLCardinality.Unbounded.REQUIRED)
                                .build())
                        .build())
                .build();
    }
}
