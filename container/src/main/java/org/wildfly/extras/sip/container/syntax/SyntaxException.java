package org.wildfly.extras.sip.container.syntax;

/**
 * Text that does not follow the SIP grammar (RFC 3261 §25).
 */
public class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;

    public SyntaxException(String message, String text, int position) {
        super(String.format("%s at position %d of \"%s\"", message, position, text));
        this.position = position;
    }

    /** @return where in the text the grammar broke, counted from 0 */
    public int getPosition() {
        return this.position;
    }
}
