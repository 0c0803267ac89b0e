package org.wildfly.extras.sip.clustering;

import org.jboss.marshalling.ClassResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.wildfly.clustering.marshalling.ByteBufferMarshaller;
import org.wildfly.clustering.marshalling.jboss.JBossByteBufferMarshaller;
import org.wildfly.clustering.marshalling.jboss.MarshallingConfigurationBuilder;
import org.wildfly.clustering.marshalling.jboss.MarshallingConfigurationRepository;
import org.wildfly.clustering.marshalling.protostream.ClassLoaderMarshaller;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamByteBufferMarshaller;
import org.wildfly.clustering.marshalling.protostream.SerializationContextBuilder;
import org.wildfly.extras.sip.clustering.protostream.SipSerializationContextInitializer;

/** How a deployment's session data and attributes become bytes. */
public enum SessionMarshaller {
    /** ProtoStream: the container's types by our schema, the application's by its own initializers or WildFly's built-in ones. */
    PROTOSTREAM {
        @Override
        public ByteBufferMarshaller create(ClassLoader loader, ClassResolver resolver) {
            return new ProtoStreamByteBufferMarshaller(SerializationContextBuilder.newInstance(ClassLoaderMarshaller.of(loader))
                    .register(new SipSerializationContextInitializer())
                    .load(loader)
                    .build());
        }
    },
    /** JBoss Marshalling: {@code Serializable} types; the container's addresses travel as text through {@code writeReplace}. */
    JBOSS {
        @Override
        public ByteBufferMarshaller create(ClassLoader loader, ClassResolver resolver) {
            return new JBossByteBufferMarshaller(MarshallingConfigurationRepository.from(MarshallingConfigurationBuilder.newInstance(resolver).load(loader).build()), loader);
        }
    };

    /**
     * @param loader the deployment's class loader
     * @param resolver how JBoss Marshalling names and finds classes (WildFly: by module; ignored by PROTOSTREAM)
     * @return the deployment's marshaller
     */
    public abstract ByteBufferMarshaller create(ClassLoader loader, ClassResolver resolver);

    /**
     * @param loader the deployment's class loader, which also resolves classes (a flat class path, as in tests)
     * @return the deployment's marshaller
     */
    public ByteBufferMarshaller create(ClassLoader loader) {
        return this.create(loader, new SimpleClassResolver(loader));
    }
}
