package org.wildfly.extras.sip.container.syntax;

/**
 * A parsed URI as SIP uses it: a SIP or SIPS URI, a tel URL, or any other absolute URI kept as text.
 */
public sealed interface UriSyntax permits SipUriSyntax, TelUrlSyntax, OpaqueUriSyntax {

    /** @return the scheme, lower case */
    String scheme();

    /** @return an independent copy */
    UriSyntax copy();
}
