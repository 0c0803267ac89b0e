package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.dialog.DialogState;

/** Marshals the dialog state of a SIP session (RFC 3261 §12): what a node taking over the call needs to go on with it. */
final class DialogStateMarshaller implements SipMarshaller<DialogState> {

    private static final int ROLE = 1;
    private static final int CALL_ID = 2;
    private static final int LOCAL_TAG = 3;
    private static final int REMOTE_TAG = 4;
    private static final int LOCAL_ADDRESS = 5;
    private static final int REMOTE_ADDRESS = 6;
    private static final int LOCAL_SEQUENCE = 7;
    private static final int REMOTE_SEQUENCE = 8;
    private static final int REMOTE_TARGET = 9;
    private static final int ROUTE = 10;
    private static final int SECURE = 11;
    private static final int STATE = 12;
    private static final int AWAITED_ACK = 13;
    private static final int ACK_OVERDUE_AT = 14;
    private static final int SUBSCRIPTION = 15;
    private static final int SUBSCRIPTION_USAGE = 16;
    private static final int HANDLED_METHOD = 17;
    // 18 held the answer's status alone before its whole response was kept: not reused
    private static final int HANDLED_ANSWER = 19;

    @Override
    public Class<? extends DialogState> getJavaClass() {
        return DialogState.class;
    }

    @Override
    public DialogState readFrom(ProtoStreamReader reader) throws IOException {
        String[] strings = new String[REMOTE_TARGET + 1];
        long[] sequences = { 0, -1 };
        List<String> routes = new ArrayList<>();
        boolean[] secure = new boolean[1];
        String[] state = { DialogState.State.EARLY.name() };
        long[] awaitedAck = { 0, 0 };
        List<String> subscriptions = new ArrayList<>();
        boolean[] subscriptionUsage = new boolean[1];
        String[] handledMethod = new String[1];
        byte[][] handledAnswer = new byte[1][];
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case ROLE, CALL_ID, LOCAL_TAG, REMOTE_TAG, LOCAL_ADDRESS, REMOTE_ADDRESS, REMOTE_TARGET -> strings[index] = reader.readString();
                case LOCAL_SEQUENCE -> sequences[0] = reader.readSInt64();
                case REMOTE_SEQUENCE -> sequences[1] = reader.readSInt64();
                case ROUTE -> routes.add(reader.readString());
                case SECURE -> secure[0] = reader.readBool();
                case STATE -> state[0] = reader.readString();
                case AWAITED_ACK -> awaitedAck[0] = reader.readSInt64();
                case ACK_OVERDUE_AT -> awaitedAck[1] = reader.readSInt64();
                case SUBSCRIPTION -> subscriptions.add(reader.readString());
                case SUBSCRIPTION_USAGE -> subscriptionUsage[0] = reader.readBool();
                case HANDLED_METHOD -> handledMethod[0] = reader.readString();
                case HANDLED_ANSWER -> handledAnswer[0] = reader.readByteArray();
                default -> {
                    return false;
                }
            }
            return true;
        });
        DialogState dialog = new DialogState(DialogState.Role.valueOf(strings[ROLE]), strings[CALL_ID], strings[LOCAL_TAG], strings[REMOTE_TAG], strings[LOCAL_ADDRESS],
                strings[REMOTE_ADDRESS], sequences[0], sequences[1], strings[REMOTE_TARGET], routes, secure[0], DialogState.State.valueOf(state[0]));
        dialog.awaitAck(awaitedAck[0], awaitedAck[1]);
        subscriptions.forEach(dialog::subscribed);
        dialog.setSubscriptionUsage(subscriptionUsage[0]);
        if (handledMethod[0] != null) {
            dialog.handled(handledMethod[0], handledAnswer[0]);
        }
        return dialog;
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, DialogState dialog) throws IOException {
        writer.writeString(ROLE, dialog.role().name());
        SipMarshaller.writeString(writer, CALL_ID, dialog.callId());
        SipMarshaller.writeString(writer, LOCAL_TAG, dialog.localTag());
        SipMarshaller.writeString(writer, REMOTE_TAG, dialog.remoteTag());
        SipMarshaller.writeString(writer, LOCAL_ADDRESS, dialog.localAddress());
        SipMarshaller.writeString(writer, REMOTE_ADDRESS, dialog.remoteAddress());
        writer.writeSInt64(LOCAL_SEQUENCE, dialog.localSequence());
        writer.writeSInt64(REMOTE_SEQUENCE, dialog.remoteSequence());
        SipMarshaller.writeString(writer, REMOTE_TARGET, dialog.remoteTarget());
        for (String route : dialog.routeSet()) {
            writer.writeString(ROUTE, route);
        }
        writer.writeBool(SECURE, dialog.isSecure());
        writer.writeString(STATE, dialog.state().name());
        if (dialog.awaitedAck() != 0) {
            writer.writeSInt64(AWAITED_ACK, dialog.awaitedAck());
            writer.writeSInt64(ACK_OVERDUE_AT, dialog.ackOverdueAt());
        }
        for (String subscription : dialog.subscriptions()) {
            writer.writeString(SUBSCRIPTION, subscription);
        }
        if (dialog.isSubscriptionUsage()) {
            writer.writeBool(SUBSCRIPTION_USAGE, true);
        }
        if (dialog.handledMethod() != null) {
            writer.writeString(HANDLED_METHOD, dialog.handledMethod());
            if (dialog.handledAnswer() != null) {
                writer.writeBytes(HANDLED_ANSWER, dialog.handledAnswer());
            }
        }
    }
}
