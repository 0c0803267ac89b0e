package javax.servlet.sip.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class that extends {@link javax.servlet.sip.SipServlet} as a servlet of a SIP application.
 *
 * @since 1.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface SipServlet {

    /**
     * The servlet name; by default the simple class name.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The application the servlet belongs to; by default the one declared on its package.
     *
     * @return the application name
     */
    String applicationName() default "";

    /**
     * A description of the servlet.
     *
     * @return the description
     */
    String description() default "";

    /**
     * When to initialize the servlet at deployment: a non-negative value loads it at startup, lower values first;
     * a negative value lets the container load it when needed.
     *
     * @return the load order
     */
    int loadOnStartup() default -1;
}
