package org.wildfly.extras.sip.container.address;

import java.util.Objects;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.syntax.OpaqueUriSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.syntax.TelUrlSyntax;
import org.wildfly.extras.sip.container.syntax.UriSyntax;

/**
 * Creates JSR 289 URIs from text or from parsed syntax, and gets the syntax back.
 */
public final class Uris {

    private Uris() {
    }

    /**
     * Parses a URI as SipFactory.createURI does.
     *
     * @param text a {@code sip:}, {@code sips:}, {@code tel:} or other absolute URI; surrounding white space is ignored
     * @return a mutable URI: a {@link SipUriImpl}, {@link TelUrlImpl} or {@link GenericUriImpl}
     * @throws ServletParseException if the text is not a URI
     */
    public static UriImpl parse(String text) throws ServletParseException {
        Objects.requireNonNull(text, "text");
        try {
            return of(SipGrammar.parseUri(text.trim()));
        } catch (SyntaxException e) {
            throw new ServletParseException("Not a valid URI: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps parsed syntax in a mutable URI.
     *
     * @param syntax the parsed URI, which the result reads and changes
     * @return the URI view
     */
    public static UriImpl of(UriSyntax syntax) {
        return of(syntax, Mode.MUTABLE);
    }

    /**
     * Wraps parsed syntax in a URI.
     *
     * @param syntax the parsed URI, which the result reads and changes
     * @param mode {@link Mode#READ_ONLY} to reject changes; the other modes allow them
     * @return the URI view
     */
    public static UriImpl of(UriSyntax syntax, Mode mode) {
        Objects.requireNonNull(syntax, "syntax");
        if (syntax instanceof SipUriSyntax sip) {
            return new SipUriImpl(sip, mode);
        }
        if (syntax instanceof TelUrlSyntax tel) {
            return new TelUrlImpl(tel, mode);
        }
        return new GenericUriImpl((OpaqueUriSyntax) syntax, mode);
    }

    /**
     * Gets the parsed form of a URI: the very object a URI of this package wraps, or a new parse of another
     * implementation's text.
     *
     * @param uri any JSR 289 URI
     * @return its syntax
     * @throws IllegalArgumentException if a foreign URI's text does not parse
     */
    public static UriSyntax syntax(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri instanceof UriImpl impl) {
            return impl.syntax();
        }
        try {
            return SipGrammar.parseUri(uri.toString());
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Not a valid URI: " + e.getMessage(), e);
        }
    }

    /**
     * Gets the parsed form of a URI, as {@link #syntax(URI)} does.
     *
     * @param uri any JSR 289 URI
     * @return its syntax, or {@code null} if a foreign URI's text does not parse
     */
    static UriSyntax syntaxOrNull(URI uri) {
        try {
            return syntax(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
