package org.wildfly.extras.sip.container.message;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import java.util.Locale;
import java.util.Set;

/**
 * The header fields the container manages (JSR 289 §5.4.2): applications read them but may not set, add or remove them.
 */
public final class SystemHeaders {

    private static final Set<String> ALWAYS = Set.of("call-id", "from", "to", "cseq", "via", "record-route", "route", "path", "rack", "rseq", "content-length");

    private SystemHeaders() {
    }

    /**
     * @param name a header name, full or compact
     * @param method the message's method (for a response, that of its request)
     * @param status the response status, or 0 for a request
     * @return whether the header is a system header in that message
     */
    public static boolean isSystem(String name, String method, int status) {
        String full = HeaderNames.full(name).toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(full)) {
            return true;
        }
        if (full.equals("contact")) {
            // applications set Contact in REGISTER requests and their responses, in redirects (3xx) and 485 responses
            boolean register = method.equals("REGISTER");
            boolean redirect = (status >= 300 && status < 400) || status == 485;
            boolean optionsAnswer = method.equals("OPTIONS") && status >= 200 && status < 300;
            return !(register || redirect || optionsAnswer);
        }
        return false;
    }
}
