package javax.servlet.sip.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class that implements one or more SIP or servlet listener interfaces as a listener of a SIP
 * application.
 *
 * @since 1.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface SipListener {

    /**
     * The application the listener belongs to; by default the one declared on its package.
     *
     * @return the application name
     */
    String applicationName() default "";

    /**
     * A description of the listener.
     *
     * @return the description
     */
    String description() default "";
}
