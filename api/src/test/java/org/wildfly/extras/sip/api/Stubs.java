package org.wildfly.extras.sip.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Small hand-written test doubles of the API's interfaces, built with {@link java.lang.reflect.Proxy}: each answers
 * the methods it is given and returns a zero value from the others, and records the calls (other than to
 * {@code equals}, {@code hashCode} and {@code toString}, unless it is given them).
 */
final class Stubs {

    private Stubs() {
    }

    /**
     * Creates a stub.
     *
     * @param type the interface to implement
     * @param answers answers by method name, given the call's arguments
     * @param calls where the names of the methods called are recorded
     * @return the stub
     */
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers, List<String> calls) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] arguments = (args != null) ? args : new Object[0];
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                calls.add(method.getName());
                return answer.apply(arguments);
            }
            switch (method.getName()) {
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return proxy == arguments[0];
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return type.getSimpleName() + " stub";
                    }
                    break;
                default:
                    break;
            }
            calls.add(method.getName());
            return zero(method);
        };
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(Stubs.class.getClassLoader(), new Class<?>[] { type }, handler));
    }

    /**
     * Creates a stub that only records calls.
     *
     * @param type the interface to implement
     * @return the stub
     */
    static <T> T of(Class<T> type) {
        return of(type, Map.of(), Collections.synchronizedList(new ArrayList<>()));
    }

    /**
     * Creates an incoming request whose responses, once sent, are added to {@code sent}.
     *
     * @param method the SIP method
     * @param calls where the request's calls are recorded
     * @param sent where the responses sent are collected
     * @return the request
     */
    static SipServletRequest request(String method, List<String> calls, List<SipServletResponse> sent) {
        Function<Object[], Object> createResponse = args -> response((Integer) args[0], false, sent);
        return of(SipServletRequest.class, Map.of(
                "getMethod", args -> method,
                "isInitial", args -> Boolean.TRUE,
                "createResponse", createResponse), calls);
    }

    /**
     * Creates a response.
     *
     * @param status the status code
     * @param branch whether it is an intermediate final response on a proxy branch
     * @param sent where the response is added when it is sent
     * @return the response
     */
    static SipServletResponse response(int status, boolean branch, List<SipServletResponse> sent) {
        SipServletResponse[] self = new SipServletResponse[1];
        self[0] = of(SipServletResponse.class, Map.of(
                "getStatus", args -> status,
                "isBranchResponse", args -> branch,
                "send", args -> {
                    sent.add(self[0]);
                    return null;
                }), new ArrayList<>());
        return self[0];
    }

    private static Object zero(Method method) {
        Class<?> type = method.getReturnType();
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == double.class) {
            return 0.0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }
}
