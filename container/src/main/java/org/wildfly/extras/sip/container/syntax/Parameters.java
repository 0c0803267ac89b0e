package org.wildfly.extras.sip.container.syntax;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ordered {@code ;name=value} parameters, looked up without regard to case as RFC 3261 §7.3.1 asks.
 * A flag parameter ({@code ;lr}) has the value {@code ""} and is written without {@code =}.
 */
public final class Parameters implements Iterable<Map.Entry<String, String>> {

    // key: lower-case name; value: entry holding the name as written and its value
    private final LinkedHashMap<String, Map.Entry<String, String>> entries = new LinkedHashMap<>();

    public Parameters() {
    }

    public Parameters(Parameters source) {
        this.entries.putAll(source.entries);
    }

    /** @return the value, {@code ""} for a flag, or {@code null} when absent */
    public String get(String name) {
        Map.Entry<String, String> entry = this.entries.get(key(name));
        return (entry != null) ? entry.getValue() : null;
    }

    public boolean contains(String name) {
        return this.entries.containsKey(key(name));
    }

    /** Sets a parameter, keeping its place if present; {@code ""} makes a flag. */
    public void set(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " needs a value; use remove() to drop it");
        }
        this.entries.put(key(name), Map.entry(name, value));
    }

    public void remove(String name) {
        this.entries.remove(key(name));
    }

    public void clear() {
        this.entries.clear();
    }

    public boolean isEmpty() {
        return this.entries.isEmpty();
    }

    /** @return the names as written, in order */
    public List<String> names() {
        List<String> names = new ArrayList<>(this.entries.size());
        for (Map.Entry<String, String> entry : this.entries.values()) {
            names.add(entry.getKey());
        }
        return names;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return List.copyOf(this.entries.values()).iterator();
    }

    /** Writes each parameter as {@code <separator>name[=value]}. */
    public void appendTo(StringBuilder builder, char separator) {
        for (Map.Entry<String, String> entry : this.entries.values()) {
            builder.append(separator).append(entry.getKey());
            if (!entry.getValue().isEmpty()) {
                builder.append('=').append(entry.getValue());
            }
        }
    }

    @Override
    public boolean equals(Object object) {
        if (!(object instanceof Parameters other) || this.entries.size() != other.entries.size()) {
            return false;
        }
        for (Map.Entry<String, Map.Entry<String, String>> entry : this.entries.entrySet()) {
            Map.Entry<String, String> theirs = other.entries.get(entry.getKey());
            if (theirs == null || !theirs.getValue().equalsIgnoreCase(entry.getValue().getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return this.entries.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder builder = new StringBuilder();
        this.appendTo(builder, ';');
        return builder.toString();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
