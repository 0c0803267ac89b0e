package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.InboundChecks;
import org.wildfly.extras.sip.container.transport.MessageHead;
import org.wildfly.extras.sip.container.transport.StreamFramer;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * A TCP connection of the stack, read by a {@link StreamFramer} instead of the stack's own parser: that one allocated
 * an array of the announced Content-Length before a byte of the body came (a megabyte per connection for the asking),
 * and closed the connection on a malformed request without answering it. Here a message is held only as it arrives,
 * within the limits; a malformed request is answered 400 on the connection, which stays open when its framing is
 * intact; a request too large is answered 513 and its body skipped.
 */
final class GuardedTcpChannel extends NioTcpMessageChannel implements InboundOrigin, StreamFramer.Sink {

    private static final System.Logger LOGGER = System.getLogger(GuardedTcpChannel.class.getName());
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How long a connection whose framing broke stays open for the answer queued before it to leave. */
    private static final long LINGER = TimeUnit.SECONDS.toNanos(1);

    private StreamFramer framer; // made at the first read: the stack may read before the constructor ends
    private final boolean outbound;
    private volatile long lastActivity = System.nanoTime();
    private volatile long closeAt;
    private volatile boolean closing;

    /** An accepted connection. */
    GuardedTcpChannel(GuardedTcpProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.outbound = false;
    }

    /** A connection this node opens. */
    GuardedTcpChannel(InetAddress address, int port, SIPTransactionStack stack, GuardedTcpProcessor processor) throws IOException {
        super(address, port, stack, processor);
        this.outbound = true;
    }

    private GuardedTcpProcessor processor() {
        return (GuardedTcpProcessor) this.messageProcessor;
    }

    void markCached() {
        this.isCached = true;
    }

    @Override
    protected void addBytes(byte[] bytes) {
        long now = System.nanoTime();
        this.lastActivity = now;
        if (this.closing) {
            return; // its framing broke: nothing more is read
        }
        if (this.framer == null) {
            TransportLimits limits = this.processor().limits();
            this.framer = new StreamFramer(limits.maxHeaderSize(), limits.maxMessageSize());
        }
        this.framer.feed(bytes, 0, bytes.length, now, this);
    }

    @Override
    public void message(byte[] message) {
        SIPMessage parsed;
        try {
            parsed = this.sipStack.getMessageParserFactory().createMessageParser(this.sipStack).parseSIPMessage(message, true, false, this);
        } catch (ParseException e) {
            return; // the guarded parser answers and logs what it rejects
        }
        if (parsed == null) {
            return;
        }
        try {
            this.processMessage(parsed);
        } catch (Exception e) {
            // the stack answered (a 505, a 513) and threw to stop; or it failed on a message it took
            LOGGER.log(Level.DEBUG, "Processing a message from {0}: {1}", this.peer(), e.toString());
        }
    }

    @Override
    public void keepAlive() {
        this.answer(CRLF); // RFC 5626 §4.4.1: a pong for a ping
    }

    @Override
    public void tooLarge(byte[] header, long contentLength) {
        MessageHead head = MessageHead.parse(header);
        int limit = this.processor().limits().maxMessageSize();
        JainSipMessageParserFactory.reject(this, head, new InboundChecks.Verdict(head.isRequest() ? 513 : 0,
                "Content-Length " + contentLength + " makes it longer than max-message-size (" + limit + "); body skipped"), header.length);
    }

    @Override
    public void broken(byte[] header, String reason) {
        this.closing = true;
        this.closeAt = System.nanoTime() + LINGER;
        if (header != null) {
            MessageHead head = MessageHead.parse(header);
            JainSipMessageParserFactory.reject(this, head, new InboundChecks.Verdict(head.isRequest() ? 400 : 0, reason + "; connection closed"), header.length);
        } else {
            this.badInput().report(this.transport(), this.peer(), reason + "; connection closed");
        }
    }

    /**
     * Closes this connection if its time is up.
     * @param now the time, in nanoseconds
     * @param limits the limits
     */
    void sweep(long now, TransportLimits limits) {
        if (this.closing) {
            if (now - this.closeAt >= 0) {
                this.close();
            }
            return;
        }
        StreamFramer reading = this.framer;
        if (reading != null && reading.midMessage() && now - reading.messageStart() > limits.tcpReadTimeout().toNanos()) {
            this.badInput().report(this.transport(), this.peer(), "no whole message within tcp-read-timeout (" + limits.tcpReadTimeout().toMillis() + " ms, "
                    + reading.held() + " bytes held); connection closed");
            this.close();
        } else if (now - this.lastActivity > limits.tcpIdleTimeout().toNanos()) {
            LOGGER.log(Level.DEBUG, "Closing TCP connection {0}: idle for tcp-idle-timeout ({1} s)", this.peer(), Long.toString(limits.tcpIdleTimeout().toSeconds()));
            this.close();
        }
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        super.close(removeSocket, stopKeepAliveTask);
        if (removeSocket) {
            this.processor().forget(this);
        }
    }

    /**
     * Sends on this connection when the message goes to its peer. The stack's own path looks the connection up in a
     * table its NIO handler empties right after each connect (this version never marks a connect done), so each
     * request opened a new connection and the data queued for it could be written before the connection had its
     * channel, and was dropped: requests sent over TCP were lost.
     */
    @Override
    public void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry) throws IOException {
        if (receiverAddress.equals(this.peerAddress) && receiverPort == this.peerPort) {
            if (this.outbound && !this.usable()) {
                this.reconnect();
            }
            this.sendMessage(message, retry); // puts this connection in the stack's table, then sends on it
            return;
        }
        super.sendMessage(message, receiverAddress, receiverPort, retry);
    }

    private boolean usable() {
        SocketChannel socket = this.getSocketChannel();
        return socket != null && socket.isOpen() && socket.isConnected();
    }

    /** A connection this node opened and its peer closed: open a new one before the message is queued, so that it has its channel when written. */
    private synchronized void reconnect() throws IOException {
        if (this.usable()) {
            return;
        }
        if (this.getSocketChannel() != null) {
            this.close(false, false);
        }
        GuardedTcpProcessor processor = this.processor();
        SocketChannel fresh = processor.handler().createOrReuseSocket(this.peerAddress, this.peerPort);
        if (fresh == null) {
            throw new IOException("Cannot connect to " + this.peer() + ": the transport is stopping");
        }
        this.framer = null; // a new stream
        this.closing = false;
        this.socketChannel = fresh;
        this.mySock = fresh.socket();
        processor.handler().putMessageChannel(fresh, this);
    }

    @Override
    public void sendTCPMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry) throws IOException {
        this.lastActivity = System.nanoTime();
        super.sendTCPMessage(message, receiverAddress, receiverPort, retry);
    }

    @Override
    public void sendSingleCLRF() throws Exception {
        SocketChannel socket = this.getSocketChannel();
        if (socket != null && socket.isOpen()) { // the stack's own parser "answers" the end of a stream, and would open a connection back for it
            super.sendSingleCLRF();
        }
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public String peer() {
        InetAddress address = this.peerAddress;
        return ((address != null) ? address.getHostAddress() : "?") + ":" + this.peerPort + "/TCP";
    }

    @Override
    public BadInputLog badInput() {
        return this.processor().badInput();
    }

    @Override
    public void answer(byte[] response) {
        try {
            this.sendMessage(response, false);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer {0}: {1}", this.peer(), e.toString());
        }
    }
}
