package org.example.sip;

import java.io.Serializable;

import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionBindingListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipSessionActivationListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionBindingListener;
import javax.servlet.sip.SipSessionEvent;

/**
 * An attribute value that follows its own life in sessions: binding, unbinding, passivation and activation.
 */
public class CallRecord implements Serializable, SipSessionBindingListener, SipApplicationSessionBindingListener,
        SipSessionActivationListener, SipApplicationSessionActivationListener {

    private static final long serialVersionUID = 1L;

    private final String callId;
    private int bindings;
    private int moves;

    public CallRecord(String callId) {
        this.callId = callId;
    }

    public String getCallId() {
        return this.callId;
    }

    public int getBindings() {
        return this.bindings;
    }

    public int getMoves() {
        return this.moves;
    }

    @Override
    public void valueBound(SipSessionBindingEvent event) {
        if (event.getSession().isValid()) {
            this.bindings++;
        }
    }

    @Override
    public void valueUnbound(SipSessionBindingEvent event) {
        this.bindings--;
    }

    @Override
    public void valueBound(SipApplicationSessionBindingEvent event) {
        if (event.getApplicationSession().isValid() && event.getName() != null) {
            this.bindings++;
        }
    }

    @Override
    public void valueUnbound(SipApplicationSessionBindingEvent event) {
        this.bindings--;
    }

    @Override
    public void sessionWillPassivate(SipSessionEvent se) {
        this.moves++;
    }

    @Override
    public void sessionDidActivate(SipSessionEvent se) {
        this.moves++;
    }

    @Override
    public void sessionWillPassivate(SipApplicationSessionEvent se) {
        this.moves++;
    }

    @Override
    public void sessionDidActivate(SipApplicationSessionEvent se) {
        this.moves++;
    }
}
