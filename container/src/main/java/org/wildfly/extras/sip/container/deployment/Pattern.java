package org.wildfly.extras.sip.container.deployment;

import java.util.List;
import java.util.Objects;

/**
 * The condition of a {@code <servlet-mapping>}: a predicate over initial requests (JSR 289 §16), as a tree of
 * immutable records. {@link PatternEvaluator} evaluates it.
 */
public sealed interface Pattern {

    /**
     * True if all its conditions are true.
     * @param conditions at least one
     */
    record And(List<Pattern> conditions) implements Pattern {
        public And {
            conditions = nonEmpty(conditions, "and");
        }
    }

    /**
     * True if at least one of its conditions is true.
     * @param conditions at least one
     */
    record Or(List<Pattern> conditions) implements Pattern {
        public Or {
            conditions = nonEmpty(conditions, "or");
        }
    }

    /**
     * True if its condition is false.
     * @param condition the negated condition
     */
    record Not(Pattern condition) implements Pattern {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * True if the variable is defined and its value equals the literal.
     * @param variable a variable such as {@code request.method}
     * @param value the literal
     * @param ignoreCase whether case does not matter
     */
    record Equal(String variable, String value, boolean ignoreCase) implements Pattern {
        public Equal {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * True if the variable is defined and its value contains the literal.
     * @param variable a variable such as {@code request.from}
     * @param value the literal
     * @param ignoreCase whether case does not matter
     */
    record Contains(String variable, String value, boolean ignoreCase) implements Pattern {
        public Contains {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * True if the variable is defined.
     * @param variable a variable such as {@code request.uri.param.transport}
     */
    record Exists(String variable) implements Pattern {
        public Exists {
            Objects.requireNonNull(variable, "variable");
        }
    }

    /**
     * True if the variable is a host name in the domain of the literal, or, for a {@code .tel} variable, a telephone
     * number that starts with the literal's digits.
     * @param variable a variable such as {@code request.uri.host} or {@code request.to.uri.tel}
     * @param value the domain or the number prefix
     */
    record SubdomainOf(String variable, String value) implements Pattern {
        public SubdomainOf {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param conditions at least one condition
     * @return their conjunction
     */
    static Pattern and(Pattern... conditions) {
        return new And(List.of(conditions));
    }

    /**
     * @param conditions at least one condition
     * @return their disjunction
     */
    static Pattern or(Pattern... conditions) {
        return new Or(List.of(conditions));
    }

    /**
     * @param condition a condition
     * @return its negation
     */
    static Pattern not(Pattern condition) {
        return new Not(condition);
    }

    /**
     * @param variable a variable
     * @param value the literal
     * @return a case-sensitive {@code <equal>}
     */
    static Pattern equal(String variable, String value) {
        return new Equal(variable, value, false);
    }

    /**
     * @param variable a variable
     * @param value the literal
     * @return a case-sensitive {@code <contains>}
     */
    static Pattern contains(String variable, String value) {
        return new Contains(variable, value, false);
    }

    /**
     * @param variable a variable
     * @return an {@code <exists>}
     */
    static Pattern exists(String variable) {
        return new Exists(variable);
    }

    /**
     * @param variable a host or {@code .tel} variable
     * @param value the domain or number prefix
     * @return a {@code <subdomain-of>}
     */
    static Pattern subdomainOf(String variable, String value) {
        return new SubdomainOf(variable, value);
    }

    private static List<Pattern> nonEmpty(List<Pattern> conditions, String element) {
        List<Pattern> copy = List.copyOf(conditions);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("<" + element + "> needs at least one condition");
        }
        return copy;
    }
}
