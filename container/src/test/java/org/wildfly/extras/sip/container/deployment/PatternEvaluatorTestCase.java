package org.wildfly.extras.sip.container.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conditions of JSR 289 §16 on the request of its examples:
 * {@code MESSAGE sip:bob@example.com}, from {@code "Alice" <sip:alice@example.com>;tag=1234}, to {@code <sip:bob@example.com>}.
 */
class PatternEvaluatorTestCase {

    private static final Map<String, Object> MESSAGE = Map.ofEntries(
            Map.entry("request.method", "MESSAGE"),
            Map.entry("request.uri", "sip:bob@example.com"),
            Map.entry("request.uri.scheme", "sip"),
            Map.entry("request.uri.user", "bob"),
            Map.entry("request.uri.host", "example.com"),
            Map.entry("request.uri.port", "5060"),
            Map.entry("request.from", "\"Alice\" <sip:alice@example.com>;tag=1234"),
            Map.entry("request.from.uri", "sip:alice@example.com"),
            Map.entry("request.from.uri.user", "alice"),
            Map.entry("request.from.uri.host", "sip.Atlanta.example.com"),
            Map.entry("request.from.display-name", "Alice"),
            Map.entry("request.to", "<sip:bob@example.com>"),
            Map.entry("request.to.uri", "sip:bob@example.com"),
            Map.entry("request.to.uri.host", "192.0.2.4"),
            Map.entry("request.to.uri.tel", "+1 (212) 555-1212"),
            Map.entry("request.to.display-name", ""),
            Map.entry("request.uri.param.transport", List.of("udp", "tcp")));

    private static final RequestVariables REQUEST = RequestVariables.of(MESSAGE);

    private static boolean matches(Pattern pattern) {
        return PatternEvaluator.matches(pattern, REQUEST);
    }

    @ParameterizedTest(name = "{0} equal {1} ignore-case={2}: {3}")
    @CsvSource(textBlock = """
            request.method,           MESSAGE,      false, true
            request.method,           message,      false, false
            request.method,           message,      true,  true
            request.method,           MESSAG,       true,  false
            request.from.display-name, ALICE,       true,  true
            request.to.display-name,  '',           false, true
            request.uri.param.transport, tcp,       false, true
            request.uri.param.transport, TCP,       true,  true
            request.uri.param.transport, sctp,      false, false
            request.uri.param.lr,     '',           false, false
            request.to.display-name,  x,            false, false
            """)
    void equal(String variable, String value, boolean ignoreCase, boolean expected) {
        assertEquals(expected, matches(new Pattern.Equal(variable, value, ignoreCase)));
    }

    @ParameterizedTest(name = "{0} contains {1} ignore-case={2}: {3}")
    @CsvSource(textBlock = """
            request.from,      tag=1234, false, true
            request.from,      TAG=1234, false, false
            request.from,      TAG=1234, true,  true
            request.from,      '',       false, true
            request.uri,       bob@,     false, true
            request.uri,       carol,    true,  false
            request.uri.param.transport, cp, false, true
            request.uri.param.maddr, '', false, false
            """)
    void contains(String variable, String value, boolean ignoreCase, boolean expected) {
        assertEquals(expected, matches(new Pattern.Contains(variable, value, ignoreCase)));
    }

    @ParameterizedTest(name = "exists {0}: {1}")
    @CsvSource(textBlock = """
            request.method,              true
            request.to.display-name,     true
            request.uri.param.transport, true
            request.uri.param.lr,        false
            request.uri.tel,             false
            request.header.subject,      false
            """)
    void exists(String variable, boolean expected) {
        assertEquals(expected, matches(Pattern.exists(variable)));
    }

    @ParameterizedTest(name = "{0} subdomain-of {1}: {2}")
    @CsvSource(textBlock = """
            request.uri.host,      example.com,             true
            request.uri.host,      EXAMPLE.COM,             true
            request.uri.host,      .example.com,            true
            request.uri.host,      example.com.,            true
            request.uri.host,      com,                     true
            request.uri.host,      sip.example.com,         false
            request.uri.host,      ample.com,               false
            request.uri.host,      example.org,             false
            request.from.uri.host, example.com,             true
            request.from.uri.host, atlanta.example.com,     true
            request.from.uri.host, lanta.example.com,       false
            request.to.uri.host,   192.0.2.4,               true
            request.to.uri.host,   2.4,                     false
            request.to.uri.host,   0.2.4,                   false
            request.to.uri.tel,    1212,                    true
            request.to.uri.tel,    +1-212-555,              true
            request.to.uri.tel,    12125551212,             true
            request.to.uri.tel,    121255512120,            false
            request.to.uri.tel,    1213,                    false
            request.to.uri.tel,    212,                     false
            request.uri.tel,       1,                       false
            """)
    void subdomainOf(String variable, String value, boolean expected) {
        assertEquals(expected, matches(Pattern.subdomainOf(variable, value)));
    }

    @Test
    void subdomainOfAddresses() {
        assertTrue(PatternEvaluator.isSubdomain("[2001:db8::1]", "2001:DB8::1"));
        assertFalse(PatternEvaluator.isSubdomain("2001:db8::1", "db8::1"));
        assertFalse(PatternEvaluator.isSubdomain("10.0.0.1", "0.1"));
        assertFalse(PatternEvaluator.isSubdomain("example.com", "..."));
        assertTrue(PatternEvaluator.hasPrefix("1 212 555 1212", "1212555"), "the example of JSR 289 §16");
        assertFalse(PatternEvaluator.hasPrefix("1 212 555 1212", "+"), "no digits, no prefix");
    }

    /** Every row of the two-input truth tables, with exists conditions as the inputs. */
    @ParameterizedTest(name = "{0} {1}: and={2} or={3}")
    @CsvSource(textBlock = """
            false, false, false, false
            false, true,  false, true
            true,  false, false, true
            true,  true,  true,  true
            """)
    void connectives(boolean a, boolean b, boolean and, boolean or) {
        Pattern first = condition(a);
        Pattern second = condition(b);
        assertEquals(and, matches(Pattern.and(first, second)));
        assertEquals(or, matches(Pattern.or(first, second)));
        assertEquals(!a, matches(Pattern.not(first)));
        assertEquals(!and, matches(Pattern.not(Pattern.and(first, second))), "not and");
        assertEquals(!a || !b, matches(Pattern.or(Pattern.not(first), Pattern.not(second))), "De Morgan");
        assertEquals(a, matches(Pattern.and(first)));
        assertEquals(a, matches(Pattern.or(first)));
        assertEquals(a, matches(Pattern.not(Pattern.not(first))));
    }

    private static Pattern condition(boolean value) {
        return value ? Pattern.equal("request.method", "MESSAGE") : Pattern.exists("request.uri.param.lr");
    }

    @Test
    void undefinedVariablesAreFalseEverywhere() {
        assertFalse(matches(Pattern.equal("request.uri.tel", "")));
        assertFalse(matches(Pattern.contains("request.uri.tel", "")));
        assertFalse(matches(Pattern.subdomainOf("request.uri.tel", "1")));
        assertTrue(matches(Pattern.not(Pattern.equal("request.uri.tel", "1"))), "not of a false condition");
        RequestVariables nulls = variable -> null;
        assertFalse(PatternEvaluator.matches(Pattern.exists("request.method"), nulls));
        RequestVariables nullValues = variable -> new ArrayList<>(java.util.Collections.singletonList(null));
        assertFalse(PatternEvaluator.matches(Pattern.exists("request.method"), nullValues));
    }

    @Test
    void exampleOfTheSpecification() {
        // MESSAGE from tag 1234 to otherexample.com: the third condition fails
        Pattern pattern = Pattern.and(
                Pattern.equal("request.method", "MESSAGE"),
                Pattern.contains("request.from", "tag=1234"),
                Pattern.equal("request.uri.host", "otherexample.com"));
        assertFalse(matches(pattern));
        assertTrue(matches(Pattern.and(Pattern.equal("request.method", "MESSAGE"), Pattern.contains("request.from", "tag=1234"))));
    }

    @Test
    void selectTriesMappingsInOrder() {
        List<ServletMapping> mappings = List.of(
                new ServletMapping("invite", Pattern.equal("request.method", "INVITE")),
                new ServletMapping("alice", Pattern.equal("request.from.uri.user", "alice")),
                new ServletMapping("any", Pattern.exists("request.uri")));
        assertEquals("alice", new PatternEvaluator(REQUEST).select(mappings));
        assertEquals("any", new PatternEvaluator(RequestVariables.of(Map.of("request.uri", "sip:x@y"))).select(mappings));
        assertNull(new PatternEvaluator(RequestVariables.of(Map.of())).select(mappings));
    }

    @Test
    void eachVariableIsReadOnce() {
        Map<String, Integer> reads = new HashMap<>();
        PatternEvaluator evaluator = new PatternEvaluator(variable -> {
            reads.merge(variable, 1, Integer::sum);
            return REQUEST.values(variable);
        });
        Pattern pattern = Pattern.or(Pattern.equal("request.method", "INVITE"), Pattern.equal("request.method", "BYE"), Pattern.exists("request.uri.tel"));
        assertFalse(evaluator.matches(pattern));
        assertFalse(evaluator.matches(pattern));
        assertEquals(Map.of("request.method", 1, "request.uri.tel", 1), reads);
    }

    @Test
    void standardVariables() {
        for (String variable : List.of("request.method", "request.uri", "request.uri.scheme", "request.uri.user", "request.uri.host", "request.uri.port",
                "request.uri.tel", "request.uri.param.transport", "request.from", "request.from.uri", "request.from.uri.user", "request.from.uri.param.x-y.z",
                "request.from.display-name", "request.to", "request.to.uri.host", "request.to.uri.tel", "request.to.display-name")) {
            assertTrue(RequestVariables.isStandard(variable), variable);
        }
        for (String variable : List.of("request", "method", "request.header.subject", "request.uri.display-name", "request.from.user", "request.uri.param.",
                "request.to.uri.port.x", "Request.method", "request.method ")) {
            assertFalse(RequestVariables.isStandard(variable), variable);
        }
    }

    @Test
    void patternsAreValueObjects() {
        assertEquals(Pattern.and(Pattern.exists("request.uri")), new Pattern.And(List.of(new Pattern.Exists("request.uri"))));
        assertThrows(IllegalArgumentException.class, () -> new Pattern.Or(List.of()));
        assertThrows(NullPointerException.class, () -> Pattern.equal("request.method", null));
        List<Pattern> conditions = new ArrayList<>(List.of(Pattern.exists("request.uri")));
        Pattern and = new Pattern.And(conditions);
        conditions.add(Pattern.exists("request.to"));
        assertEquals(1, ((Pattern.And) and).conditions().size(), "copied");
    }
}
