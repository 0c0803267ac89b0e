package javax.servlet.sip.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static String} method taking a {@link javax.servlet.sip.SipServletRequest} that returns
 * the key of the application session an initial request belongs to; requests with the same key share an
 * application session. Returning {@code null} lets the container create a new one.
 *
 * @since 1.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface SipApplicationKey {

    /**
     * The application the method belongs to; by default the one declared on its package.
     *
     * @return the application name
     */
    String applicationName() default "";
}
