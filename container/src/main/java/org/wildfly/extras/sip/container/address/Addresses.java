package org.wildfly.extras.sip.container.address;

import java.util.Objects;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;

import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * Creates JSR 289 addresses from text or from parsed syntax, and gets the syntax back.
 */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Parses an address as SipFactory.createAddress does.
     *
     * @param text a name-addr or addr-spec with header parameters, or {@code *}
     * @return a mutable address
     * @throws ServletParseException if the text is not an address
     */
    public static AddressImpl parse(String text) throws ServletParseException {
        Objects.requireNonNull(text, "text");
        try {
            return of(SipGrammar.parseAddress(text));
        } catch (SyntaxException e) {
            throw new ServletParseException("Not a valid address: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps parsed syntax in a mutable address.
     *
     * @param syntax the parsed address, which the result reads and changes
     * @return the address view
     */
    public static AddressImpl of(AddressSyntax syntax) {
        return new AddressImpl(syntax, Mode.MUTABLE);
    }

    /**
     * Wraps parsed syntax in an address.
     *
     * @param syntax the parsed address, which the result reads and changes
     * @param mode which changes are allowed
     * @return the address view
     */
    public static AddressImpl of(AddressSyntax syntax, Mode mode) {
        return new AddressImpl(syntax, mode);
    }

    /**
     * Gets the parsed form of an address: the very object an address of this package wraps, or a new parse of another
     * implementation's text.
     *
     * @param address any JSR 289 address
     * @return its syntax
     * @throws IllegalArgumentException if a foreign address's text does not parse
     */
    public static AddressSyntax syntax(Address address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof AddressImpl impl) {
            return impl.syntax();
        }
        try {
            return SipGrammar.parseAddress(address.toString());
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Not a valid address: " + e.getMessage(), e);
        }
    }

    static AddressSyntax syntaxOrNull(Address address) {
        try {
            return syntax(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
