package org.wildfly.extras.sip.container.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;

/**
 * The default application router of JSR 289 Appendix C. It reads its chains from the properties file that the system
 * property {@value #CONFIGURATION_PROPERTY} names, or from {@link #init(Properties)}. Without any chain it sends
 * every initial request to the first application deployed, so that a server with one application needs no file.
 */
public final class DefaultApplicationRouter implements SipApplicationRouter {

    /** The system property that names the DAR configuration file, as a URI or a path (JSR 289 Appendix C). */
    public static final String CONFIGURATION_PROPERTY = "javax.servlet.sip.ar.dar.configuration";

    private final List<String> deployed = new CopyOnWriteArrayList<>();
    private volatile DarConfiguration configuration = DarConfiguration.parse(new Properties());

    @Override
    public void init() {
        String location = System.getProperty(CONFIGURATION_PROPERTY);
        if (location == null || location.isBlank()) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream input = open(location)) {
            properties.load(input);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the default application router's configuration " + location + ": " + e.getMessage(), e);
        }
        this.configuration = DarConfiguration.parse(properties);
    }

    @Override
    public void init(Properties properties) {
        this.configuration = DarConfiguration.parse(properties);
    }

    @Override
    public void destroy() {
        this.deployed.clear();
    }

    @Override
    public void applicationDeployed(List<String> names) {
        this.deployed.addAll(names);
    }

    @Override
    public void applicationUndeployed(List<String> names) {
        this.deployed.removeAll(names);
    }

    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest request, SipApplicationRoutingRegion region, SipApplicationRoutingDirective directive, SipTargetedRequestInfo targeted, Serializable stateInfo) {
        if (targeted != null) {
            return new SipApplicationRouterInfo(targeted.getApplicationName(), region, null, null, SipRouteModifier.NO_ROUTE, stateInfo);
        }
        boolean fresh = directive == null || directive == SipApplicationRoutingDirective.NEW;
        if (this.configuration.isEmpty()) {
            // no chains: the first deployed application serves the initial requests that come from outside, once; what
            // an application sends (it has no remote address) leaves
            boolean first = fresh && request.getRemoteAddr() != null;
            return (first && !this.deployed.isEmpty()) ? new SipApplicationRouterInfo(this.deployed.get(0), SipApplicationRoutingRegion.NEUTRAL_REGION, null, null, SipRouteModifier.NO_ROUTE, -1) : null;
        }
        if (!fresh && !(stateInfo instanceof Integer)) {
            return null; // CONTINUE or REVERSE of a request this router did not route: nothing to go on from
        }
        List<DarConfiguration.Entry> chain = this.configuration.chain(request.getMethod());
        int start = fresh ? 0 : (Integer) stateInfo + 1;
        for (int index = start; index < chain.size(); index++) {
            DarConfiguration.Entry entry = chain.get(index);
            // an entry that sends the request out by its routes stands whether or not its application is deployed
            if (this.deployed.contains(entry.application()) || entry.routeModifier() != SipRouteModifier.NO_ROUTE) {
                String[] routes = entry.routes().isEmpty() ? null : entry.routes().toArray(String[]::new);
                String subscriber = (entry.subscriberUri() != null) ? entry.subscriberUri() : subscriber(request, entry.subscriberHeader());
                return new SipApplicationRouterInfo(entry.application(), region(entry.region(), entry.regionLabel()), subscriber, routes, entry.routeModifier(), index);
            }
        }
        return null;
    }

    /** @return the applications known as deployed, in deployment order */
    public List<String> deployedApplications() {
        return new ArrayList<>(this.deployed);
    }

    private static String subscriber(SipServletRequest request, String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        try {
            Address address = request.getAddressHeader(header);
            return (address != null && address.getURI() != null) ? address.getURI().toString() : null;
        } catch (ServletParseException e) {
            return null;
        }
    }

    private static SipApplicationRoutingRegion region(String type, String label) {
        SipApplicationRoutingRegion region = switch (type) {
            case "ORIGINATING" -> SipApplicationRoutingRegion.ORIGINATING_REGION;
            case "TERMINATING" -> SipApplicationRoutingRegion.TERMINATING_REGION;
            default -> SipApplicationRoutingRegion.NEUTRAL_REGION;
        };
        return (label != null) ? new SipApplicationRoutingRegion(label, region.getType()) : region;
    }

    private static InputStream open(String location) throws IOException {
        URI uri = URI.create(location.replace('\\', '/'));
        if (uri.getScheme() == null || uri.getScheme().length() == 1) { // a plain path, or a Windows drive letter
            return java.nio.file.Files.newInputStream(java.nio.file.Path.of(location));
        }
        return uri.toURL().openStream();
    }
}
