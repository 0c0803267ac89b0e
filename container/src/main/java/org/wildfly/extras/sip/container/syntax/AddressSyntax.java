package org.wildfly.extras.sip.container.syntax;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10): {@code "Alice" <sip:alice@example.com>;tag=1928}.
 * The wildcard Contact {@code *} has no URI.
 */
public final class AddressSyntax {

    private String displayName;
    private UriSyntax uri;
    private final Parameters parameters;
    private final boolean wildcard;
    /** given as an addr-spec, without angle brackets: written back so while nothing in it needs them */
    private boolean addrSpec;

    public AddressSyntax(String displayName, UriSyntax uri, Parameters parameters) {
        this(displayName, uri, parameters, false);
    }

    private AddressSyntax(String displayName, UriSyntax uri, Parameters parameters, boolean wildcard) {
        this.displayName = displayName;
        this.uri = uri;
        this.parameters = parameters;
        this.wildcard = wildcard;
    }

    /** The Contact {@code *} of a REGISTER that removes every binding. */
    public static AddressSyntax wildcard() {
        return new AddressSyntax(null, null, new Parameters(), true);
    }

    public boolean isWildcard() {
        return this.wildcard;
    }

    /** @return the display name without quotes or escapes, or {@code null} */
    public String displayName() {
        return this.displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public UriSyntax uri() {
        return this.uri;
    }

    public void setUri(UriSyntax uri) {
        this.uri = uri;
    }

    public Parameters parameters() {
        return this.parameters;
    }

    /** Marks this address as given without angle brackets (an addr-spec), the form it is written back in while it can be. */
    AddressSyntax asAddrSpec() {
        this.addrSpec = true;
        return this;
    }

    public AddressSyntax copy() {
        AddressSyntax copy = new AddressSyntax(this.displayName, (this.uri != null) ? this.uri.copy() : null, new Parameters(this.parameters), this.wildcard);
        copy.addrSpec = this.addrSpec;
        return copy;
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof AddressSyntax other && this.wildcard == other.wildcard
                && java.util.Objects.equals(this.uri, other.uri) && this.parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(this.uri);
    }

    @Override
    public String toString() {
        if (this.wildcard) {
            return "*";
        }
        StringBuilder builder = new StringBuilder(96);
        if (this.displayName != null && !this.displayName.isEmpty()) {
            SipGrammar.appendDisplayName(builder, this.displayName);
            builder.append(' ');
        }
        String uriText = this.uri.toString();
        boolean bare = this.addrSpec && (this.displayName == null || this.displayName.isEmpty())
                && uriText.indexOf(';') < 0 && uriText.indexOf('?') < 0 && uriText.indexOf(',') < 0; // else brackets are needed (RFC 3261 §20.10)
        if (bare) {
            builder.append(uriText);
        } else {
            builder.append('<').append(uriText).append('>');
        }
        this.parameters.appendTo(builder, ';');
        return builder.toString();
    }
}
