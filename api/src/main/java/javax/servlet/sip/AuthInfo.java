package javax.servlet.sip;

/**
 * Credentials that answer 401 and 407 challenges to a request the application sent.
 *
 * @see SipServletRequest#addAuthHeader(SipServletResponse, AuthInfo)
 * @since 1.1
 */
public interface AuthInfo {

    /**
     * Adds credentials for one realm and challenge type.
     *
     * @param statusCode 401 or 407, the status of the challenge
     * @param realm the realm of the challenge
     * @param username the user name
     * @param password the password
     */
    void addAuthInfo(int statusCode, String realm, String username, String password);
}
