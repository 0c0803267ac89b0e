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
     * @param callsActive its calls in progress on this node, now
     * @param callsStarted the initial INVITEs this node gave its servlets
     * @param sessionsTakenOver the application sessions this node took over from a node that left the cluster
     * @param storedUnits the units of work (a message, a timer, an expiry) whose application session was written back
     * @param storeNanos the time spent writing them back
     * @param retriedRequests the times one of its messages found its application session held by another node, and was tried again
     */
    public record Application(String name, List<String> servlets, int applicationSessions, int sipSessions, long messagesIn, long messagesOut, int callsActive,
            long callsStarted, long sessionsTakenOver, long storedUnits, long storeNanos, long retriedRequests) {

        /** @return the average time to write back a unit of work's application session, in microseconds; 0 before the first */
        public long averageStoreMicros() {
            return (this.storedUnits == 0) ? 0 : this.storeNanos / this.storedUnits / 1000;
        }
    }

    /**
     * An application session and the calls in it, as an operator sees them.
     * @param applicationSessionId its id
     * @param owner the node that owns it (this node's name where the application is not distributable)
     * @param creationTime when it was created, in epoch milliseconds
     * @param attributeNames the names of its attributes (not their values: they are the application's)
     * @param legs its valid SIP sessions
     */
    public record CallSession(String applicationSessionId, String owner, long creationTime, List<String> attributeNames, List<CallLeg> legs) {
    }

    /**
     * A SIP session, one leg of a call.
     * @param id its id
     * @param callId the Call-ID of its dialog
     * @param role what the application is in it: USER_AGENT (UAC, UAS, a B2BUA's leg) or PROXY
     * @param state INITIAL, EARLY, CONFIRMED or TERMINATED (JSR 289 §6.2.1)
     * @param localParty this side's address
     * @param remoteParty the other side's address
     */
    public record CallLeg(String id, String callId, String role, String state, String localParty, String remoteParty) {
    }

    /**
     * @param listeningPoint where the container listens
     * @param messagesReceived the messages received there
     * @param messagesSent the messages sent from there
     * @param malformedMessages the messages and connections that came there and were given up, not being valid SIP
     */
    public record Connector(ListeningPoint listeningPoint, long messagesReceived, long messagesSent, long malformedMessages) {
    }

    /**
     * @param queuedMessages messages received and not yet fully handled, now
     * @param refusedRequests requests refused with 503 because the node was past its limits, since start
     * @param droppedDatagrams datagrams dropped because the transport's receive queue was full, since start
     * @param retriedRequests messages tried again because another node held their application session, since start
     * @param malformedMessages messages (and connections) given up because they were not valid SIP, since start
     */
    public record Overload(int queuedMessages, long refusedRequests, long droppedDatagrams, long retriedRequests, long malformedMessages) {
    }
}
