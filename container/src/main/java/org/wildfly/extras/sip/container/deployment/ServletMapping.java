package org.wildfly.extras.sip.container.deployment;

import java.util.Objects;

/**
 * A {@code <servlet-mapping>}: initial requests that match the pattern go to the named servlet (JSR 289 §16).
 * @param servletName the servlet's name
 * @param pattern the condition a request must meet
 * @param origin where it was declared, such as {@code "sip.xml line 14"}, for error messages; {@code null} if unknown
 */
public record ServletMapping(String servletName, Pattern pattern, String origin) {

    public ServletMapping {
        Objects.requireNonNull(servletName, "servletName");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * @param servletName the servlet's name
     * @param pattern the condition a request must meet
     */
    public ServletMapping(String servletName, Pattern pattern) {
        this(servletName, pattern, null);
    }
}
