package org.wildfly.extras.sip.container.deployment;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The variables a servlet-mapping pattern reads from an initial request (JSR 289 §16): {@code request.method},
 * {@code request.uri}, {@code request.from.uri.user}, {@code request.to.display-name} and so on. The message layer
 * implements it; tests use {@link #of(Map)}.
 */
@FunctionalInterface
public interface RequestVariables {

    /**
     * @param variable a variable name such as {@code request.uri.host}
     * @return its values, usually one; {@code null} or empty if the request does not define it
     */
    List<String> values(String variable);

    /**
     * @param values each variable's value: a {@code String} or a {@code Collection} of them
     * @return variables read from the map
     */
    static RequestVariables of(Map<String, ?> values) {
        Map<String, ?> copy = Map.copyOf(values);
        return variable -> {
            Object value = copy.get(variable);
            if (value == null) {
                return null;
            }
            if (value instanceof Collection<?> collection) {
                return collection.stream().map(String::valueOf).toList();
            }
            return List.of(value.toString());
        };
    }

    /**
     * Whether JSR 289 §16 defines a variable: {@code request.method}; {@code request.uri} and
     * {@code request.from.uri} and {@code request.to.uri}, each with an optional {@code .scheme}, {@code .user},
     * {@code .host}, {@code .port}, {@code .tel} or {@code .param.}<i>name</i>; {@code request.from},
     * {@code request.to} and their {@code .display-name}.
     * @param variable a variable name
     * @return {@code true} if the specification defines it
     */
    static boolean isStandard(String variable) {
        return variable.matches("request\\.(method"
                + "|(uri|from\\.uri|to\\.uri)(\\.(scheme|user|host|port|tel|param\\.[^\\s]+))?"
                + "|(from|to)(\\.display-name)?)");
    }
}
