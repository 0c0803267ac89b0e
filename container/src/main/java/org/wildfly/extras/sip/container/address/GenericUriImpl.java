package org.wildfly.extras.sip.container.address;

import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;

import org.wildfly.extras.sip.container.syntax.OpaqueUriSyntax;
import org.wildfly.extras.sip.container.syntax.Parameters;

/**
 * A URI of a scheme SIP does not interpret, such as {@code mailto:} or {@code urn:}: it has no parameters of its own.
 */
public final class GenericUriImpl extends UriImpl {

    private final OpaqueUriSyntax syntax;

    /**
     * @param syntax the parsed URI
     * @param mode whether the URI may change
     */
    public GenericUriImpl(OpaqueUriSyntax syntax, Mode mode) {
        super(mode);
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    @Override
    public OpaqueUriSyntax syntax() {
        return this.syntax;
    }

    /** @return none: an opaque URI's parameters are part of its scheme-specific text */
    @Override
    Parameters parameters() {
        return new Parameters();
    }

    /** @return {@code null}: parameters are part of the scheme-specific text */
    @Override
    public String getParameter(String key) {
        Objects.requireNonNull(key, "key");
        return null;
    }

    /** @throws UnsupportedOperationException always, unless read-only (then IllegalStateException) */
    @Override
    public void setParameter(String name, String value) {
        this.checkModifiable("setParameter");
        throw this.unsupported();
    }

    /** @throws UnsupportedOperationException always, unless read-only (then IllegalStateException) */
    @Override
    public void removeParameter(String name) {
        this.checkModifiable("removeParameter");
        throw this.unsupported();
    }

    @Override
    public Iterator<String> getParameterNames() {
        return Collections.emptyIterator();
    }

    @Override
    public GenericUriImpl clone() {
        return new GenericUriImpl(this.syntax.copy(), Mode.MUTABLE);
    }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("A " + this.syntax.scheme() + ": URI is kept as opaque text and has no parameters to change;"
                + " create a new URI instead: " + this);
    }
}
