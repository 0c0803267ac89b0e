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

    /** One header field: its full name and its value as text. */
    public record Field(String name, String value) {
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
        for (Field field : this.fields) {
            if (HeaderNames.same(field.name(), name)) {
                return field.value();
            }
        }
        return null;
    }

    /** @return every value of the header, in order */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : this.fields) {
            if (HeaderNames.same(field.name(), name)) {
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
        String full = HeaderNames.full(name);
        int last = -1;
        for (int i = 0; i < this.fields.size(); i++) {
            if (HeaderNames.same(this.fields.get(i).name(), full)) {
                last = i;
            }
        }
        this.fields.add((last >= 0) ? last + 1 : this.fields.size(), new Field(full, value));
    }

    /** Adds a value before the others of its header, as a proxy adds its Via or Record-Route. */
    public void addFirst(String name, String value) {
        String full = HeaderNames.full(name);
        for (int i = 0; i < this.fields.size(); i++) {
            if (HeaderNames.same(this.fields.get(i).name(), full)) {
                this.fields.add(i, new Field(full, value));
                return;
            }
        }
        this.fields.add(new Field(full, value));
    }

    /** Replaces every value of the header with one, in the place of the first. */
    public void set(String name, String value) {
        String full = HeaderNames.full(name);
        int first = -1;
        ListIterator<Field> iterator = this.fields.listIterator();
        while (iterator.hasNext()) {
            int index = iterator.nextIndex();
            if (HeaderNames.same(iterator.next().name(), full)) {
                if (first < 0) {
                    first = index;
                    iterator.set(new Field(full, value));
                } else {
                    iterator.remove();
                }
            }
        }
        if (first < 0) {
            this.fields.add(new Field(full, value));
        }
    }

    /** Removes the first value of the header. */
    public void removeFirst(String name) {
        for (int i = 0; i < this.fields.size(); i++) {
            if (HeaderNames.same(this.fields.get(i).name(), name)) {
                this.fields.remove(i);
                return;
            }
        }
    }

    public void remove(String name) {
        this.fields.removeIf(field -> HeaderNames.same(field.name(), name));
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
