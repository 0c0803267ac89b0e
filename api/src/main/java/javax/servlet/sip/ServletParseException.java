package javax.servlet.sip;

import jakarta.servlet.ServletException;

/**
 * Thrown when a URI, an address or a header field value cannot be parsed.
 */
public class ServletParseException extends ServletException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception without a message.
     */
    public ServletParseException() {
        super();
    }

    /**
     * Creates an exception with a message.
     *
     * @param msg what could not be parsed
     */
    public ServletParseException(String msg) {
        super(msg);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what could not be parsed
     * @param cause the underlying failure
     * @since 1.1
     */
    public ServletParseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param cause the underlying failure
     * @since 1.1
     */
    public ServletParseException(Throwable cause) {
        super(cause);
    }
}
