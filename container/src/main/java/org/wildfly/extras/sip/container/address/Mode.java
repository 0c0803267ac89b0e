package org.wildfly.extras.sip.container.address;

/**
 * How far an application may change an address, URI or parameterable value the container hands out (JSR 289
 * SipServletMessage, "System Headers").
 */
public enum Mode {
    /** Everything may change: values the application created or cloned, and non-system header fields. */
    MUTABLE,
    /** Everything but the {@code tag} parameter may change: the From and To header fields of a message not yet sent. */
    TAG_PROTECTED,
    /** Nothing may change: system header fields (Via, Route, Record-Route, Path, most Contacts) and committed messages. */
    READ_ONLY;

    /**
     * Rejects any change to a read-only object.
     *
     * @param target the object to change, shown in the message
     * @param operation what the caller tried, for example {@code setDisplayName}
     * @throws IllegalStateException if this mode is {@link #READ_ONLY}
     */
    void checkModifiable(Object target, String operation) {
        if (this == READ_ONLY) {
            throw new IllegalStateException(String.format("%s is not allowed on %s: it is read-only, because the container manages this header field"
                    + " (a system header, or a message already sent)", operation, target));
        }
    }

    /**
     * Rejects a change to a parameter this mode protects.
     *
     * @param target the object to change, shown in the message
     * @param name the parameter name
     * @param operation what the caller tried, for example {@code setParameter}
     * @throws IllegalStateException if this mode is {@link #READ_ONLY}, or {@link #TAG_PROTECTED} and the parameter is {@code tag}
     */
    void checkParameter(Object target, String name, String operation) {
        this.checkModifiable(target, operation + "(\"" + name + "\")");
        if (this == TAG_PROTECTED && name.equalsIgnoreCase("tag")) {
            throw new IllegalStateException(String.format("%s(\"%s\") is not allowed on %s: the From and To tags identify the dialog,"
                    + " so only the container sets them", operation, name, target));
        }
    }
}
