package javax.servlet.sip;

import java.io.IOException;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The base class of SIP servlets. {@link #service(ServletRequest, ServletResponse)} passes a request to
 * {@link #doRequest(SipServletRequest)}, which calls the {@code doXxx} method of its SIP method, and a response
 * to {@link #doResponse(SipServletResponse)}, which calls the method for its status class. Override the
 * {@code doXxx} methods the application handles.
 *
 * <p>By default {@code doAck}, {@code doCancel} and every response method do nothing, and the other request
 * methods answer 500 (Server Internal Error). A request whose method has no {@code doXxx} method is answered
 * with 501 (Not Implemented).</p>
 */
public abstract class SipServlet extends GenericServlet {

    private static final long serialVersionUID = 1L;

    /** Name of the context attribute that holds the application's {@link SipFactory}. */
    public static final String SIP_FACTORY = "javax.servlet.sip.SipFactory";

    /** Name of the context attribute that holds the application's {@link TimerService}. */
    public static final String TIMER_SERVICE = "javax.servlet.sip.TimerService";

    /** Name of the context attribute that holds the {@code List} of option tags of the SIP extensions the container supports. */
    public static final String SUPPORTED = "javax.servlet.sip.supported";

    /**
     * Name of the context attribute that holds the {@code List} of the numbers (as strings, such as
     * {@code "3261"}) of the SIP RFCs the container supports.
     *
     * @since 1.1
     */
    public static final String SUPPORTED_RFCs = "javax.servlet.sip.supportedRfcs";

    /**
     * Name of the context attribute that holds the {@code List} of {@link SipURI}s of the container's outbound
     * interfaces, for {@code setOutboundInterface}.
     *
     * @since 1.1
     */
    public static final String OUTBOUND_INTERFACES = "javax.servlet.sip.outboundInterfaces";

    /**
     * Name of the context attribute that holds the application's {@link SipSessionsUtil}.
     *
     * @since 1.1
     */
    public static final String SIP_SESSIONS_UTIL = "javax.servlet.sip.SipSessionsUtil";

    /**
     * Name of the context attribute that tells whether the container supports reliable provisional responses
     * (RFC 3262).
     *
     * @deprecated look for {@code 100rel} in the {@link #SUPPORTED} attribute instead
     * @since 1.1
     */
    @Deprecated
    public static final String PRACK_SUPPORTED = "javax.servlet.sip.100rel";

    /**
     * Creates a SIP servlet; the container initializes it with {@code init}.
     */
    public SipServlet() {
        super();
    }

    /**
     * Handles an incoming SIP message: exactly one argument is not {@code null}. A request goes to
     * {@link #doRequest(SipServletRequest)}, a response to {@link #doResponse(SipServletResponse)}.
     *
     * @param req the incoming request, or {@code null} for a response
     * @param resp the incoming response, or {@code null} for a request
     * @throws ServletException if the message is not a SIP message, or the servlet fails
     * @throws IOException if an input or output error occurs
     */
    @Override
    public void service(ServletRequest req, ServletResponse resp) throws ServletException, IOException {
        if (req != null) {
            if (!(req instanceof SipServletRequest)) {
                throw new ServletException("Not a SIP request: " + req.getClass().getName());
            }
            this.doRequest((SipServletRequest) req);
        } else {
            if (!(resp instanceof SipServletResponse)) {
                throw new ServletException((resp == null) ? "Neither a request nor a response"
                        : "Not a SIP response: " + resp.getClass().getName());
            }
            this.doResponse((SipServletResponse) resp);
        }
    }

    /**
     * Calls the {@code doXxx} method of the request's SIP method; a method this class has no {@code doXxx} for
     * is answered with 501 (Not Implemented). Override it to handle extension methods.
     *
     * @param req the incoming request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doRequest(SipServletRequest req) throws ServletException, IOException {
        String method = req.getMethod();
        switch (method) {
            case "INVITE":
                this.doInvite(req);
                break;
            case "ACK":
                this.doAck(req);
                break;
            case "OPTIONS":
                this.doOptions(req);
                break;
            case "BYE":
                this.doBye(req);
                break;
            case "CANCEL":
                this.doCancel(req);
                break;
            case "REGISTER":
                this.doRegister(req);
                break;
            case "SUBSCRIBE":
                this.doSubscribe(req);
                break;
            case "NOTIFY":
                this.doNotify(req);
                break;
            case "MESSAGE":
                this.doMessage(req);
                break;
            case "INFO":
                this.doInfo(req);
                break;
            case "PRACK":
                this.doPrack(req);
                break;
            case "UPDATE":
                this.doUpdate(req);
                break;
            case "REFER":
                this.doRefer(req);
                break;
            case "PUBLISH":
                this.doPublish(req);
                break;
            default:
                req.createResponse(SipServletResponse.SC_NOT_IMPLEMENTED).send();
                break;
        }
    }

    /**
     * Handles an INVITE; by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles an ACK; by default does nothing.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        // Nothing to answer: an ACK gets no response.
    }

    /**
     * Handles an OPTIONS; by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a BYE; by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a CANCEL; by default does nothing (the container has already answered it and the cancelled request).
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doCancel(SipServletRequest req) throws ServletException, IOException {
        // The container answers a CANCEL itself.
    }

    /**
     * Handles a REGISTER; by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doRegister(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a SUBSCRIBE (RFC 3265); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doSubscribe(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a NOTIFY (RFC 3265); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doNotify(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a MESSAGE (RFC 3428); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles an INFO (RFC 2976); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doInfo(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a PRACK (RFC 3262); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doPrack(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles an UPDATE (RFC 3311); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     * @since 1.1
     */
    protected void doUpdate(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a REFER (RFC 3515); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     * @since 1.1
     */
    protected void doRefer(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Handles a PUBLISH (RFC 3903); by default answers 500.
     *
     * @param req the request
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     * @since 1.1
     */
    protected void doPublish(SipServletRequest req) throws ServletException, IOException {
        reject(req);
    }

    /**
     * Calls the method for the response's kind: {@link #doBranchResponse(SipServletResponse)} for an intermediate
     * final response on a proxy branch, otherwise the method of its status class (1xx provisional, 2xx success,
     * 3xx redirect, 4xx to 6xx error).
     *
     * @param resp the incoming response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doResponse(SipServletResponse resp) throws ServletException, IOException {
        int status = resp.getStatus();
        if (status < 200) {
            this.doProvisionalResponse(resp);
        } else if (resp.isBranchResponse()) {
            this.doBranchResponse(resp);
        } else if (status < 300) {
            this.doSuccessResponse(resp);
        } else if (status < 400) {
            this.doRedirectResponse(resp);
        } else {
            this.doErrorResponse(resp);
        }
    }

    /**
     * Handles a 1xx response; by default does nothing.
     *
     * @param resp the response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doProvisionalResponse(SipServletResponse resp) throws ServletException, IOException {
        // Nothing to do by default.
    }

    /**
     * Handles a 2xx response; by default does nothing.
     *
     * @param resp the response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doSuccessResponse(SipServletResponse resp) throws ServletException, IOException {
        // Nothing to do by default.
    }

    /**
     * Handles a 3xx response; by default does nothing.
     *
     * @param resp the response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doRedirectResponse(SipServletResponse resp) throws ServletException, IOException {
        // Nothing to do by default.
    }

    /**
     * Handles a 4xx, 5xx or 6xx response; by default does nothing.
     *
     * @param resp the response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     */
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        // Nothing to do by default.
    }

    /**
     * Handles an intermediate final response received on a proxy branch, before the proxy picks the best response;
     * by default does nothing.
     *
     * @param resp the response
     * @throws ServletException if the servlet fails
     * @throws IOException if an input or output error occurs
     * @since 1.1
     */
    protected void doBranchResponse(SipServletResponse resp) throws ServletException, IOException {
        // Nothing to do by default.
    }

    /**
     * Writes a message, prefixed with the servlet name, to the servlet context's log.
     *
     * @param message the message
     */
    @Override
    public void log(String message) {
        this.getServletContext().log(this.getServletName() + ": " + message);
    }

    /**
     * Writes a message, prefixed with the servlet name, and a stack trace to the servlet context's log.
     *
     * @param message the message
     * @param t the error to log
     */
    @Override
    public void log(String message, Throwable t) {
        this.getServletContext().log(this.getServletName() + ": " + message, t);
    }

    private static void reject(SipServletRequest req) throws IOException {
        req.createResponse(SipServletResponse.SC_SERVER_INTERNAL_ERROR).send();
    }
}
