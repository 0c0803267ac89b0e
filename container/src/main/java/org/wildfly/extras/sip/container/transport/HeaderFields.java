package org.wildfly.extras.sip.container.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

/**
 * The header fields of a SIP message in order, one field per value: {@code Via: a, b} is two fields.
 * Names are kept in their full form; look-ups ignore case and accept compact forms.
 */
public final class HeaderFields {

    /** One header field: its full name, its value as text, and the name's {@link HeaderNames#key key}, found once. */
    public record Field(String name, String value, String key) {
        public Field(String name, String value) {
            this(name, value, HeaderNames.key(name));
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
        String key = HeaderNames.key(name);
        for (Field field : this.fields) {
            if (field.key().equals(key)) {
                return field.value();
            }
        }
        return null;
    }

    /** @return every value of the header, in order */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        String key = HeaderNames.key(name);
        for (Field field : this.fields) {
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
        Field added = new Field(HeaderNames.full(name), value);
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

    /** @return every field, in order; read-only */
    public List<Field> fields() {
        return Collections.unmodifiableList(this.fields);
    }
}
