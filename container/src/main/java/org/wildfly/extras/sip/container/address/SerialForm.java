package org.wildfly.extras.sip.container.address;

import java.io.Serializable;
import java.util.Objects;


import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * An address, URI or parameterable value of this package as its text and {@link Mode}: the form in which it is
 * replicated (Java serialization and JBoss Marshalling through {@code writeReplace}, ProtoStream through its fields).
 * The text is lossless, so reading it back gives an equal object with the same protection.
 * @param kind which implementation
 * @param text its text, as {@code toString()} gives it
 * @param mode which changes it allows
 */
public record SerialForm(Kind kind, String text, Mode mode) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The implementations that travel by text. */
    public enum Kind {
        ADDRESS,
        URI,
        PARAMETERABLE,
    }

    public SerialForm {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param value an object
     * @return its serial form, or {@code null} if it is not an address, URI or parameterable value of this package
     */
    public static SerialForm of(Object value) {
        if (value instanceof AddressImpl address) {
            return new SerialForm(Kind.ADDRESS, address.toString(), address.mode());
        }
        if (value instanceof UriImpl uri) {
            return new SerialForm(Kind.URI, uri.toString(), uri.mode());
        }
        if (value instanceof ParameterableImpl parameterable) {
            return new SerialForm(Kind.PARAMETERABLE, parameterable.toString(), parameterable.mode());
        }
        return null;
    }

    /**
     * @return the object this form stands for, parsed again
     * @throws IllegalArgumentException if the text does not parse
     */
    public Object resolve() {
        try {
            return switch (this.kind) {
                case ADDRESS -> Addresses.of(SipGrammar.parseAddress(this.text), this.mode);
                case URI -> Uris.of(SipGrammar.parseUri(this.text), this.mode);
                case PARAMETERABLE -> {
                    Parameters parameters = new Parameters();
                    String value = SipGrammar.parseParameterable(this.text, parameters);
                    yield Parameterables.of(value, parameters, this.mode);
                }
            };
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Cannot read " + this.kind + " " + this.text + ": " + e.getMessage(), e);
        }
    }

    private Object readResolve() {
        return this.resolve();
    }
}
