package org.wildfly.extras.sip.container.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import java.util.function.Function;

/**
 * The header fields of a SIP message in order, one field per value: {@code Via: a, b} is two fields.
 * Names are kept in their full form; look-ups ignore case and accept compact forms.
 */
public final class HeaderFields {

    /**
     * One header field: its full name, its value as text, the name's {@link HeaderNames#key key}, found once, and
     * {@linkplain #parsed() the transport's own form} of the value when the transport read it.
     */
    public static final class Field {
        private final String name;
        private final String key;
        private final Function<Object, String> text;
        // written once, from the parsed form, by whichever thread reads it first: a String is safe to publish so
        private String value;
        // dropped once the value is written (settle), so that a message kept for long keeps text only
        private volatile Object parsed;

        /** @param name the header's name in its full form, as every caller has it already */
        public Field(String name, String value) {
            this(name, HeaderNames.key(name), value, null, null);
        }

        private Field(String name, String key, String value, Object parsed, Function<Object, String> text) {
            this.name = name;
            this.key = key;
            this.value = value;
            this.parsed = parsed;
            this.text = text;
        }

        /**
         * A field as a transport read it: its text is written from the parsed form when someone first reads it (most
         * fields a proxy or a B2BUA sends on, nobody reads), and the parsed form goes to the transport again when the
         * field is sent on unchanged, so that the transport need not parse it, until the transport
         * {@linkplain #settle() settles} the field.
         * @param name the header's name
         * @param parsed the transport's form of the value
         * @param text writes the value's text from {@code parsed}
         */
        public static Field parsed(String name, Object parsed, Function<Object, String> text) {
            return new Field(HeaderNames.full(name), HeaderNames.key(name), null, parsed, text);
        }

        public String name() {
            return this.name;
        }

        public String value() {
            String written = this.value;
            if (written == null) {
                Object source = this.parsed;
                if (source == null) {
                    return this.value; // settled meanwhile: the value was written before the parsed form was dropped
                }
                written = this.text.apply(source);
                this.value = written;
            }
            return written;
        }

        public String key() {
            return this.key;
        }

        /** @return the transport's own form of this very value, or {@code null}: a changed value is a new field without one */
        public Object parsed() {
            return this.parsed;
        }

        /**
         * Writes the value's text if nobody has yet, and lets the parsed form go: the transport calls it once its own
         * copy of the message is gone, so that the messages a call keeps (in every copy, which share their fields)
         * cost their text only.
         */
        public void settle() {
            if (this.parsed != null) {
                this.value();
                this.parsed = null;
            }
        }

        @Override
        public String toString() {
            return this.name + ": " + this.value();
        }
    }

    private final List<Field> fields;

    public HeaderFields() {
        this.fields = new ArrayList<>();
    }

    public HeaderFields(HeaderFields source) {
        this.fields = new ArrayList<>(source.fields);
    }

    /** @return the first value of the header, or {@code null} */
    public String first(String name) {
        return first(this.fields, name);
    }

    /** @return every value of the header, in order */
    public List<String> all(String name) {
        return all(this.fields, name);
    }

    /** @return the first value of the header among the fields, or {@code null}; for a message head too */
    static String first(List<Field> fields, String name) {
        String key = HeaderNames.key(name);
        for (Field field : fields) {
            if (field.key().equals(key)) {
                return field.value();
            }
        }
        return null;
    }

    /** @return every value of the header among the fields, in order; for a message head too */
    static List<String> all(List<Field> fields, String name) {
        List<String> values = new ArrayList<>(2);
        String key = HeaderNames.key(name);
        for (Field field : fields) {
            if (field.key().equals(key)) {
                values.add(field.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return this.first(name) != null;
    }

    /** Adds a value after the others of its header (or at the end). */
    public void add(String name, String value) {
        this.add(new Field(HeaderNames.full(name), value));
    }

    /** Adds a field, as taken from another message with its parsed form, after the others of its header (or at the end). */
    public void add(Field added) {
        int last = -1;
        for (int i = 0; i < this.fields.size(); i++) {
            if (this.fields.get(i).key().equals(added.key())) {
                last = i;
            }
        }
        this.fields.add((last >= 0) ? last + 1 : this.fields.size(), added);
    }

    /** Adds a value before the others of its header, as a proxy adds its Via or Record-Route. */
    public void addFirst(String name, String value) {
        Field added = new Field(HeaderNames.full(name), value);
        for (int i = 0; i < this.fields.size(); i++) {
            if (this.fields.get(i).key().equals(added.key())) {
                this.fields.add(i, added);
                return;
            }
        }
        this.fields.add(added);
    }

    /** Replaces every value of the header with one, in the place of the first. */
    public void set(String name, String value) {
        Field replacement = new Field(HeaderNames.full(name), value);
        int first = -1;
        ListIterator<Field> iterator = this.fields.listIterator();
        while (iterator.hasNext()) {
            int index = iterator.nextIndex();
            if (iterator.next().key().equals(replacement.key())) {
                if (first < 0) {
                    first = index;
                    iterator.set(replacement);
                } else {
                    iterator.remove();
                }
            }
        }
        if (first < 0) {
            this.fields.add(replacement);
        }
    }

    /** Adds every field of the header that another message has, in order, parsed forms included. */
    public void addAll(HeaderFields source, String name) {
        String key = HeaderNames.key(name);
        for (Field field : source.fields) {
            if (field.key().equals(key)) {
                this.add(field);
            }
        }
    }

    /** Removes the first value of the header. */
    public void removeFirst(String name) {
        String key = HeaderNames.key(name);
        for (int i = 0; i < this.fields.size(); i++) {
            if (this.fields.get(i).key().equals(key)) {
                this.fields.remove(i);
                return;
            }
        }
    }

    public void remove(String name) {
        String key = HeaderNames.key(name);
        this.fields.removeIf(field -> field.key().equals(key));
    }

    /** @return the distinct header names, in order of first appearance */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : this.fields) {
            names.add(field.name());
        }
        return names;
    }

    /**
     * {@linkplain Field#settle() Settles} every field. The transport calls it from a thread of its own while the
     * container may still change the message: it reads a copy of the list, and a field it misses only keeps its
     * parsed form.
     */
    public void settle() {
        for (Object field : this.fields.toArray()) {
            if (field != null) {
                ((Field) field).settle();
            }
        }
    }

    /** @return every field, in order; read-only */
    public List<Field> fields() {
        return Collections.unmodifiableList(this.fields);
    }
}
