package javax.servlet.sip;

/**
 * A SIP address, as in the From, To, Contact and Route header fields: an optional display name, a URI and
 * parameters.
 */
public interface Address extends Parameterable {

    /**
     * Returns the display name.
     *
     * @return the display name, or {@code null} if there is none
     */
    String getDisplayName();

    /**
     * Sets the display name.
     *
     * @param name the display name, or {@code null} to remove it
     * @throws IllegalStateException if this address is read-only
     */
    void setDisplayName(String name);

    /**
     * Returns the URI of this address.
     *
     * @return the URI, or {@code null} for the wildcard address
     */
    URI getURI();

    /**
     * Sets the URI of this address.
     *
     * @param uri the new URI
     * @throws IllegalStateException if this address is read-only
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    void setURI(URI uri);

    /**
     * Tells whether this is the wildcard Contact value {@code *}.
     *
     * @return {@code true} for the wildcard address
     */
    boolean isWildcard();

    /**
     * Returns the {@code q} parameter.
     *
     * @return the value of {@code q}, or {@code -1.0} if it is not set
     * @throws IllegalStateException if the value is not a number
     */
    float getQ();

    /**
     * Sets the {@code q} parameter.
     *
     * @param q a value between 0.0 and 1.0, or {@code -1.0} to remove the parameter
     * @throws IllegalArgumentException if {@code q} is out of range
     * @throws IllegalStateException if this address is read-only
     */
    void setQ(float q);

    /**
     * Returns the {@code expires} parameter.
     *
     * @return the number of seconds, or {@code -1} if it is not set
     */
    int getExpires();

    /**
     * Sets the {@code expires} parameter.
     *
     * @param seconds a number of seconds, or a negative number to remove the parameter
     * @throws IllegalStateException if this address is read-only
     */
    void setExpires(int seconds);

    /**
     * Returns this address as it appears in a header field.
     *
     * @return the textual form
     */
    @Override
    String toString();

    /**
     * Returns a copy of this address.
     *
     * @return the copy
     */
    @Override
    Object clone();

    /**
     * Compares this address with another one by URI and parameters; the display name is ignored.
     *
     * @param o the other object
     * @return {@code true} if the addresses are equal
     */
    @Override
    boolean equals(Object o);
}
