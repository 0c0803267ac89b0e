package org.wildfly.extras.sip.container.address;

import java.util.Objects;

import javax.servlet.sip.ServletParseException;

import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * Creates JSR 289 Parameterable values from header field text.
 */
public final class Parameterables {

    private Parameterables() {
    }

    /**
     * Parses {@code value *(;param)} as SipFactory.createParameterable does.
     *
     * @param text the header field value, such as {@code SIP/2.0/UDP host;branch=z9hG4bK1} or {@code text/html;level=1}
     * @return a mutable Parameterable
     * @throws ServletParseException if the text has no field value or malformed parameters
     */
    public static ParameterableImpl parse(String text) throws ServletParseException {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new ServletParseException("Not a valid header field value: it holds CR or LF: \"" + text + "\"");
        }
        Parameters parameters = new Parameters();
        String value;
        try {
            value = SipGrammar.parseParameterable(text, parameters);
        } catch (SyntaxException e) {
            throw new ServletParseException("Not a valid header field value: " + e.getMessage(), e);
        }
        if (value.isEmpty()) {
            throw new ServletParseException("Not a valid header field value: nothing before the parameters in \"" + text + "\"");
        }
        return new ParameterableImpl(value, parameters, Mode.MUTABLE);
    }

    /**
     * Wraps a value and parameters.
     *
     * @param value the field value without parameters
     * @param parameters the parameters, which the result reads and changes
     * @param mode which changes are allowed
     * @return the Parameterable view
     */
    public static ParameterableImpl of(String value, Parameters parameters, Mode mode) {
        return new ParameterableImpl(value, parameters, mode);
    }
}
