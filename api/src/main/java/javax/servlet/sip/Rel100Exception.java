package javax.servlet.sip;

import jakarta.servlet.ServletException;

/**
 * Thrown when a provisional response cannot be sent reliably (RFC 3262) or a PRACK cannot be created; the reason
 * code says why.
 */
public class Rel100Exception extends ServletException {

    private static final long serialVersionUID = 1L;

    /** Reason: the response is final or a 100, so it cannot be sent reliably or PRACKed. */
    public static final int NOT_1XX = 0;

    /** Reason: the response does not answer an INVITE. */
    public static final int NOT_INVITE = 1;

    /** Reason: the request did not show support for 100rel. */
    public static final int NO_REQ_SUPPORT = 2;

    /** Reason: the container does not support reliable provisional responses. */
    public static final int NOT_SUPPORTED = 3;

    /** Reason: a PRACK was asked for a provisional response that was not sent reliably. */
    public static final int NOT_100rel = 4;

    /** The reason code. */
    private final int reason;

    /**
     * Creates an exception for a reason code.
     *
     * @param reason one of {@link #NOT_1XX}, {@link #NOT_INVITE}, {@link #NO_REQ_SUPPORT},
     *        {@link #NOT_SUPPORTED}, {@link #NOT_100rel}
     */
    public Rel100Exception(int reason) {
        super();
        this.reason = reason;
    }

    /**
     * Returns the reason code.
     *
     * @return one of the reason constants of this class
     */
    public int getReason() {
        return this.reason;
    }

    /**
     * Returns a short description of the reason code.
     *
     * @return the description
     */
    @Override
    public String getMessage() {
        switch (this.reason) {
            case NOT_1XX:
                return "Not a provisional response other than 100";
            case NOT_INVITE:
                return "Not a response to INVITE";
            case NO_REQ_SUPPORT:
                return "The request does not support 100rel";
            case NOT_SUPPORTED:
                return "The container does not support 100rel";
            case NOT_100rel:
                return "The provisional response was not sent reliably";
            default:
                return "Unknown 100rel reason " + this.reason;
        }
    }
}
