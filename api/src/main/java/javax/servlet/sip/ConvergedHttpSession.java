package javax.servlet.sip;

import jakarta.servlet.http.HttpSession;

/**
 * The HTTP session of a converged HTTP/SIP application: it belongs to a {@link SipApplicationSession}.
 *
 * @since 1.1
 */
public interface ConvergedHttpSession extends HttpSession {

    /**
     * Encodes the HTTP session id into a URL, as {@code HttpServletResponse.encodeURL} does, for use outside an
     * HTTP request (for example in a SIP message).
     *
     * @param url an absolute URL
     * @return the encoded URL
     */
    String encodeURL(String url);

    /**
     * Builds an absolute URL to a path of this web application, with the HTTP session id encoded.
     *
     * @param relativePath a path relative to the context root, such as {@code /page.jsp}
     * @param scheme {@code http} or {@code https}
     * @return the absolute, encoded URL
     * @throws IllegalArgumentException if the scheme is not supported
     */
    String encodeURL(String relativePath, String scheme);

    /**
     * Returns the application session this HTTP session belongs to, creating one if needed.
     *
     * @return the application session
     */
    SipApplicationSession getApplicationSession();
}
