package org.wildfly.extras.sip.container.syntax;

import java.util.Locale;

/**
 * An absolute URI of a scheme SIP does not interpret (e.g. {@code mailto:}, {@code http:}).
 */
public final class OpaqueUriSyntax implements UriSyntax {

    private final String scheme;
    private final String schemeSpecificPart;

    public OpaqueUriSyntax(String scheme, String schemeSpecificPart) {
        this.scheme = scheme.toLowerCase(Locale.ROOT);
        this.schemeSpecificPart = schemeSpecificPart;
    }

    @Override
    public String scheme() {
        return this.scheme;
    }

    public String schemeSpecificPart() {
        return this.schemeSpecificPart;
    }

    @Override
    public OpaqueUriSyntax copy() {
        return this;
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof OpaqueUriSyntax other && this.toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return this.toString().hashCode();
    }

    @Override
    public String toString() {
        return this.scheme + ':' + this.schemeSpecificPart;
    }
}
