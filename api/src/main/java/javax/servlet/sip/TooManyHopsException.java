package javax.servlet.sip;

import jakarta.servlet.ServletException;

/**
 * Thrown when a request to be proxied or relayed has a Max-Forwards of 0. If the application does not catch it,
 * the container answers 483 (Too Many Hops).
 */
public class TooManyHopsException extends ServletException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception without a message.
     */
    public TooManyHopsException() {
        super();
    }

    /**
     * Creates an exception with a message.
     *
     * @param msg the message
     */
    public TooManyHopsException(String msg) {
        super(msg);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message the message
     * @param cause the underlying failure
     */
    public TooManyHopsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param cause the underlying failure
     */
    public TooManyHopsException(Throwable cause) {
        super(cause);
    }
}
