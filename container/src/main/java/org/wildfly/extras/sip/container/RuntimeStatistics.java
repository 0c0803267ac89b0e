package org.wildfly.extras.sip.container;

import java.util.List;

import org.wildfly.extras.sip.container.transport.ListeningPoint;

/**
 * What a running container shows its operator: per application and per listening point. Figures count since start.
 */
public final class RuntimeStatistics {

    private RuntimeStatistics() {
    }

    /**
     * @param name the application name
     * @param servlets its SIP servlets, in declaration order
     * @param applicationSessions the application sessions this node holds
     * @param sipSessions the valid SIP sessions in the application sessions this node has in use
     * @param messagesIn the requests and responses its servlets were given
     * @param messagesOut the requests and responses it sent, its proxies included
     */
    public record Application(String name, List<String> servlets, int applicationSessions, int sipSessions, long messagesIn, long messagesOut) {
    }

    /**
     * @param listeningPoint where the container listens
     * @param messagesReceived the messages received there
     * @param messagesSent the messages sent from there
     */
    public record Connector(ListeningPoint listeningPoint, long messagesReceived, long messagesSent) {
    }

    /**
     * @param queuedMessages messages received and not yet fully handled, now
     * @param refusedRequests requests refused with 503 because the node was past its limits, since start
     * @param droppedDatagrams datagrams dropped because the transport's receive queue was full, since start
     */
    public record Overload(int queuedMessages, long refusedRequests, long droppedDatagrams) {
    }
}
