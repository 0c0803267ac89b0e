package org.wildfly.extras.sip.container.deployment;

import java.lang.reflect.Method;
import java.util.Objects;

import javax.servlet.sip.SipServletRequest;

/**
 * The application's {@code @SipApplicationKey} method, for session key based targeting: {@code public static String m(SipServletRequest)}.
 * @param className the binary name of the class that declares it
 * @param methodName the method name
 */
public record ApplicationKeyMethod(String className, String methodName) {

    public ApplicationKeyMethod {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
    }

    /**
     * Finds the method in the application's classes.
     * @param loader the application's class loader
     * @return the method, to invoke with a {@code null} target
     * @throws ReflectiveOperationException if the class or the method is missing
     */
    public Method find(ClassLoader loader) throws ReflectiveOperationException {
        return Class.forName(this.className, false, loader).getMethod(this.methodName, SipServletRequest.class);
    }

    @Override
    public String toString() {
        return this.className + "." + this.methodName;
    }
}
