package org.wildfly.extras.sip.container.message;

import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;

import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Parameterables;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * Header values of a message as the application's {@link Address} and {@link Parameterable} objects, in the mode the
 * message allows: a change to a mutable one is not written back; applications set headers to change them.
 */
final class MessageAddresses {

    private MessageAddresses() {
    }

    static Address address(String value, Mode mode) throws ServletParseException {
        try {
            return Addresses.of(SipGrammar.parseAddress(value), mode);
        } catch (SyntaxException e) {
            throw new ServletParseException(e.getMessage());
        }
    }

    static Parameterable parameterable(String value, Mode mode) throws ServletParseException {
        try {
            Parameters parameters = new Parameters();
            String head = SipGrammar.parseParameterable(value, parameters);
            return Parameterables.of(head, parameters, mode);
        } catch (SyntaxException e) {
            throw new ServletParseException(e.getMessage());
        }
    }
}
