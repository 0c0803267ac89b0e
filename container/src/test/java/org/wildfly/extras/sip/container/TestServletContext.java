package org.wildfly.extras.sip.container;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContext;

/**
 * The servlet context a test gives an application: it keeps attributes, such as the SipFactory the container sets,
 * and answers nothing else.
 */
public final class TestServletContext {

    private TestServletContext() {
    }

    /**
     * @param name the context's name
     * @return a context that stores attributes
     */
    public static ServletContext create(String name) {
        return create(name, Map.of());
    }

    /**
     * @param name the context's name
     * @param initParameters the context parameters, as a deployment descriptor's context-param would set them
     * @return a context that stores attributes and answers its parameters
     */
    public static ServletContext create(String name, Map<String, String> initParameters) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        return (ServletContext) Proxy.newProxyInstance(TestServletContext.class.getClassLoader(), new Class<?>[] { ServletContext.class }, (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "setAttribute":
                    attributes.put((String) arguments[0], arguments[1]);
                    return null;
                case "getAttribute":
                    return attributes.get(arguments[0]);
                case "removeAttribute":
                    attributes.remove(arguments[0]);
                    return null;
                case "getInitParameter":
                    return initParameters.get(arguments[0]);
                case "getServletContextName":
                    return name;
                case "getContextPath":
                    return "/" + name;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == arguments[0];
                case "toString":
                    return "ServletContext of " + name;
                default:
                    return null;
            }
        });
    }
}
