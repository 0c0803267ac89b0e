package org.wildfly.extras.sip.clustering.protostream;

import org.wildfly.clustering.marshalling.protostream.AbstractSerializationContextInitializer;
import org.wildfly.clustering.marshalling.protostream.SerializationContext;
import org.wildfly.extras.sip.container.address.AddressImpl;
import org.wildfly.extras.sip.container.address.GenericUriImpl;
import org.wildfly.extras.sip.container.address.ParameterableImpl;
import org.wildfly.extras.sip.container.address.SerialForm;
import org.wildfly.extras.sip.container.address.SipUriImpl;
import org.wildfly.extras.sip.container.address.TelUrlImpl;

/**
 * ProtoStream marshallers of the container's session data and of the SIP values applications keep as attributes.
 * Registered explicitly by the deployment marshaller, before the deployment's own initializers, so that their schemas
 * may refer to ours; never loaded as a service, so the cache container's marshaller does not need our module.
 */
public final class SipSerializationContextInitializer extends AbstractSerializationContextInitializer {

    @Override
    public void registerMarshallers(SerializationContext context) {
        context.registerMarshaller(new DialogStateMarshaller());
        context.registerMarshaller(new TimerDataMarshaller());
        context.registerMarshaller(new SipSessionDataMarshaller());
        context.registerMarshaller(new ApplicationSessionDataMarshaller());
        context.registerMarshaller(new StoredRequestMarshaller());
        context.registerMarshaller(new SerialFormMarshaller<>(AddressImpl.class, SerialForm.Kind.ADDRESS));
        context.registerMarshaller(new SerialFormMarshaller<>(SipUriImpl.class, SerialForm.Kind.URI));
        context.registerMarshaller(new SerialFormMarshaller<>(TelUrlImpl.class, SerialForm.Kind.URI));
        context.registerMarshaller(new SerialFormMarshaller<>(GenericUriImpl.class, SerialForm.Kind.URI));
        context.registerMarshaller(new SerialFormMarshaller<>(ParameterableImpl.class, SerialForm.Kind.PARAMETERABLE));
    }
}
