package org.wildfly.extras.sip.container.message;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * What a SIP request answers to the parts of {@code jakarta.servlet.ServletRequest} made for HTTP (JSR 289 §5.6): the
 * request-URI's parameters as request parameters, its host and port as the server's, Accept-Language as the locales;
 * no asynchronous processing, no request dispatcher by path.
 */
abstract class ServletRequestParts extends SipServletMessageImpl implements SipServletRequest {

    ServletRequestParts(RawRequest raw, MessageSender sender, Peer peer, String localAddress, int localPort) {
        super(raw, sender, peer, localAddress, localPort);
    }

    @Override
    public long getContentLengthLong() {
        return this.getContentLength();
    }

    @Override
    public String getParameter(String name) {
        String[] values = this.getParameterMap().get(name);
        return (values != null) ? values[0] : null;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(this.getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = this.getParameterMap().get(name);
        return (values != null) ? values.clone() : null;
    }

    /** The request-URI's parameters, as JSR 289 §5.6 maps them onto Servlet request parameters. */
    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new HashMap<>();
        URI uri = this.getRequestURI();
        for (Iterator<String> names = uri.getParameterNames(); names.hasNext();) {
            String name = names.next();
            parameters.put(name, new String[] { uri.getParameter(name) });
        }
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public String getScheme() {
        return this.getRequestURI().getScheme();
    }

    @Override
    public String getServerName() {
        URI uri = this.getRequestURI();
        return (uri instanceof SipURI sip) ? sip.getHost() : null;
    }

    @Override
    public int getServerPort() {
        URI uri = this.getRequestURI();
        return (uri instanceof SipURI sip) ? sip.getPort() : -1;
    }

    @Override
    public String getRemoteHost() {
        return this.getRemoteAddr();
    }

    @Override
    public Locale getLocale() {
        Locale locale = this.getAcceptLanguage();
        return (locale != null) ? locale : Locale.getDefault();
    }

    @Override
    public Enumeration<Locale> getLocales() {
        List<Locale> locales = new java.util.ArrayList<>();
        this.getAcceptLanguages().forEachRemaining(locales::add);
        return Collections.enumeration(locales.isEmpty() ? List.of(Locale.getDefault()) : locales);
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return null;
    }

    @Override
    public String getLocalName() {
        return this.getLocalAddr();
    }

    @Override
    public AsyncContext startAsync() {
        throw new IllegalStateException("SIP requests are not processed asynchronously through the Servlet API");
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        throw new IllegalStateException("SIP requests are not processed asynchronously through the Servlet API");
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw new IllegalStateException("SIP requests are not processed asynchronously through the Servlet API");
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public String getRequestId() {
        return this.getCallId() + ':' + this.raw().headers().first(HeaderNames.CSEQ);
    }

    @Override
    public String getProtocolRequestId() {
        return this.getCallId();
    }

    @Override
    public ServletConnection getServletConnection() {
        ServletRequestParts request = this;
        return new ServletConnection() {
            @Override
            public String getConnectionId() {
                return request.getRemoteAddr() + ':' + request.getRemotePort();
            }

            @Override
            public String getProtocol() {
                return "SIP/2.0";
            }

            @Override
            public String getProtocolConnectionId() {
                return "";
            }

            @Override
            public boolean isSecure() {
                return request.isSecure();
            }
        };
    }
}
