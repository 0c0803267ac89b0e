package org.wildfly.extension.sip;

import org.jboss.as.controller.SubsystemSchema;
import org.jboss.as.controller.persistence.xml.ResourceXMLParticleFactory;
import org.jboss.as.controller.persistence.xml.SubsystemResourceRegistrationXMLElement;
import org.jboss.as.controller.persistence.xml.SubsystemResourceXMLSchema;
import org.jboss.as.controller.xml.VersionedNamespace;
import org.jboss.as.controller.xml.XMLCardinality;
import org.jboss.staxmapper.IntVersion;

/**
 * XML schema versions of the {@code sip} subsystem: {@code urn:wildfly:sip:X.Y}.
 * The XML is derived from the resource registrations; there is no hand-written parser.
 */
public enum SipSubsystemSchema implements SubsystemResourceXMLSchema<SipSubsystemSchema> {

    VERSION_1_0(1, 0), // sip-clustering 0.1
    ;
    public static final SipSubsystemSchema CURRENT = VERSION_1_0;

    private final ResourceXMLParticleFactory factory = ResourceXMLParticleFactory.newInstance(this);
    private final VersionedNamespace<IntVersion, SipSubsystemSchema> namespace;

    SipSubsystemSchema(int major, int minor) {
        this.namespace = SubsystemSchema.createSubsystemURN(SipSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), new IntVersion(major, minor));
    }

    @Override
    public VersionedNamespace<IntVersion, SipSubsystemSchema> getNamespace() {
        return this.namespace;
    }

    @Override
    public SubsystemResourceRegistrationXMLElement getSubsystemXMLElement() {
        return this.factory.subsystemElement(SipSubsystemResourceDefinitionRegistrar.REGISTRATION)
                .addAttributes(SipSubsystemResourceDefinitionRegistrar.ATTRIBUTES)
                .withContent(this.factory.sequence()
                        .addElement(this.factory.namedElement(SipConnectorResourceDefinitionRegistrar.REGISTRATION)
                                .addAttributes(SipConnectorResourceDefinitionRegistrar.ATTRIBUTES)
                                .withCardinality(XMLCardinality.Unbounded.OPTIONAL)
                                .build())
                        .build())
                .build();
    }
}
