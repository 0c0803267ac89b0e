package org.wildfly.extras.sip.container.address;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.servlet.sip.Address;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * A JSR 289 Address over an {@link AddressSyntax}: a view, so changes go to the wrapped syntax object, and through
 * {@link #getURI()} to its URI. The {@link Mode} decides which changes the container allows.
 */
public final class AddressImpl implements Address, java.io.Serializable {

    private static final long serialVersionUID = 1L;


    private static final String TAG = "tag";
    private static final String Q = "q";
    private static final String EXPIRES = "expires";
    /** RFC 3261 §20.10: a malformed Contact expires counts as one hour. */
    private static final int MALFORMED_EXPIRES = 3600;

    private final AddressSyntax syntax;
    private final Mode mode;

    /**
     * @param syntax the parsed address, which this object reads and changes
     * @param mode which changes are allowed
     */
    public AddressImpl(AddressSyntax syntax, Mode mode) {
        this.syntax = Objects.requireNonNull(syntax, "syntax");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the parsed form this address reads and writes */
    public AddressSyntax syntax() {
        return this.syntax;
    }

    /** @return which changes are allowed */
    public Mode mode() {
        return this.mode;
    }

    /**
     * Copies everything, the tag included, unlike {@link #clone()}.
     *
     * @param mode the mode of the copy
     * @return an independent copy
     */
    public AddressImpl copy(Mode mode) {
        return new AddressImpl(this.syntax.copy(), mode);
    }

    @Override
    public String getDisplayName() {
        return this.syntax.displayName();
    }

    /** @param name the unquoted display name, or {@code null} or {@code ""} to remove it */
    @Override
    public void setDisplayName(String name) {
        this.checkModifiable("setDisplayName");
        if (name != null && (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("A display name cannot hold CR or LF: " + name);
        }
        this.syntax.setDisplayName((name == null || name.isEmpty()) ? null : name);
    }

    /** @return a view of the URI, read-only if this address is; {@code null} for the wildcard */
    @Override
    public URI getURI() {
        return this.syntax.isWildcard() ? null : Uris.of(this.syntax.uri(), (this.mode == Mode.READ_ONLY) ? Mode.READ_ONLY : Mode.MUTABLE);
    }

    /** @param uri the new URI; this address keeps a copy of it */
    @Override
    public void setURI(URI uri) {
        this.checkModifiable("setURI");
        Objects.requireNonNull(uri, "uri");
        this.syntax.setUri(Uris.syntax(uri).copy());
    }

    @Override
    public boolean isWildcard() {
        return this.syntax.isWildcard();
    }

    /** @throws IllegalStateException if the q parameter is not a number */
    @Override
    public float getQ() {
        String q = HeaderParameters.get(this.syntax.parameters(), Q);
        if (q == null) {
            return -1.0f;
        }
        try {
            return Float.parseFloat(q);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The q parameter of " + this + " is not a number", e);
        }
    }

    /** Writes q with at most three decimals, as the {@code qvalue} of RFC 3261 §25.1 allows. */
    @Override
    public void setQ(float q) {
        this.checkModifiable("setQ");
        if (q == -1.0f) {
            this.syntax.parameters().remove(Q);
            return;
        }
        if (!(q >= 0.0f && q <= 1.0f)) {
            throw new IllegalArgumentException("A q value is between 0.0 and 1.0, or -1.0 to remove it: " + q);
        }
        BigDecimal value = new BigDecimal(Float.toString(q)).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        this.syntax.parameters().set(Q, (value.scale() < 1) ? value.setScale(1).toPlainString() : value.toPlainString());
    }

    /**
     * @return the expires parameter in seconds, -1 if it is absent, 3600 if it is malformed (RFC 3261 §20.10), and
     *         {@link Integer#MAX_VALUE} if it is larger
     */
    @Override
    public int getExpires() {
        String expires = HeaderParameters.get(this.syntax.parameters(), EXPIRES);
        if (expires == null) {
            return -1;
        }
        if (expires.isEmpty() || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return MALFORMED_EXPIRES;
        }
        return (expires.length() > 10) ? Integer.MAX_VALUE : (int) Math.min(Long.parseLong(expires), Integer.MAX_VALUE);
    }

    /** @param seconds the delta-seconds, or a negative number to remove the parameter */
    @Override
    public void setExpires(int seconds) {
        this.checkModifiable("setExpires");
        if (seconds < 0) {
            this.syntax.parameters().remove(EXPIRES);
        } else {
            this.syntax.parameters().set(EXPIRES, Integer.toString(seconds));
        }
    }

    /** @return the display name and URI, as in {@code "Alice" <sip:alice@example.com>}, or {@code *} */
    @Override
    public String getValue() {
        if (this.syntax.isWildcard()) {
            return "*";
        }
        return new AddressSyntax(this.syntax.displayName(), this.syntax.uri(), new Parameters()).toString();
    }

    /**
     * Replaces the display name and the URI, keeping the parameters.
     *
     * @param value a name-addr such as {@code "Bob" <sip:bob@biloxi.com>}, or a bare URI whose {@code ;} parameters
     *        stay URI parameters
     * @throws IllegalArgumentException if the value is not a name-addr or URI, or carries header parameters
     */
    @Override
    public void setValue(String value) {
        this.checkModifiable("setValue");
        Objects.requireNonNull(value, "value");
        String text = value.trim();
        AddressSyntax parsed;
        try {
            if (text.startsWith("\"") || text.indexOf('<') >= 0) {
                parsed = SipGrammar.parseAddress(text);
            } else {
                parsed = new AddressSyntax(null, SipGrammar.parseUri(text), new Parameters());
            }
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Not a name-addr or URI: " + e.getMessage(), e);
        }
        if (!parsed.parameters().isEmpty()) {
            throw new IllegalArgumentException("A field value has no parameters; set them with setParameter: " + value);
        }
        this.syntax.setDisplayName(parsed.displayName());
        this.syntax.setUri(parsed.uri());
    }

    @Override
    public String getParameter(String key) {
        return HeaderParameters.get(this.syntax.parameters(), key);
    }

    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        this.checkParameter(name, "setParameter");
        HeaderParameters.set(this.syntax.parameters(), name, value);
    }

    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        this.checkParameter(name, "removeParameter");
        this.syntax.parameters().remove(name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return HeaderParameters.names(this.syntax.parameters());
    }

    @Override
    public Set<Map.Entry<String, String>> getParameters() {
        return HeaderParameters.entries(this.syntax.parameters());
    }

    /**
     * Copies this address without its tag, so that the copy can start a new request (JSR 289 Address.clone).
     *
     * @return a mutable copy; use {@link #copy(Mode)} to keep the tag
     */
    @Override
    public AddressImpl clone() {
        AddressSyntax copy = this.syntax.copy();
        copy.parameters().remove(TAG);
        return new AddressImpl(copy, Mode.MUTABLE);
    }

    /**
     * Compares as JSR 289 Address.equals says: the URIs by their own rules, the parameters both carry as URI parameters
     * are compared (RFC 3261 §19.1.4), and the display name does not count.
     */
    @Override
    public boolean equals(Object object) {
        if (this == object) {
            return true;
        }
        if (!(object instanceof Address other)) {
            return false;
        }
        AddressSyntax theirs = Addresses.syntaxOrNull(other);
        if (theirs == null || this.syntax.isWildcard() != theirs.isWildcard()) {
            return false;
        }
        return this.syntax.isWildcard()
                || (this.syntax.uri().equals(theirs.uri()) && HeaderParameters.commonMatch(this.syntax.parameters(), theirs.parameters()));
    }

    @Override
    public int hashCode() {
        return this.syntax.isWildcard() ? 42 : this.syntax.uri().hashCode();
    }

    @Override
    public String toString() {
        return this.syntax.toString();
    }

    private void checkModifiable(String operation) {
        this.mode.checkModifiable(this, operation);
        this.checkNotWildcard(operation);
    }

    private void checkParameter(String name, String operation) {
        this.mode.checkParameter(this, name, operation);
        this.checkNotWildcard(operation);
    }

    private void checkNotWildcard(String operation) {
        if (this.syntax.isWildcard()) {
            throw new IllegalStateException(operation + " is not allowed on the wildcard Contact *: it has no display name, URI or parameters (RFC 3261 §20.10)");
        }
    }

    /** @return its text and mode: the parsed form is not serializable, and the text says everything */
    private Object writeReplace() {
        return SerialForm.of(this);
    }
}
