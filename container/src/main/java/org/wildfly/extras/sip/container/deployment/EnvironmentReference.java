package org.wildfly.extras.sip.container.deployment;

import java.util.Objects;

/**
 * An entry of the application's environment that its {@code sip.xml} declares ({@code <env-entry>}, {@code <resource-ref>},
 * ..., {@code <post-construct>}), as checked by {@link SipXmlParser}: the host binds it into {@code java:comp/env} and
 * injects it as it does those of a {@code web.xml}, and names {@link #origin()} when it cannot.
 * @param element the element, such as {@code env-entry}
 * @param name the name it binds under {@code java:comp/env}; for a lifecycle callback, its method
 * @param type the Java type it declares ({@code <env-entry-type>}, {@code <res-type>}, the callback's class, ...), or {@code null}
 * @param value an {@code <env-entry-value>}, or {@code null}
 * @param origin where it is declared, such as {@code WEB-INF/sip.xml line 12}
 */
public record EnvironmentReference(String element, String name, String type, String value, String origin) {

    public EnvironmentReference {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }

    /** @return whether it is a lifecycle callback ({@code <post-construct>}, {@code <pre-destroy>}), which binds nothing */
    public boolean isLifecycleCallback() {
        return this.element.equals("post-construct") || this.element.equals("pre-destroy");
    }
}
