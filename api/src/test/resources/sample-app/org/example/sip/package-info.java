/**
 * A small SIP application that exercises the whole SIP Servlet 1.1 API: a user agent server, a proxy, a B2BUA,
 * a timer and listeners.
 */
@SipApplication(name = "sample", displayName = "Sample", mainServlet = "uas", distributable = true,
        proxyTimeout = 30, sessionTimeout = 5, description = "Uses every type of the API")
package org.example.sip;

import javax.servlet.sip.annotation.SipApplication;
