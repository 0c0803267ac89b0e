package javax.servlet.sip;

import java.util.Iterator;

/**
 * A URI, the common type of {@link SipURI}, {@link TelURL} and URIs of any other scheme.
 */
public interface URI extends Cloneable {

    /**
     * Returns the scheme, for example {@code sip}, {@code sips} or {@code tel}.
     *
     * @return the scheme
     */
    String getScheme();

    /**
     * Returns the textual form of this URI.
     *
     * @return the URI as a string
     */
    @Override
    String toString();

    /**
     * Tells whether the scheme is {@code sip} or {@code sips}.
     *
     * @return {@code true} for a {@link SipURI}
     */
    boolean isSipURI();

    /**
     * Returns a URI parameter.
     *
     * @param key the parameter name
     * @return its value, {@code ""} for a parameter without a value, or {@code null} if it is not set
     */
    String getParameter(String key);

    /**
     * Sets a URI parameter.
     *
     * @param name the parameter name
     * @param value the parameter value
     * @throws IllegalStateException if this URI is read-only
     */
    void setParameter(String name, String value);

    /**
     * Removes a URI parameter.
     *
     * @param name the parameter name
     * @throws IllegalStateException if this URI is read-only
     */
    void removeParameter(String name);

    /**
     * Returns the names of the parameters that are set.
     *
     * @return the parameter names
     */
    Iterator<String> getParameterNames();

    /**
     * Compares this URI with another one by the rules of its scheme.
     *
     * @param o the other object
     * @return {@code true} if the URIs are equal
     */
    @Override
    boolean equals(Object o);

    /**
     * Returns a copy of this URI.
     *
     * @return the copy
     */
    URI clone();
}
