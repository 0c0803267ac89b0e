package org.wildfly.extras.sip.container.syntax;

/**
 * A tel URL (RFC 3966): {@code tel:+1-201-555-0123;ext=12}.
 */
public final class TelUrlSyntax implements UriSyntax {

    private boolean global;
    private String phoneNumber;
    private final Parameters parameters;

    public TelUrlSyntax(boolean global, String phoneNumber, Parameters parameters) {
        this.global = global;
        this.phoneNumber = phoneNumber;
        this.parameters = parameters;
    }

    @Override
    public String scheme() {
        return "tel";
    }

    public boolean isGlobal() {
        return this.global;
    }

    /** @return the number without the leading {@code +} of a global number */
    public String phoneNumber() {
        return this.phoneNumber;
    }

    public void setPhoneNumber(boolean global, String phoneNumber) {
        this.global = global;
        this.phoneNumber = phoneNumber;
    }

    public Parameters parameters() {
        return this.parameters;
    }

    @Override
    public TelUrlSyntax copy() {
        return new TelUrlSyntax(this.global, this.phoneNumber, new Parameters(this.parameters));
    }

    @Override
    public boolean equals(Object object) {
        // RFC 3966 §4: visual separators do not count
        return object instanceof TelUrlSyntax other && this.global == other.global
                && strip(this.phoneNumber).equalsIgnoreCase(strip(other.phoneNumber)) && this.parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return strip(this.phoneNumber).hashCode();
    }

    @Override
    public String toString() {
        StringBuilder builder = new StringBuilder("tel:");
        if (this.global) {
            builder.append('+');
        }
        builder.append(this.phoneNumber);
        this.parameters.appendTo(builder, ';');
        return builder.toString();
    }

    private static String strip(String number) {
        return number.replaceAll("[-.()]", "");
    }
}
