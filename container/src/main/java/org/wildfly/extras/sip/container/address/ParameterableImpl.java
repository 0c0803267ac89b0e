package org.wildfly.extras.sip.container.address;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;

import org.wildfly.extras.sip.container.syntax.Parameters;

/**
 * A JSR 289 Parameterable header field value that is not an address, such as Via, Content-Type or Accept: a field
 * value and header parameters.
 */
public final class ParameterableImpl implements Parameterable, java.io.Serializable {

    private static final long serialVersionUID = 1L;


    private String value;
    private final Parameters parameters;
    private final Mode mode;

    /**
     * @param value the field value without parameters
     * @param parameters the parameters, which this object reads and changes
     * @param mode which changes are allowed
     */
    public ParameterableImpl(String value, Parameters parameters, Mode mode) {
        this.value = Objects.requireNonNull(value, "value");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the parameters this object reads and writes */
    public Parameters parameters() {
        return this.parameters;
    }

    /** @return which changes are allowed */
    public Mode mode() {
        return this.mode;
    }

    @Override
    public String getValue() {
        return this.value;
    }

    /** @throws IllegalArgumentException if the value is empty or holds CR, LF or a {@code ;} outside quotes */
    @Override
    public void setValue(String value) {
        this.mode.checkModifiable(this, "setValue");
        Objects.requireNonNull(value, "value");
        String text = value.trim();
        if (text.isEmpty() || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || hasUnquotedSemicolon(text)) {
            throw new IllegalArgumentException("A field value is not empty and holds no CR, LF or ';' outside quotes; set parameters with setParameter: \""
                    + value + "\"");
        }
        this.value = text;
    }

    @Override
    public String getParameter(String key) {
        return HeaderParameters.get(this.parameters, key);
    }

    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        this.mode.checkParameter(this, name, "setParameter");
        HeaderParameters.set(this.parameters, name, value);
    }

    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        this.mode.checkParameter(this, name, "removeParameter");
        this.parameters.remove(name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return HeaderParameters.names(this.parameters);
    }

    @Override
    public Set<Map.Entry<String, String>> getParameters() {
        return HeaderParameters.entries(this.parameters);
    }

    /** @return a mutable copy with the same value and parameters */
    @Override
    public ParameterableImpl clone() {
        return new ParameterableImpl(this.value, new Parameters(this.parameters), Mode.MUTABLE);
    }

    /**
     * Compares as RFC 3261 §20.42 does for Via and §7.3.1 for field values in general: the values without regard to
     * case or runs of white space, and the same parameters with equal values (tokens without regard to case, quoted
     * strings exactly). Addresses are never equal to a plain Parameterable.
     */
    @Override
    public boolean equals(Object object) {
        if (this == object) {
            return true;
        }
        if (!(object instanceof Parameterable other) || object instanceof Address) {
            return false;
        }
        Parameters theirs;
        if (other instanceof ParameterableImpl impl) {
            theirs = impl.parameters;
        } else {
            theirs = new Parameters();
            for (Map.Entry<String, String> entry : other.getParameters()) {
                theirs.set(entry.getKey(), HeaderParameters.encode(entry.getValue()));
            }
        }
        return other.getValue() != null && normalize(this.value).equals(normalize(other.getValue())) && HeaderParameters.allMatch(this.parameters, theirs);
    }

    @Override
    public int hashCode() {
        return normalize(this.value).hashCode();
    }

    @Override
    public String toString() {
        StringBuilder builder = new StringBuilder(this.value);
        this.parameters.appendTo(builder, ';');
        return builder.toString();
    }

    private static String normalize(String value) {
        return value.trim().replaceAll("\\s*/\\s*", "/").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean hasUnquotedSemicolon(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return true;
            }
        }
        return false;
    }

    /** @return its text and mode: the parsed form is not serializable, and the text says everything */
    private Object writeReplace() {
        return SerialForm.of(this);
    }
}
