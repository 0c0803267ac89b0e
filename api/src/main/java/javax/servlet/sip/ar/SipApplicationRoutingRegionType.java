package javax.servlet.sip.ar;

/**
 * The kinds of routing region.
 *
 * @since 1.1
 */
public enum SipApplicationRoutingRegionType {
    /** Applications serving the caller. */
    ORIGINATING,
    /** Applications serving the callee. */
    TERMINATING,
    /** Applications serving no particular subscriber. */
    NEUTRAL
}
