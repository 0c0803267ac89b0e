package org.wildfly.extras.sip.container.address;

import java.util.Objects;

import javax.servlet.sip.TelURL;

import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.TelUrlSyntax;

/**
 * A JSR 289 TelURL over a {@link TelUrlSyntax} (RFC 3966).
 */
public final class TelUrlImpl extends UriImpl implements TelURL {

    private static final String PHONE_CONTEXT = "phone-context";
    private static final String VISUAL_SEPARATORS = "-.()";

    private final TelUrlSyntax syntax;

    /**
     * @param syntax the parsed URL, which this object reads and changes
     * @param mode whether the URL may change
     */
    public TelUrlImpl(TelUrlSyntax syntax, Mode mode) {
        super(mode);
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    @Override
    public TelUrlSyntax syntax() {
        return this.syntax;
    }

    /** @return the number with its visual separators, without the {@code +} of a global number */
    @Override
    public String getPhoneNumber() {
        return this.syntax.phoneNumber();
    }

    @Override
    public String getPhoneContext() {
        return this.syntax.isGlobal() ? null : this.getParameter(PHONE_CONTEXT);
    }

    /**
     * Sets a global number and drops any {@code phone-context}.
     *
     * @param number {@code global-number-digits} of RFC 3966: {@code +}, then digits and visual separators
     * @throws IllegalArgumentException if {@code number} is not a global number
     */
    @Override
    public void setPhoneNumber(String number) {
        this.checkModifiable("setPhoneNumber");
        Objects.requireNonNull(number, "number");
        if (!isGlobalNumber(number)) {
            throw new IllegalArgumentException("Not a global number (RFC 3966 global-number-digits: '+', then digits and - . ( ) with at least one digit): \""
                    + number + "\"; use setPhoneNumber(number, phoneContext) for a local number");
        }
        this.syntax.setPhoneNumber(true, number.substring(1));
        this.syntax.parameters().remove(PHONE_CONTEXT);
    }

    /**
     * Sets a local number and its {@code phone-context}.
     *
     * @param number {@code local-number-digits} of RFC 3966: hex digits, {@code *}, {@code #} and visual separators
     * @param phoneContext a domain name or a global number prefix such as {@code +1-212}
     * @throws IllegalArgumentException if {@code number} is not a local number or {@code phoneContext} is not a descriptor
     */
    @Override
    public void setPhoneNumber(String number, String phoneContext) {
        this.checkModifiable("setPhoneNumber");
        Objects.requireNonNull(number, "number");
        if (!isLocalNumber(number)) {
            throw new IllegalArgumentException("Not a local number (RFC 3966 local-number-digits: hex digits, * # and - . ( ), without '+'): \""
                    + number + "\"; use setPhoneNumber(number) for a global number");
        }
        if (phoneContext == null || !(isGlobalNumber(phoneContext) || isDomainName(phoneContext))) {
            throw new IllegalArgumentException("A local number needs a phone-context that is a domain name or a global number prefix (RFC 3966 §5.1.5): "
                    + ((phoneContext != null) ? '"' + phoneContext + '"' : "null"));
        }
        this.syntax.setPhoneNumber(false, number);
        this.syntax.parameters().set(PHONE_CONTEXT, phoneContext);
    }

    @Override
    public boolean isGlobal() {
        return this.syntax.isGlobal();
    }

    @Override
    Parameters parameters() {
        return this.syntax.parameters();
    }

    @Override
    public TelUrlImpl clone() {
        return new TelUrlImpl(this.syntax.copy(), Mode.MUTABLE);
    }

    private static boolean isGlobalNumber(String number) {
        if (number.length() < 2 || number.charAt(0) != '+') {
            return false;
        }
        boolean digit = false;
        for (int i = 1; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean isDigit = c >= '0' && c <= '9';
            if (!isDigit && VISUAL_SEPARATORS.indexOf(c) < 0) {
                return false;
            }
            digit |= isDigit;
        }
        return digit;
    }

    private static boolean isLocalNumber(String number) {
        boolean digit = false;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean isDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '*' || c == '#';
            if (!isDigit && VISUAL_SEPARATORS.indexOf(c) < 0) {
                return false;
            }
            digit |= isDigit;
        }
        return digit;
    }

    private static boolean isDomainName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.startsWith("-") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
