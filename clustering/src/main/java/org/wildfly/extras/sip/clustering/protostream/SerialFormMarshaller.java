package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;

import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.SerialForm;

/**
 * Marshals an address, URI or parameterable value of the container by its text and mode: the parsed form is a view
 * over syntax objects, and the text is lossless.
 * @param <T> the implementation class
 */
final class SerialFormMarshaller<T> implements SipMarshaller<T> {

    private static final int TEXT = 1;
    private static final int MODE = 2;

    private final Class<T> type;
    private final SerialForm.Kind kind;

    SerialFormMarshaller(Class<T> type, SerialForm.Kind kind) {
        this.type = type;
        this.kind = kind;
    }

    @Override
    public Class<? extends T> getJavaClass() {
        return this.type;
    }

    @Override
    public T readFrom(ProtoStreamReader reader) throws IOException {
        String[] text = { "" };
        Mode[] mode = { Mode.MUTABLE };
        SipMarshaller.readFields(reader, index -> {
            switch (index) {
                case TEXT -> text[0] = reader.readString();
                case MODE -> mode[0] = Mode.valueOf(reader.readString());
                default -> {
                    return false;
                }
            }
            return true;
        });
        try {
            return this.type.cast(new SerialForm(this.kind, text[0], mode[0]).resolve());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void writeTo(ProtoStreamWriter writer, T value) throws IOException {
        SerialForm form = SerialForm.of(value);
        writer.writeString(TEXT, form.text());
        writer.writeString(MODE, form.mode().name());
    }
}
