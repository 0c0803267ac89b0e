package javax.servlet.sip.ar;

/**
 * What the container tells the application router about a request that targets an application.
 *
 * @since 1.1
 */
public class SipTargetedRequestInfo {

    private final SipTargetedRequestType type;
    private final String applicationName;

    /**
     * Creates the information for a targeted request.
     *
     * @param targetedRequestType why the request targets the application
     * @param applicationName the targeted application
     */
    public SipTargetedRequestInfo(SipTargetedRequestType targetedRequestType, String applicationName) {
        this.type = targetedRequestType;
        this.applicationName = applicationName;
    }

    /**
     * Returns the targeted application.
     *
     * @return the application name
     */
    public String getApplicationName() {
        return this.applicationName;
    }

    /**
     * Returns why the request targets the application.
     *
     * @return the type
     */
    public SipTargetedRequestType getType() {
        return this.type;
    }
}
