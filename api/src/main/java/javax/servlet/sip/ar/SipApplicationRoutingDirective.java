package javax.servlet.sip.ar;

/**
 * How an initial request an application sends relates to one it received, which the application router uses to
 * continue or restart application selection.
 *
 * @since 1.1
 */
public enum SipApplicationRoutingDirective {
    /** A new request, unrelated to any received one. */
    NEW,
    /** The continuation of a received request, in the same direction. */
    CONTINUE,
    /** A request in the opposite direction of a received one, for example a callback. */
    REVERSE
}
