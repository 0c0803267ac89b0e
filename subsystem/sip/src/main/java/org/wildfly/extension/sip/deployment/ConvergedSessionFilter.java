package org.wildfly.extension.sip.deployment;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;

/**
 * The first filter of a converged application's web requests: {@code request.getSession()} answers a
 * {@code javax.servlet.sip.ConvergedHttpSession} (JSR 289 §13.4), tied to a SIP application session; a request to a
 * URL that {@code SipApplicationSession.encodeURL} made joins the application session it names.
 */
final class ConvergedSessionFilter implements Filter {

    static final String NAME = "sip-converged-sessions";

    private final String applicationName;
    private final Supplier<SipContainer> container;

    ConvergedSessionFilter(String applicationName, Supplier<SipContainer> container) {
        this.applicationName = applicationName;
        this.container = container;
    }

    /**
     * The application session an encoded URL names, read from the query string only: {@code getParameter} would read a
     * form's body before the application could.
     */
    private static String encodedApplicationSessionId(String query) {
        if (query == null) {
            return null;
        }
        String prefix = SipApplicationSessionImpl.ENCODED_ID_PARAMETER + '=';
        for (String pair : query.split("&")) {
            if (pair.startsWith(prefix)) {
                return java.net.URLDecoder.decode(pair.substring(prefix.length()), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        SipContainer container = this.container.get();
        if (container == null || !(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        String authority = http.getServerName() + ':' + http.getServerPort();
        String requested = encodedApplicationSessionId(http.getQueryString());
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public HttpSession getSession(boolean create) {
                HttpSession session = super.getSession(create);
                return (session != null) ? container.convergedSession(ConvergedSessionFilter.this.applicationName, session, authority, requested) : null;
            }

            @Override
            public HttpSession getSession() {
                return this.getSession(true);
            }
        }, response);
    }
}
