package org.wildfly.extras.sip.container.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates servlet-mapping patterns against one request (JSR 289 §16). A condition on a variable the request does not
 * define is false, so {@code <not>} of it is true. A variable with several values meets a condition if one of them does.
 * Each variable is read from the request at most once, however many patterns are evaluated.
 */
public final class PatternEvaluator {

    private final RequestVariables variables;
    private final Map<String, List<String>> values = new HashMap<>();

    /**
     * @param variables the request's variables
     */
    public PatternEvaluator(RequestVariables variables) {
        this.variables = variables;
    }

    /**
     * @param pattern a pattern
     * @param variables a request's variables
     * @return whether the request matches it
     */
    public static boolean matches(Pattern pattern, RequestVariables variables) {
        return new PatternEvaluator(variables).matches(pattern);
    }

    /**
     * Applies the mappings in declaration order.
     * @param mappings an application's servlet mappings
     * @return the name of the servlet of the first mapping the request matches, or {@code null} if none does
     */
    public String select(List<ServletMapping> mappings) {
        for (ServletMapping mapping : mappings) {
            if (this.matches(mapping.pattern())) {
                return mapping.servletName();
            }
        }
        return null;
    }

    /**
     * @param pattern a pattern
     * @return whether the request matches it
     */
    public boolean matches(Pattern pattern) {
        if (pattern instanceof Pattern.And and) {
            for (Pattern condition : and.conditions()) {
                if (!this.matches(condition)) {
                    return false;
                }
            }
            return true;
        }
        if (pattern instanceof Pattern.Or or) {
            for (Pattern condition : or.conditions()) {
                if (this.matches(condition)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern instanceof Pattern.Not not) {
            return !this.matches(not.condition());
        }
        if (pattern instanceof Pattern.Exists exists) {
            return !this.values(exists.variable()).isEmpty();
        }
        if (pattern instanceof Pattern.Equal equal) {
            for (String value : this.values(equal.variable())) {
                if (equal.ignoreCase() ? value.equalsIgnoreCase(equal.value()) : value.equals(equal.value())) {
                    return true;
                }
            }
            return false;
        }
        if (pattern instanceof Pattern.Contains contains) {
            String literal = contains.ignoreCase() ? contains.value().toLowerCase(Locale.ROOT) : contains.value();
            for (String value : this.values(contains.variable())) {
                if ((contains.ignoreCase() ? value.toLowerCase(Locale.ROOT) : value).contains(literal)) {
                    return true;
                }
            }
            return false;
        }
        Pattern.SubdomainOf subdomain = (Pattern.SubdomainOf) pattern;
        boolean telephone = subdomain.variable().endsWith(".tel");
        for (String value : this.values(subdomain.variable())) {
            if (telephone ? hasPrefix(value, subdomain.value()) : isSubdomain(value, subdomain.value())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The DNS sense of subdomain, without case: {@code example.com} and {@code sip.example.com} are subdomains of
     * {@code example.com}, {@code badexample.com} is not. IP addresses are only subdomains of themselves.
     * @param host a host name or IP address
     * @param domain a domain name or IP address
     * @return whether the host lies in the domain
     */
    static boolean isSubdomain(String host, String domain) {
        String name = trimDots(host.trim()).toLowerCase(Locale.ROOT);
        String parent = trimDots(domain.trim()).toLowerCase(Locale.ROOT);
        if (name.isEmpty() || parent.isEmpty()) {
            return false;
        }
        if (isAddress(name) || isAddress(parent)) {
            return unbracket(name).equals(unbracket(parent));
        }
        return name.equals(parent) || name.endsWith("." + parent);
    }

    /**
     * A telephone number is a subdomain of another if the other's digits start it: {@code 1 212 555 1212} is a
     * subdomain of {@code 1212555}. Visual separators and the leading {@code +} are not digits.
     * @param number a telephone number
     * @param prefix the leading digits
     * @return whether the number starts with the prefix
     */
    static boolean hasPrefix(String number, String prefix) {
        String digits = digits(prefix);
        return !digits.isEmpty() && digits(number).startsWith(digits);
    }

    private List<String> values(String variable) {
        return this.values.computeIfAbsent(variable, name -> {
            List<String> found = this.variables.values(name);
            if (found == null) {
                return List.of();
            }
            return found.stream().filter(value -> value != null).toList();
        });
    }

    private static String digits(String number) {
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); ++i) {
            char c = number.charAt(i);
            // RFC 3966 visual separators, white space, and the global-number sign
            if ("+-.() \t".indexOf(c) < 0) {
                digits.append(Character.toLowerCase(c));
            }
        }
        return digits.toString();
    }

    private static String trimDots(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == '.') {
            ++start;
        }
        while (end > start && name.charAt(end - 1) == '.') {
            --end;
        }
        return name.substring(start, end);
    }

    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String unbracket(String host) {
        return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
    }
}
