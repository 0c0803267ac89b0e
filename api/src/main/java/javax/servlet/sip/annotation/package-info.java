/**
 * Annotations that declare a SIP application, its servlets, its listeners and its application key, instead of
 * or besides {@code sip.xml}.
 *
 * @since 1.1
 */
package javax.servlet.sip.annotation;
