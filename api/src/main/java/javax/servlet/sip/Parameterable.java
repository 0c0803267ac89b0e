package javax.servlet.sip;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A SIP header field value with optional {@code ;name=value} parameters, such as Contact, Via or Content-Type.
 *
 * @since 1.1
 */
public interface Parameterable extends Cloneable {

    /**
     * Returns the field value without its parameters.
     *
     * @return the field value
     */
    String getValue();

    /**
     * Replaces the field value, keeping the parameters.
     *
     * @param value the new field value
     * @throws IllegalStateException if this object is read-only
     */
    void setValue(String value);

    /**
     * Returns a parameter's value.
     *
     * @param key the parameter name
     * @return its value, {@code ""} for a parameter without a value, or {@code null} if it is not set
     */
    String getParameter(String key);

    /**
     * Sets a parameter, or removes it when {@code value} is {@code null}.
     *
     * @param name the parameter name
     * @param value the parameter value; {@code ""} for a parameter without a value
     * @throws IllegalStateException if this object is read-only
     */
    void setParameter(String name, String value);

    /**
     * Removes a parameter.
     *
     * @param name the parameter name
     * @throws IllegalStateException if this object is read-only
     */
    void removeParameter(String name);

    /**
     * Returns the names of the parameters that are set.
     *
     * @return the parameter names
     */
    Iterator<String> getParameterNames();

    /**
     * Returns the parameters as name-value entries.
     *
     * @return the parameters
     */
    Set<Map.Entry<String, String>> getParameters();

    /**
     * Returns a copy of this value.
     *
     * @return the copy
     */
    Object clone();

    /**
     * Compares the field value and the parameters with those of another object.
     *
     * @param o the other object
     * @return {@code true} if both denote the same header field value
     */
    @Override
    boolean equals(Object o);
}
