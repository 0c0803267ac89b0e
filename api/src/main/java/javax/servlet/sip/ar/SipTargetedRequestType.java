package javax.servlet.sip.ar;

/**
 * Why an initial request targets a particular application.
 *
 * @since 1.1
 */
public enum SipTargetedRequestType {
    /** It carries a Join header (RFC 3911) for a dialog of the application. */
    JOIN,
    /** It carries a Replaces header (RFC 3891) for a dialog of the application. */
    REPLACES,
    /** Its request URI holds an application session id encoded by the application. */
    ENCODED_URI
}
