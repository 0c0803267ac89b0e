package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.session.StoredRequest;

/** Marshals a request an application keeps as an attribute: its SIP session, its direction, Call-ID, CSeq and the message. */
final class StoredRequestMarshaller implements SipMarshaller<StoredRequest> {

    private static final int SIP_SESSION_ID = 1;
    private static final int RECEIVED = 2;
    private static final int CALL_ID = 3;
    private static final int CSEQ = 4;
    private static final int MESSAGE = 5;

    @Override
    public Class<? extends StoredRequest> getJavaClass() {
        return StoredRequest.class;
    }

    @Override
    public StoredRequest readFrom(ProtoStreamReader reader) throws IOException {
        String[] strings = new String[CSEQ + 1];
        boolean[] received = new boolean[1];
        byte[][] message = new byte[1][];
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case SIP_SESSION_ID, CALL_ID, CSEQ -> strings[index] = reader.readString();
                case RECEIVED -> received[0] = reader.readBool();
                case MESSAGE -> message[0] = reader.readByteArray();
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new StoredRequest(strings[SIP_SESSION_ID], received[0], strings[CALL_ID], strings[CSEQ], message[0]);
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, StoredRequest request) throws IOException {
        writer.writeString(SIP_SESSION_ID, request.sipSessionId());
        writer.writeBool(RECEIVED, request.received());
        SipMarshaller.writeString(writer, CALL_ID, request.callId());
        SipMarshaller.writeString(writer, CSEQ, request.cseq());
        writer.writeBytes(MESSAGE, request.message());
    }
}
