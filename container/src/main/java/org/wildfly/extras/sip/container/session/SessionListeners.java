package org.wildfly.extras.sip.container.session;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSessionActivationListener;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionListener;

/**
 * The session listeners a deployment declared (sip.xml {@code <listener>} or {@code @SipListener}).
 * A listener that throws is logged and does not stop the others or the message being processed.
 */
public final class SessionListeners {

    private static final System.Logger LOGGER = System.getLogger(SessionListeners.class.getName());

    private final List<SipApplicationSessionListener> applicationSessionListeners = new CopyOnWriteArrayList<>();
    private final List<SipApplicationSessionAttributeListener> applicationSessionAttributeListeners = new CopyOnWriteArrayList<>();
    private final List<SipSessionListener> sipSessionListeners = new CopyOnWriteArrayList<>();
    private final List<SipSessionAttributeListener> sipSessionAttributeListeners = new CopyOnWriteArrayList<>();
    private final List<SipApplicationSessionActivationListener> applicationSessionActivationListeners = new CopyOnWriteArrayList<>();
    private final List<SipSessionActivationListener> sipSessionActivationListeners = new CopyOnWriteArrayList<>();

    /** Registers a listener object under every session listener interface it implements. */
    public void add(Object listener) {
        if (listener instanceof SipApplicationSessionListener l) {
            this.applicationSessionListeners.add(l);
        }
        if (listener instanceof SipApplicationSessionAttributeListener l) {
            this.applicationSessionAttributeListeners.add(l);
        }
        if (listener instanceof SipSessionListener l) {
            this.sipSessionListeners.add(l);
        }
        if (listener instanceof SipSessionAttributeListener l) {
            this.sipSessionAttributeListeners.add(l);
        }
        if (listener instanceof SipApplicationSessionActivationListener l) {
            this.applicationSessionActivationListeners.add(l);
        }
        if (listener instanceof SipSessionActivationListener l) {
            this.sipSessionActivationListeners.add(l);
        }
    }

    void applicationSession(Consumer<SipApplicationSessionListener> event) {
        notify(this.applicationSessionListeners, event);
    }

    void applicationSessionAttribute(Consumer<SipApplicationSessionAttributeListener> event) {
        notify(this.applicationSessionAttributeListeners, event);
    }

    void sipSession(Consumer<SipSessionListener> event) {
        notify(this.sipSessionListeners, event);
    }

    void sipSessionAttribute(Consumer<SipSessionAttributeListener> event) {
        notify(this.sipSessionAttributeListeners, event);
    }

    void applicationSessionActivation(Consumer<SipApplicationSessionActivationListener> event) {
        notify(this.applicationSessionActivationListeners, event);
    }

    void sipSessionActivation(Consumer<SipSessionActivationListener> event) {
        notify(this.sipSessionActivationListeners, event);
    }

    static <L> void notify(Iterable<L> listeners, Consumer<L> event) {
        for (L listener : listeners) {
            notifyOne(listener, event);
        }
    }

    static <L> void notifyOne(L listener, Consumer<L> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Listener " + listener.getClass().getName() + " failed", e);
        }
    }
}
