package javax.servlet.sip;

/**
 * A {@code tel} URL (RFC 3966).
 */
public interface TelURL extends URI {

    /**
     * Returns the number, without a leading {@code +} for a global number.
     *
     * @return the number
     */
    String getPhoneNumber();

    /**
     * Returns the {@code phone-context} parameter of a local number.
     *
     * @return its value, or {@code null} for a global number
     */
    String getPhoneContext();

    /**
     * Sets a global number.
     *
     * @param number the number, starting with {@code +}
     * @throws IllegalArgumentException if it is not a valid global number
     */
    void setPhoneNumber(String number);

    /**
     * Sets a local number with its context.
     *
     * @param number the local number
     * @param phoneContext the {@code phone-context} value
     * @throws IllegalArgumentException if it is not a valid local number
     */
    void setPhoneNumber(String number, String phoneContext);

    /**
     * Tells whether the number is global ({@code +} prefixed).
     *
     * @return {@code true} for a global number
     */
    boolean isGlobal();

    /**
     * Returns the textual form of this URL.
     *
     * @return the URL as a string
     */
    @Override
    String toString();

    /**
     * Compares this URL with another one by the rules of RFC 3966.
     *
     * @param o the other object
     * @return {@code true} if the URLs are equal
     */
    @Override
    boolean equals(Object o);
}
