package org.wildfly.extension.sip.clustering;

/**
 * How session attributes are serialized for the cache, as in {@code distributable-web}.
 */
public enum SipSessionMarshaller {
    /** JBoss Marshalling: any {@link java.io.Serializable} attribute. */
    JBOSS,
    /** ProtoStream: compact and schema-driven; an attribute type needs a marshaller the deployment or the container registers. */
    PROTOSTREAM,
    ;
}
