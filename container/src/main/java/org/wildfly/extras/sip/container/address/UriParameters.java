package org.wildfly.extras.sip.container.address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.wildfly.extras.sip.container.syntax.Parameters;

/**
 * The JSR 289 view of SIP URI and tel URL parameters: names and values unescaped on the way out, escaped on the way in
 * (RFC 3261 §19.1.2 {@code paramchar}, RFC 3966 §3 {@code paramchar}).
 */
final class UriParameters {

    private UriParameters() {
    }

    /**
     * Reads a parameter.
     *
     * @param parameters the parameters
     * @param name the unescaped name, in any case
     * @return the unescaped value, {@code ""} for a flag, or {@code null}
     */
    static String get(Parameters parameters, String name) {
        Objects.requireNonNull(name, "name");
        return Escapes.unescape(parameters.get(Escapes.escape(name, Escapes.PARAMETER)));
    }

    /**
     * Sets a parameter, or removes it when {@code value} is {@code null}.
     *
     * @param parameters the parameters
     * @param name the unescaped name
     * @param value the unescaped value, {@code ""} for a flag, or {@code null}
     */
    static void set(Parameters parameters, String name, String value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A URI parameter needs a name");
        }
        String escaped = Escapes.escape(name, Escapes.PARAMETER);
        if (value == null) {
            parameters.remove(escaped);
        } else {
            parameters.set(escaped, Escapes.escape(value, Escapes.PARAMETER));
        }
    }

    /**
     * Removes a parameter.
     *
     * @param parameters the parameters
     * @param name the unescaped name
     */
    static void remove(Parameters parameters, String name) {
        Objects.requireNonNull(name, "name");
        parameters.remove(Escapes.escape(name, Escapes.PARAMETER));
    }

    /**
     * Lists the parameter names.
     *
     * @param parameters the parameters
     * @return the unescaped names, in order, as a read-only snapshot
     */
    static Iterator<String> names(Parameters parameters) {
        List<String> names = new ArrayList<>();
        for (String name : parameters.names()) {
            names.add(Escapes.unescape(name));
        }
        return Collections.unmodifiableList(names).iterator();
    }
}
