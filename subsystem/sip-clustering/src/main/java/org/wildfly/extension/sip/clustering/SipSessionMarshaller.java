package org.wildfly.extension.sip.clustering;

/**
 * How session attributes are serialized for the cache, as in {@code distributable-web}.
 */
public enum SipSessionMarshaller {
    /** JBoss Marshalling: any {@link java.io.Serializable} attribute. */
    JBOSS,
    /** ProtoStream: compact, schema-driven; attribute types need marshallers or fall back to Java serialization. */
    PROTOSTREAM,
    ;
}
