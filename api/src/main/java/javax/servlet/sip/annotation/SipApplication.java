package javax.servlet.sip.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a SIP application on a package ({@code package-info.java}); the servlets and listeners that name
 * the application, or are in the package, belong to it. Values in {@code sip.xml} take precedence.
 *
 * @since 1.1
 */
@Target(ElementType.PACKAGE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SipApplication {

    /**
     * The application name, unique in the container.
     *
     * @return the name
     */
    String name();

    /**
     * A name for tools to display.
     *
     * @return the display name
     */
    String displayName() default "";

    /**
     * The path of a small icon inside the archive.
     *
     * @return the icon path
     */
    String smallIcon() default "";

    /**
     * The path of a large icon inside the archive.
     *
     * @return the icon path
     */
    String largeIcon() default "";

    /**
     * A description of the application.
     *
     * @return the description
     */
    String description() default "";

    /**
     * Whether the application can run in a distributed (clustered) container.
     *
     * @return {@code true} if distributable
     */
    boolean distributable() default false;

    /**
     * The default proxy timeout.
     *
     * @return seconds
     */
    int proxyTimeout() default 180;

    /**
     * The default application session timeout.
     *
     * @return minutes
     */
    int sessionTimeout() default 3;

    /**
     * The name of the servlet that receives initial requests, when the application has several.
     *
     * @return the servlet name
     */
    String mainServlet() default "";
}
