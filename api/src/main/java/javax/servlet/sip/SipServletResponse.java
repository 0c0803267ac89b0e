package javax.servlet.sip;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;

/**
 * A SIP response, received by the application or created by it with {@link SipServletRequest#createResponse(int)}.
 * The constants name the status codes of RFC 3261 and its extensions.
 */
public interface SipServletResponse extends ServletResponse, SipServletMessage {

    /** 100: Trying. */
    int SC_TRYING = 100;

    /** 180: Ringing. */
    int SC_RINGING = 180;

    /** 181: Call Is Being Forwarded. */
    int SC_CALL_BEING_FORWARDED = 181;

    /** 182: Queued. */
    int SC_CALL_QUEUED = 182;

    /** 183: Session Progress. */
    int SC_SESSION_PROGRESS = 183;

    /** 200: OK. */
    int SC_OK = 200;

    /** 202: Accepted (RFC 3265). */
    int SC_ACCEPTED = 202;

    /** 300: Multiple Choices. */
    int SC_MULTIPLE_CHOICES = 300;

    /** 301: Moved Permanently. */
    int SC_MOVED_PERMANENTLY = 301;

    /** 302: Moved Temporarily. */
    int SC_MOVED_TEMPORARILY = 302;

    /** 305: Use Proxy. */
    int SC_USE_PROXY = 305;

    /** 380: Alternative Service. */
    int SC_ALTERNATIVE_SERVICE = 380;

    /** 400: Bad Request. */
    int SC_BAD_REQUEST = 400;

    /** 401: Unauthorized. */
    int SC_UNAUTHORIZED = 401;

    /** 402: Payment Required. */
    int SC_PAYMENT_REQUIRED = 402;

    /** 403: Forbidden. */
    int SC_FORBIDDEN = 403;

    /** 404: Not Found. */
    int SC_NOT_FOUND = 404;

    /** 405: Method Not Allowed. */
    int SC_METHOD_NOT_ALLOWED = 405;

    /** 406: Not Acceptable. */
    int SC_NOT_ACCEPTABLE = 406;

    /** 407: Proxy Authentication Required. */
    int SC_PROXY_AUTHENTICATION_REQUIRED = 407;

    /** 408: Request Timeout. */
    int SC_REQUEST_TIMEOUT = 408;

    /** 410: Gone. */
    int SC_GONE = 410;

    /** 412: Conditional Request Failed (RFC 3903). */
    int SC_CONDITIONAL_REQUEST_FAILED = 412;

    /** 413: Request Entity Too Large. */
    int SC_REQUEST_ENTITY_TOO_LARGE = 413;

    /** 414: Request-URI Too Long. */
    int SC_REQUEST_URI_TOO_LONG = 414;

    /** 415: Unsupported Media Type. */
    int SC_UNSUPPORTED_MEDIA_TYPE = 415;

    /** 416: Unsupported URI Scheme. */
    int SC_UNSUPPORTED_URI_SCHEME = 416;

    /** 420: Bad Extension. */
    int SC_BAD_EXTENSION = 420;

    /** 421: Extension Required. */
    int SC_EXTENSION_REQUIRED = 421;

    /** 422: Session Interval Too Small (RFC 4028). */
    int SC_SESSION_INTERVAL_TOO_SMALL = 422;

    /** 423: Interval Too Brief. */
    int SC_INTERVAL_TOO_BRIEF = 423;

    /** 428: Use Identity Header (RFC 4474). */
    int SC_USE_IDENTITY_HEADER = 428;

    /** 429: Provide Referrer Identity (RFC 3892). */
    int SC_PROVIDE_REFERER_IDENTITY = 429;

    /** 436: Bad Identity-Info (RFC 4474). */
    int SC_BAD_IDENTITY_INFO = 436;

    /** 437: Unsupported Certificate (RFC 4474). */
    int SC_UNSUPPORTED_CERTIFICATE = 437;

    /** 438: Invalid Identity Header (RFC 4474). */
    int SC_INVALID_IDENTITY_HEADER = 438;

    /** 480: Temporarily Unavailable. The name is misspelt in the specification and kept so. */
    int SC_TEMPORARLY_UNAVAILABLE = 480;

    /** 481: Call/Transaction Does Not Exist. */
    int SC_CALL_LEG_DONE = 481;

    /** 482: Loop Detected. */
    int SC_LOOP_DETECTED = 482;

    /** 483: Too Many Hops. */
    int SC_TOO_MANY_HOPS = 483;

    /** 484: Address Incomplete. */
    int SC_ADDRESS_INCOMPLETE = 484;

    /** 485: Ambiguous. */
    int SC_AMBIGUOUS = 485;

    /** 486: Busy Here. */
    int SC_BUSY_HERE = 486;

    /** 487: Request Terminated. */
    int SC_REQUEST_TERMINATED = 487;

    /** 488: Not Acceptable Here. */
    int SC_NOT_ACCEPTABLE_HERE = 488;

    /** 489: Bad Event (RFC 3265). */
    int SC_BAD_EVENT = 489;

    /** 491: Request Pending. */
    int SC_REQUEST_PENDING = 491;

    /** 493: Undecipherable. */
    int SC_UNDECIPHERABLE = 493;

    /** 494: Security Agreement Required (RFC 3329). */
    int SC_SECURITY_AGREEMENT_REQUIRED = 494;

    /** 500: Server Internal Error. */
    int SC_SERVER_INTERNAL_ERROR = 500;

    /** 501: Not Implemented. */
    int SC_NOT_IMPLEMENTED = 501;

    /** 502: Bad Gateway. */
    int SC_BAD_GATEWAY = 502;

    /** 503: Service Unavailable. */
    int SC_SERVICE_UNAVAILABLE = 503;

    /** 504: Server Time-out. */
    int SC_SERVER_TIMEOUT = 504;

    /** 505: Version Not Supported. */
    int SC_VERSION_NOT_SUPPORTED = 505;

    /** 513: Message Too Large. */
    int SC_MESSAGE_TOO_LARGE = 513;

    /** 580: Precondition Failure (RFC 3312). */
    int SC_PRECONDITION_FAILURE = 580;

    /** 600: Busy Everywhere. */
    int SC_BUSY_EVERYWHERE = 600;

    /** 603: Decline. */
    int SC_DECLINE = 603;

    /** 604: Does Not Exist Anywhere. The name is misspelt in the specification and kept so. */
    int SC_DOES_NOT_EXIT_ANYWHERE = 604;

    /** 606: Not Acceptable. */
    int SC_NOT_ACCEPTABLE_ANYWHERE = 606;

    /**
     * Returns the request this response answers.
     *
     * @return the request
     */
    SipServletRequest getRequest();

    /**
     * Returns the status code.
     *
     * @return the status code
     */
    int getStatus();

    /**
     * Sets the status code, with the default reason phrase.
     *
     * @param statusCode the status code
     * @throws IllegalArgumentException if the status code is invalid
     */
    void setStatus(int statusCode);

    /**
     * Sets the status code and reason phrase.
     *
     * @param statusCode the status code
     * @param reasonPhrase the reason phrase
     * @throws IllegalArgumentException if the status code is invalid
     */
    void setStatus(int statusCode, String reasonPhrase);

    /**
     * Returns the reason phrase.
     *
     * @return the reason phrase
     */
    String getReasonPhrase();

    /**
     * Returns {@code null}: SIP content is set with {@link #setContent(Object, String)}.
     *
     * @return {@code null}
     * @throws IOException never
     */
    @Override
    ServletOutputStream getOutputStream() throws IOException;

    /**
     * Returns {@code null}: SIP content is set with {@link #setContent(Object, String)}.
     *
     * @return {@code null}
     * @throws IOException never
     */
    @Override
    PrintWriter getWriter() throws IOException;

    /**
     * Returns the proxy the request was proxied with, for a response to a proxied request.
     *
     * @return the proxy, or {@code null}
     */
    Proxy getProxy();

    /**
     * Returns the proxy branch this response arrived on, for a response to a proxied request.
     *
     * @return the branch, or {@code null}
     * @since 1.1
     */
    ProxyBranch getProxyBranch();

    /**
     * Sends this provisional response reliably (RFC 3262).
     *
     * @throws Rel100Exception if it cannot be sent reliably; the reason code says why
     * @throws IllegalStateException if it cannot be sent now
     */
    void sendReliably() throws Rel100Exception;

    /**
     * Sends this response.
     *
     * @throws IOException if it cannot be sent
     * @throws IllegalStateException if it was already sent or cannot be sent now
     */
    @Override
    void send() throws IOException;

    /**
     * Creates the ACK for this 2xx response to an INVITE.
     *
     * @return the ACK
     * @throws IllegalStateException if this is not a 2xx response to an INVITE, or it was already acknowledged
     */
    SipServletRequest createAck();

    /**
     * Creates the PRACK for this reliable provisional response.
     *
     * @return the PRACK
     * @throws Rel100Exception if this response is not a reliable provisional response
     * @throws IllegalStateException if it was already acknowledged
     * @since 1.1
     */
    SipServletRequest createPrack() throws Rel100Exception;

    /**
     * Returns the realms of the challenges in this 401 or 407 response.
     *
     * @return the realms; empty for other responses
     * @since 1.1
     */
    Iterator<String> getChallengeRealms();

    /**
     * Tells whether this is an intermediate final response received on a proxy branch, which the container passes
     * to {@code doBranchResponse} before it picks the best response.
     *
     * @return {@code true} for a branch response
     * @since 1.1
     */
    boolean isBranchResponse();
}
