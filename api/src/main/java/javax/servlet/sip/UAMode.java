package javax.servlet.sip;

/**
 * The role of a user agent in a transaction.
 *
 * @since 1.1
 */
public enum UAMode {
    /** User agent client: the side that sent the request. */
    UAC,
    /** User agent server: the side that received the request. */
    UAS
}
