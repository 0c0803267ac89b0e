package org.wildfly.extras.sip.container.transport.jainsip;

import java.lang.System.Logger.Level;
import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * Logs every message sent and received at TRACE, under {@code org.wildfly.extras.sip.messages}.
 * The stack instantiates it by name (property {@code gov.nist.javax.sip.SERVER_LOGGER}).
 */
public class JainSipMessageLogger implements ServerLogger {

    private static final System.Logger LOGGER = System.getLogger("org.wildfly.extras.sip.messages");

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        this.log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        this.log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        this.log(message, from, to, sender);
    }

    @Override
    public void logException(Exception ex) {
        LOGGER.log(Level.DEBUG, ex.getMessage(), ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }

    private void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOGGER.isLoggable(Level.TRACE)) {
            LOGGER.log(Level.TRACE, "{0} {1} -> {2}\n{3}", sender ? "sent" : "received", from, to, message.encode());
        }
    }
}
