package org.wildfly.extras.sip.container.address;

import java.util.Iterator;
import java.util.Objects;

import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.UriSyntax;

/**
 * A JSR 289 URI over its parsed form: a view, so changes go to the wrapped syntax object.
 */
public abstract sealed class UriImpl implements URI, java.io.Serializable permits SipUriImpl, TelUrlImpl, GenericUriImpl {

    private static final long serialVersionUID = 1L;


    private final Mode mode;

    /**
     * @param mode {@link Mode#READ_ONLY} rejects every change; the other modes allow all, since a URI has no tag
     */
    UriImpl(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the parsed form this URI reads and writes */
    public abstract UriSyntax syntax();

    /** @return whether and how this URI may change */
    public Mode mode() {
        return this.mode;
    }

    /**
     * Throws if this URI is read-only.
     *
     * @param operation the method called, for the message
     */
    void checkModifiable(String operation) {
        this.mode.checkModifiable(this, operation);
    }

    /** @return the URI's parameters, which the parameter methods read and write */
    abstract Parameters parameters();

    @Override
    public String getParameter(String key) {
        return UriParameters.get(this.parameters(), key);
    }

    /** @param value the unescaped value, {@code ""} for a flag such as {@code lr}, or {@code null} to remove the parameter */
    @Override
    public void setParameter(String name, String value) {
        this.checkModifiable("setParameter");
        UriParameters.set(this.parameters(), name, value);
    }

    @Override
    public void removeParameter(String name) {
        this.checkModifiable("removeParameter");
        UriParameters.remove(this.parameters(), name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return UriParameters.names(this.parameters());
    }

    @Override
    public String getScheme() {
        return this.syntax().scheme();
    }

    @Override
    public boolean isSipURI() {
        return false;
    }

    @Override
    public abstract UriImpl clone();

    /** Compares by the rules of the scheme (RFC 3261 §19.1.4, RFC 3966 §4), also with URIs of other implementations. */
    @Override
    public boolean equals(Object object) {
        if (this == object) {
            return true;
        }
        if (!(object instanceof URI other)) {
            return false;
        }
        UriSyntax theirs = Uris.syntaxOrNull(other);
        return theirs != null && this.syntax().equals(theirs);
    }

    @Override
    public int hashCode() {
        return this.syntax().hashCode();
    }

    @Override
    public String toString() {
        return this.syntax().toString();
    }

    /** @return its text and mode: the parsed form is not serializable, and the text says everything */
    protected final Object writeReplace() {
        return SerialForm.of(this);
    }
}
