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
                case "getServletContextName":
                case "getContextPath":
                    return name;
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
