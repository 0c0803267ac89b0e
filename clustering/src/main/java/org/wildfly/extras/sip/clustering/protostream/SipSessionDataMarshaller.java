package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.session.SipSessionData;

/** Marshals a SIP session: its attributes, state, dialog, routing, and its role as user agent, proxy or B2BUA leg. */
final class SipSessionDataMarshaller implements SipMarshaller<SipSessionData> {

    private static final int ID = 1;
    private static final int CREATION_TIME = 2;
    private static final int LAST_ACCESSED_TIME = 3;
    private static final int HANDLER = 4;
    private static final int STATE = 5;
    private static final int DIALOG = 6;
    private static final int LOCAL_PARTY = 7;
    private static final int REMOTE_PARTY = 8;
    private static final int CALL_ID = 9;
    private static final int ROUTING_REGION = 10;
    private static final int SUBSCRIBER_URI = 11;
    private static final int ROLE = 12;
    private static final int RECORD_ROUTED = 13;
    private static final int SUPERVISED = 14;
    private static final int LINKED_SESSION_ID = 15;
    private static final int VALID = 16;
    private static final int INVALIDATE_WHEN_READY = 17;
    private static final int ATTRIBUTE_NAME = 18;
    private static final int ATTRIBUTE_VALUE = 19;
    private static final int RECEIVED_INVITE = 20;
    private static final int SENT_INVITE = 21;
    private static final int RECEIVED_SUCCESS = 22;
    private static final int PROXIED_SUBSCRIPTION = 23;
    private static final int PROXIED_DIALOG_TAG = 24;

    @Override
    public Class<? extends SipSessionData> getJavaClass() {
        return SipSessionData.class;
    }

    @Override
    public SipSessionData readFrom(ProtoStreamReader reader) throws IOException {
        String[] strings = new String[LINKED_SESSION_ID + 1];
        long[] times = new long[2];
        DialogState[] dialog = new DialogState[1];
        // supervised, valid and invalidate-when-ready default to true, as in a new session
        boolean[] flags = { false, true, true, true, false };
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        byte[][] invites = new byte[3][];
        String[] proxiedDialogTag = new String[1];
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case ID, HANDLER, STATE, LOCAL_PARTY, REMOTE_PARTY, CALL_ID, ROUTING_REGION, SUBSCRIBER_URI, ROLE, LINKED_SESSION_ID -> strings[index] = reader.readString();
                case CREATION_TIME -> times[0] = reader.readSInt64();
                case LAST_ACCESSED_TIME -> times[1] = reader.readSInt64();
                case DIALOG -> dialog[0] = reader.readObject(DialogState.class);
                case RECORD_ROUTED -> flags[0] = reader.readBool();
                case SUPERVISED -> flags[1] = reader.readBool();
                case VALID -> flags[2] = reader.readBool();
                case INVALIDATE_WHEN_READY -> flags[3] = reader.readBool();
                case ATTRIBUTE_NAME -> names.add(reader.readString());
                case ATTRIBUTE_VALUE -> values.add(reader.readAny());
                case RECEIVED_INVITE -> invites[0] = reader.readByteArray();
                case SENT_INVITE -> invites[1] = reader.readByteArray();
                case RECEIVED_SUCCESS -> invites[2] = reader.readByteArray();
                case PROXIED_SUBSCRIPTION -> flags[4] = reader.readBool();
                case PROXIED_DIALOG_TAG -> proxiedDialogTag[0] = reader.readString();
                default -> {
                    return false;
                }
            }
            return true;
        });
        SipSessionData data = new SipSessionData(strings[ID], times[0], strings[CALL_ID], strings[LOCAL_PARTY], strings[REMOTE_PARTY]);
        data.setLastAccessedTime(times[1]);
        data.setHandler(strings[HANDLER]);
        if (strings[STATE] != null) {
            data.setState(SipSessionData.State.valueOf(strings[STATE]));
        }
        data.setDialog(dialog[0]);
        data.setRouting(strings[ROUTING_REGION], strings[SUBSCRIBER_URI]);
        data.setProxying(flags[0], flags[1]);
        data.setRole((strings[ROLE] != null) ? SipSessionData.Role.valueOf(strings[ROLE]) : null);
        data.setLinkedSessionId(strings[LINKED_SESSION_ID]);
        if (!flags[2]) {
            data.invalidate();
        }
        data.setInvalidateWhenReady(flags[3]);
        data.setReceivedInvite(invites[0]);
        data.setSentInvite(invites[1]);
        data.setReceivedSuccess(invites[2]);
        data.setProxiedSubscription(flags[4]);
        data.setProxiedDialogTag(proxiedDialogTag[0]);
        for (int i = 0; i < names.size(); i++) {
            data.attributes().put(names.get(i), values.get(i));
        }
        return data;
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, SipSessionData data) throws IOException {
        writer.writeString(ID, data.id());
        writer.writeSInt64(CREATION_TIME, data.creationTime());
        writer.writeSInt64(LAST_ACCESSED_TIME, data.lastAccessedTime());
        SipMarshaller.writeString(writer, HANDLER, data.handler());
        writer.writeString(STATE, data.state().name());
        if (data.dialog() != null) {
            writer.writeObject(DIALOG, data.dialog());
        }
        SipMarshaller.writeString(writer, LOCAL_PARTY, data.localParty());
        SipMarshaller.writeString(writer, REMOTE_PARTY, data.remoteParty());
        SipMarshaller.writeString(writer, CALL_ID, data.callId());
        SipMarshaller.writeString(writer, ROUTING_REGION, data.routingRegion());
        SipMarshaller.writeString(writer, SUBSCRIBER_URI, data.subscriberUri());
        SipMarshaller.writeString(writer, ROLE, (data.role() != null) ? data.role().name() : null);
        writer.writeBool(RECORD_ROUTED, data.recordRouted());
        writer.writeBool(SUPERVISED, data.supervised());
        SipMarshaller.writeString(writer, LINKED_SESSION_ID, data.linkedSessionId());
        writer.writeBool(VALID, data.isValid());
        writer.writeBool(INVALIDATE_WHEN_READY, data.invalidateWhenReady());
        if (data.receivedInvite() != null) {
            writer.writeBytes(RECEIVED_INVITE, data.receivedInvite());
        }
        if (data.sentInvite() != null) {
            writer.writeBytes(SENT_INVITE, data.sentInvite());
        }
        if (data.receivedSuccess() != null) {
            writer.writeBytes(RECEIVED_SUCCESS, data.receivedSuccess());
        }
        if (data.proxiedSubscription()) {
            writer.writeBool(PROXIED_SUBSCRIPTION, true);
        }
        SipMarshaller.writeString(writer, PROXIED_DIALOG_TAG, data.proxiedDialogTag());
        for (Map.Entry<String, Object> attribute : data.attributes().entrySet()) {
            writer.writeString(ATTRIBUTE_NAME, attribute.getKey());
            writer.writeAny(ATTRIBUTE_VALUE, attribute.getValue());
        }
    }
}
