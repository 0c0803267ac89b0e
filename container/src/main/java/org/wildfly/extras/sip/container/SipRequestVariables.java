package org.wildfly.extras.sip.container;

import java.util.List;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.deployment.RequestVariables;

/**
 * The variables of JSR 289 §16 read from a real request, for servlet-mapping patterns.
 */
final class SipRequestVariables implements RequestVariables {

    private final SipServletRequest request;

    SipRequestVariables(SipServletRequest request) {
        this.request = request;
    }

    @Override
    public List<String> values(String variable) {
        if (variable.equals("request.method")) {
            return List.of(this.request.getMethod());
        }
        if (variable.startsWith("request.uri")) {
            return uri(this.request.getRequestURI(), variable.substring("request.uri".length()));
        }
        for (String header : new String[] { "from", "to" }) {
            String prefix = "request." + header;
            if (variable.startsWith(prefix)) {
                Address address;
                try {
                    address = this.request.getAddressHeader(header);
                } catch (ServletParseException e) {
                    return null;
                }
                if (address == null) {
                    return null;
                }
                String rest = variable.substring(prefix.length());
                if (rest.isEmpty()) {
                    return List.of(address.toString());
                }
                if (rest.equals(".display-name")) {
                    return (address.getDisplayName() != null) ? List.of(address.getDisplayName()) : null;
                }
                if (rest.startsWith(".uri")) {
                    return uri(address.getURI(), rest.substring(".uri".length()));
                }
            }
        }
        return null;
    }

    private static List<String> uri(URI uri, String part) {
        if (uri == null) {
            return null;
        }
        String value = switch (part) {
            case "" -> uri.toString();
            case ".scheme" -> uri.getScheme();
            case ".user" -> (uri instanceof SipURI sip) ? sip.getUser() : null;
            case ".host" -> (uri instanceof SipURI sip) ? sip.getHost() : null;
            case ".port" -> (uri instanceof SipURI sip) ? Integer.toString((sip.getPort() > 0) ? sip.getPort() : (sip.isSecure() ? 5061 : 5060)) : null;
            case ".tel" -> (uri instanceof TelURL tel) ? tel.getPhoneNumber() : telephoneUser(uri);
            default -> part.startsWith(".param.") ? uri.getParameter(part.substring(".param.".length())) : null;
        };
        return (value != null) ? List.of(value) : null;
    }

    // JSR 289 §16: request.uri.tel is also the user part of a sip: URI whose user parameter is phone
    private static String telephoneUser(URI uri) {
        if (uri instanceof SipURI sip && "phone".equalsIgnoreCase(sip.getUserParam()) && sip.getUser() != null) {
            String user = sip.getUser();
            int semicolon = user.indexOf(';');
            return (semicolon >= 0) ? user.substring(0, semicolon) : user;
        }
        return null;
    }
}
