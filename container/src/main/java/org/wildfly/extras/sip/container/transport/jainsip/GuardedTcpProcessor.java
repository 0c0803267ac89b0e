package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * The stack's NIO TCP listening point (one selector thread for all connections), within {@link TransportLimits}: it
 * closes a connection accepted beyond {@link TransportLimits#maxTcpConnections()}, and a sweep on the stack's timer
 * closes connections idle past {@link TransportLimits#tcpIdleTimeout()} and those whose message under way takes longer
 * than {@link TransportLimits#tcpReadTimeout()}. Every connection, accepted or opened, is a {@link GuardedTcpChannel},
 * which frames and checks what it reads. Messages of a connection are handled in order on the selector thread.
 */
final class GuardedTcpProcessor extends NioTcpMessageProcessor {

    private static final System.Logger LOGGER = System.getLogger(GuardedTcpProcessor.class.getName());

    private final TransportLimits limits;
    private final BadInputLog badInput;
    private final Set<GuardedTcpChannel> open = ConcurrentHashMap.newKeySet();
    private final SIPStackTimerTask sweeper = new StackTimerTask(this::sweep);

    GuardedTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, TransportLimits limits, BadInputLog badInput) {
        super(address, stack, port);
        this.nioHandler = new LockedNioHandler(stack, this);
        this.limits = limits;
        this.badInput = badInput;
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client) throws IOException {
        if (this.open.size() >= this.limits.maxTcpConnections()) {
            String peer = peer(client);
            try {
                client.close();
            } finally {
                this.badInput.report(Transport.TCP, peer, "connection closed at once: " + this.open.size() + " TCP connections are open, the most max-tcp-connections allows");
            }
            throw new ConnectionRefused();
        }
        GuardedTcpChannel channel = new GuardedTcpChannel(this, client);
        this.nioHandler.putMessageChannel(client, channel);
        this.open.add(channel);
        return channel;
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return this.outbound(target.getInetAddress(), target.getPort(), MessageChannel.getKey(target, this.transport));
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return this.outbound(host, port, MessageChannel.getKey(host, port, this.transport));
    }

    /** As the stack's own, with a guarded channel: a connection this node opens is read with the same limits. */
    private MessageChannel outbound(InetAddress host, int port, String key) throws IOException {
        synchronized (this) { // as the stack's own: it removes channels holding this lock
            ConnectionOrientedMessageChannel existing = this.messageChannels.get(key);
            if (existing != null) {
                return existing;
            }
            GuardedTcpChannel channel = new GuardedTcpChannel(host, port, this.sipStack, this);
            this.open.add(channel);
            this.messageChannels.put(key, channel);
            channel.markCached();
            this.selector.wakeup();
            return channel;
        }
    }

    @Override
    public void start() throws IOException {
        super.start();
        long shortest = Math.min(this.limits.tcpIdleTimeout().toMillis(), this.limits.tcpReadTimeout().toMillis());
        long period = Math.max(50, Math.min(1000, shortest / 4));
        this.sipStack.getTimer().scheduleWithFixedDelay(this.sweeper, period, period);
    }

    @Override
    public void stop() {
        try {
            this.sipStack.getTimer().cancel(this.sweeper);
        } catch (RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cancelling the TCP sweep: {0}", e.toString());
        }
        super.stop();
        for (GuardedTcpChannel channel : List.copyOf(this.open)) {
            channel.close();
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (GuardedTcpChannel channel : this.open) {
            try {
                channel.sweep(now, this.limits);
            } catch (Throwable e) { // the stack's timer is a java.util.Timer: a task that throws ends it
                LOGGER.log(Level.DEBUG, "Sweeping a TCP connection: {0}", e.toString());
            }
        }
    }

    void forget(GuardedTcpChannel channel) {
        this.open.remove(channel);
    }

    /** @return how many connections are open */
    int openConnections() {
        return this.open.size();
    }

    NIOHandler handler() {
        return this.nioHandler;
    }

    TransportLimits limits() {
        return this.limits;
    }

    BadInputLog badInput() {
        return this.badInput;
    }

    private static String peer(SocketChannel client) {
        try {
            if (client.getRemoteAddress() instanceof InetSocketAddress remote) {
                return remote.getAddress().getHostAddress() + ":" + remote.getPort() + "/TCP";
            }
        } catch (IOException | RuntimeException e) {
            // closed already
        }
        return "?/TCP";
    }

    /**
     * The stack's NIO handler, whose map from sockets to channels (a plain {@code HashMap}) is read and written under one
     * lock: the selector thread reads and writes it, and so do the threads that send and the sweep that closes
     * connections, where the stack's handler let them race.
     */
    private static final class LockedNioHandler extends NIOHandler {
        LockedNioHandler(SIPTransactionStack stack, NioTcpMessageProcessor processor) {
            super(stack, processor);
        }

        @Override
        public synchronized NioTcpMessageChannel getMessageChannel(SocketChannel socket) {
            return super.getMessageChannel(socket);
        }

        @Override
        public synchronized void putMessageChannel(SocketChannel socket, NioTcpMessageChannel channel) {
            super.putMessageChannel(socket, channel);
        }

        @Override
        public synchronized void removeMessageChannel(SocketChannel socket) {
            super.removeMessageChannel(socket);
        }

        @Override
        public synchronized int getCurrentChannelSize() {
            return super.getCurrentChannelSize();
        }
    }

    /** Thrown to the stack's accept loop for a connection closed at the limit; already logged, so the stack's log of it is dropped. */
    static final class ConnectionRefused extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionRefused() {
            super("TCP connection limit reached", null);
        }
    }
}
