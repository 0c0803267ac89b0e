package org.wildfly.extras.sip.clustering.protostream;

import java.io.IOException;

import org.infinispan.protostream.descriptors.WireType;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamMarshaller;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamReader;
import org.wildfly.clustering.marshalling.protostream.ProtoStreamWriter;

/**
 * A ProtoStream marshaller of one of our types, named in our schema ({@code org.wildfly.extras.sip.clustering.protostream.proto})
 * rather than after its Java package, so that one schema holds them all.
 * @param <T> the marshalled type
 */
interface SipMarshaller<T> extends ProtoStreamMarshaller<T> {

    /** The package of our schema. */
    String SCHEMA_PACKAGE = "org.wildfly.extras.sip.clustering.protostream";

    @Override
    default String getTypeName() {
        return SCHEMA_PACKAGE + '.' + this.getJavaClass().getSimpleName();
    }

    /**
     * Reads the fields of a message, one by one.
     * @param reader the reader
     * @param fields reads one field by its number, or returns {@code false} for a field it does not know
     * @throws IOException if the message cannot be read
     */
    static void readFields(ProtoStreamReader reader, FieldReader fields) throws IOException {
        while (!reader.isAtEnd()) {
            int tag = reader.readTag();
            if (!fields.read(WireType.getTagFieldNumber(tag))) {
                reader.skipField(tag);
            }
        }
    }

    /**
     * Writes a string field unless it is {@code null}.
     * @param writer the writer
     * @param index the field number
     * @param value the value, or {@code null}
     * @throws IOException if it cannot be written
     */
    static void writeString(ProtoStreamWriter writer, int index, String value) throws IOException {
        if (value != null) {
            writer.writeString(index, value);
        }
    }

    /** Reads one field of a message. */
    @FunctionalInterface
    interface FieldReader {
        /**
         * @param index the field number
         * @return {@code false} if the field is unknown, to be skipped
         * @throws IOException if it cannot be read
         */
        boolean read(int index) throws IOException;
    }
}
