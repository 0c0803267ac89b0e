package org.wildfly.extras.sip.container.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.servlet.sip.ar.SipRouteModifier;

/**
 * The configuration of the default application router (JSR 289 Appendix C): for each SIP method, the applications to
 * invoke in order, each as {@code ("name", "subscriber", "REGION", "routes", "ROUTE_MODIFIER", "order")}. Every field of
 * {@code SipApplicationRouterInfo} but the router's own state can be given: the subscriber as {@code DAR:Header} (the URI
 * of that address header of the request) or as a URI; the region as ORIGINATING, TERMINATING or NEUTRAL, optionally
 * with a label ({@code TERMINATING:voicemail}); the routes as one or more SIP URIs separated by whitespace.
 */
public final class DarConfiguration {

    /**
     * One application of a method's chain.
     * @param application the application's name
     * @param subscriberHeader the header whose URI is the subscriber, or {@code null}
     * @param subscriberUri the subscriber URI given as such, or {@code null}
     * @param region the region's type: ORIGINATING, TERMINATING or NEUTRAL
     * @param regionLabel the region's label, or {@code null} for the type's own
     * @param routes the routes, possibly none
     * @param routeModifier the route modifier
     * @param order the position in the chain
     */
    public record Entry(String application, String subscriberHeader, String subscriberUri, String region, String regionLabel, List<String> routes,
            SipRouteModifier routeModifier, int order) {
    }

    private final Map<String, List<Entry>> chains;

    private DarConfiguration(Map<String, List<Entry>> chains) {
        this.chains = chains;
    }

    /**
     * Reads the properties format.
     * @param properties method names mapped to their chains
     * @return the configuration
     * @throws IllegalArgumentException naming the method and the text that is malformed
     */
    public static DarConfiguration parse(Properties properties) {
        Map<String, List<Entry>> chains = new LinkedHashMap<>();
        for (String method : properties.stringPropertyNames()) {
            String value = properties.getProperty(method).trim();
            try {
                List<Entry> entries = parseChain(value);
                entries.sort(java.util.Comparator.comparingInt(Entry::order));
                chains.put(method.trim().toUpperCase(Locale.ROOT), List.copyOf(entries));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Default application router: bad entry for " + method + ": " + e.getMessage() + " in: " + value, e);
            }
        }
        return new DarConfiguration(chains);
    }

    /** @return the chain of a method, in invocation order; empty if the method has none */
    public List<Entry> chain(String method) {
        return this.chains.getOrDefault(method.toUpperCase(Locale.ROOT), Collections.emptyList());
    }

    /** @return whether no method has a chain */
    public boolean isEmpty() {
        return this.chains.isEmpty();
    }

    private static List<Entry> parseChain(String text) {
        List<Entry> entries = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            position = skip(text, position, ", \t");
            if (position >= text.length()) {
                break;
            }
            if (text.charAt(position) != '(') {
                throw new IllegalArgumentException("expected '(' at position " + position);
            }
            List<String> fields = new ArrayList<>(6);
            position++;
            while (true) {
                position = skip(text, position, " \t");
                if (position >= text.length() || text.charAt(position) != '"') {
                    throw new IllegalArgumentException("expected a quoted field at position " + position);
                }
                int close = text.indexOf('"', position + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed quote at position " + position);
                }
                fields.add(text.substring(position + 1, close).trim());
                position = skip(text, close + 1, " \t");
                if (position < text.length() && text.charAt(position) == ',') {
                    position++;
                } else if (position < text.length() && text.charAt(position) == ')') {
                    position++;
                    break;
                } else {
                    throw new IllegalArgumentException("expected ',' or ')' at position " + position);
                }
            }
            entries.add(entry(fields));
        }
        return entries;
    }

    private static Entry entry(List<String> fields) {
        if (fields.size() != 6) {
            throw new IllegalArgumentException("an application needs 6 fields (name, subscriber, region, route, route modifier, order), not " + fields.size());
        }
        String subscriber = fields.get(1);
        boolean headerNamed = subscriber.regionMatches(true, 0, "DAR:", 0, 4);
        boolean uriGiven = subscriber.indexOf(':') > 0 && !headerNamed;
        String header = headerNamed ? subscriber.substring(4).trim() : uriGiven || subscriber.isEmpty() ? null : subscriber;
        String regionField = fields.get(2);
        int colon = regionField.indexOf(':');
        String region = ((colon >= 0) ? regionField.substring(0, colon) : regionField).trim().toUpperCase(Locale.ROOT);
        String label = (colon >= 0 && !regionField.substring(colon + 1).isBlank()) ? regionField.substring(colon + 1).trim() : null;
        if (!List.of("ORIGINATING", "TERMINATING", "NEUTRAL").contains(region)) {
            throw new IllegalArgumentException("unknown region " + fields.get(2) + ": use ORIGINATING, TERMINATING or NEUTRAL, optionally with :label");
        }
        SipRouteModifier modifier;
        try {
            modifier = SipRouteModifier.valueOf(fields.get(4).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown route modifier " + fields.get(4) + ": use ROUTE, ROUTE_BACK or NO_ROUTE");
        }
        int order;
        try {
            order = Integer.parseInt(fields.get(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("order " + fields.get(5) + " is not a number");
        }
        List<String> routes = fields.get(3).isBlank() ? List.of() : List.of(fields.get(3).trim().split("\\s+"));
        if (modifier != SipRouteModifier.NO_ROUTE && routes.isEmpty()) {
            throw new IllegalArgumentException("route modifier " + modifier + " needs a route");
        }
        return new Entry(fields.get(0), header, uriGiven ? subscriber : null, region, label, routes, modifier, order);
    }

    private static int skip(String text, int position, String characters) {
        while (position < text.length() && characters.indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        return position;
    }
}
