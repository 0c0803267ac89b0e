package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;
import java.io.Serializable;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.session.TimerData;

/** Marshals a pending servlet timer: its id, next fire time, period and the application's info object. */
final class TimerDataMarshaller implements SipMarshaller<TimerData> {

    private static final int ID = 1;
    private static final int INFO = 2;
    private static final int NEXT_EXECUTION = 3;
    private static final int PERIOD = 4;
    private static final int FIXED_DELAY = 5;

    @Override
    public Class<? extends TimerData> getJavaClass() {
        return TimerData.class;
    }

    @Override
    public TimerData readFrom(ProtoStreamReader reader) throws IOException {
        String[] id = new String[1];
        Object[] info = new Object[1];
        long[] times = new long[2];
        boolean[] fixedDelay = new boolean[1];
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case ID -> id[0] = reader.readString();
                case INFO -> info[0] = reader.readAny();
                case NEXT_EXECUTION -> times[0] = reader.readSInt64();
                case PERIOD -> times[1] = reader.readSInt64();
                case FIXED_DELAY -> fixedDelay[0] = reader.readBool();
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new TimerData(id[0], (Serializable) info[0], times[0], times[1], fixedDelay[0]);
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, TimerData timer) throws IOException {
        writer.writeString(ID, timer.id());
        if (timer.info() != null) {
            writer.writeAny(INFO, timer.info());
        }
        writer.writeSInt64(NEXT_EXECUTION, timer.nextExecution());
        writer.writeSInt64(PERIOD, timer.period());
        writer.writeBool(FIXED_DELAY, timer.fixedDelay());
    }
}
