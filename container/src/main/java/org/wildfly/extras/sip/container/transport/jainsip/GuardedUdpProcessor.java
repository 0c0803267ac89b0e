package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.BlockingQueueDispatchAuditor;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.TransportLimits;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The stack's UDP listening point, with a receive loop that cannot die and cannot fill the heap. The stack's own loop
 * gave each datagram a fresh 64 KiB array and queued them without bound, so a flood filled the heap; its thread
 * caught no {@link Error}, so the OutOfMemoryError that followed ended it, and the node heard nothing over UDP again.
 * Here one buffer receives, each datagram is kept in an array of its own length, the queue for the parsing thread
 * holds at most {@link TransportLimits#udpBacklog()} bytes (what does not fit is dropped, as the kernel drops what its
 * buffer cannot hold), and both threads log whatever they catch, rate-limited, and go on.
 */
final class GuardedUdpProcessor extends UDPMessageProcessor {

    private static final System.Logger LOGGER = System.getLogger(GuardedUdpProcessor.class.getName());
    /** How long a datagram may wait to be parsed before it is dropped, as the stack's congestion control does by default. */
    static final int CONGESTION_TIMEOUT_MILLIS = 8000;
    private static final long FAILURE_LOG_INTERVAL = TimeUnit.MINUTES.toNanos(1);
    private static final ThreadLocal<InboundOrigin> CURRENT = new ThreadLocal<>();

    private final TransportLimits limits;
    private final BadInputLog badInput;
    private final Backlog backlog;
    private final BlockingQueueDispatchAuditor congestion;
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL);
    private final AtomicLong dropped = new AtomicLong();

    GuardedUdpProcessor(InetAddress address, SIPTransactionStack stack, int port, TransportLimits limits, BadInputLog badInput) throws IOException {
        super(address, stack, port);
        this.limits = limits;
        this.badInput = badInput;
        this.backlog = new Backlog(limits.udpBacklog());
        this.messageQueue = this.backlog;
        this.messageChannels = new LinkedList<>();
        this.congestion = new BlockingQueueDispatchAuditor(this.backlog);
        this.congestion.setTimeout(CONGESTION_TIMEOUT_MILLIS);
    }

    /**
     * Called by the parser on the parsing thread: where the datagram it parses came from, once.
     * @return the origin of the datagram this thread took last, or {@code null} if it was asked already
     */
    static InboundOrigin takeCurrentOrigin() {
        InboundOrigin origin = CURRENT.get();
        CURRENT.remove();
        return origin;
    }

    @Override
    public void start() throws IOException {
        super.start();
        this.congestion.start(2000);
    }

    @Override
    public void stop() {
        super.stop();
        this.congestion.stop();
        // wakes the parsing thread, which sees the processor stopped and ends
        this.backlog.offer(new DatagramQueuedMessageDispatch(new DatagramPacket(new byte[0], 0), System.currentTimeMillis()));
    }

    boolean running() {
        return this.isRunning;
    }

    @Override
    public void run() {
        String name = ((SipStackImpl) this.sipStack).getStackName() + "-UDPMessageChannelThread-0";
        this.messageChannels.add(new GuardedUdpChannel(this.sipStack, this, name));
        byte[] buffer = new byte[TransportLimits.MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (this.isRunning) {
            try {
                packet.setData(buffer, 0, buffer.length);
                this.sock.receive(packet);
                this.received(packet);
            } catch (SocketException e) {
                if (!this.isRunning) {
                    return;
                }
                this.failed("receiving", e);
            } catch (Throwable e) { // an OutOfMemoryError too: this thread is the only ear of this node on UDP
                this.failed("receiving", e);
            }
        }
    }

    private void received(DatagramPacket packet) {
        int length = packet.getLength();
        String peer = null;
        if (length > this.limits.maxMessageSize()) {
            peer = peer(packet.getAddress(), packet.getPort());
            this.badInput.report(peer, "datagram of " + length + " bytes dropped: longer than maxMessageSize (" + this.limits.maxMessageSize() + ")");
            return;
        }
        byte[] copy = Arrays.copyOf(packet.getData(), length);
        DatagramPacket kept = new DatagramPacket(copy, length, packet.getAddress(), packet.getPort());
        if (!this.backlog.offer(new DatagramQueuedMessageDispatch(kept, System.currentTimeMillis()))) {
            long count = this.dropped.incrementAndGet();
            if (this.mayLogFailure()) {
                LOGGER.log(Level.WARNING, "UDP datagrams waiting to be parsed on port {0} passed {1} bytes (udpBacklog): this node is overloaded and drops"
                        + " what arrives beyond it ({2} dropped since start)", Integer.toString(this.getPort()), Integer.toString(this.limits.udpBacklog()),
                        Long.toString(count));
            }
        }
    }

    /**
     * Tells of a failure of a UDP thread, at most once a minute, without the data it worked on; the thread goes on.
     * @param doing what the thread was doing
     * @param failure what it caught
     */
    void failed(String doing, Throwable failure) {
        try {
            if (this.mayLogFailure()) {
                LOGGER.log(Level.ERROR, "The UDP listener on port {0} failed while {1} ({2}); it goes on (further failures within a minute at DEBUG)",
                        Integer.toString(this.getPort()), doing, failure.toString());
            } else {
                LOGGER.log(Level.DEBUG, "The UDP listener failed while " + doing, failure);
            }
        } catch (Throwable ignored) { // logging failed too (no memory): going on matters more
        }
    }

    private boolean mayLogFailure() {
        long now = System.nanoTime();
        long last = this.lastFailureLog.get();
        return now - last >= FAILURE_LOG_INTERVAL && this.lastFailureLog.compareAndSet(last, now);
    }

    /**
     * Sends a response the transport wrote itself from this listening point.
     * @param response the bytes
     * @param address where to
     * @param port which port
     */
    void send(byte[] response, InetAddress address, int port) {
        try {
            this.sock.send(new DatagramPacket(response, response.length, address, port));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot answer {0}:{1}: {2}", address, Integer.toString(port), e.toString());
        }
    }

    BadInputLog badInput() {
        return this.badInput;
    }

    static String peer(InetAddress address, int port) {
        return address.getHostAddress() + ":" + port + "/UDP";
    }

    /** The queue between the receiving and the parsing thread, bounded by the bytes it holds. It tells the parser where each datagram came from. */
    private final class Backlog extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private static final long serialVersionUID = 1L;
        private final AtomicLong bytes = new AtomicLong();
        private final long maximum;

        Backlog(long maximum) {
            this.maximum = maximum;
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch dispatch) {
            int length = dispatch.packet.getLength();
            if (this.bytes.addAndGet(length) > this.maximum && length > 0) {
                this.bytes.addAndGet(-length);
                return false;
            }
            if (!super.offer(dispatch)) {
                this.bytes.addAndGet(-length);
                return false;
            }
            return true;
        }

        @Override
        public DatagramQueuedMessageDispatch take() throws InterruptedException {
            return this.taken(super.take(), true);
        }

        @Override
        public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
            return this.taken(super.poll(timeout, unit), true);
        }

        @Override
        public DatagramQueuedMessageDispatch poll() {
            return this.taken(super.poll(), false); // the congestion control drops a stale one
        }

        private DatagramQueuedMessageDispatch taken(DatagramQueuedMessageDispatch dispatch, boolean parsing) {
            if (dispatch != null) {
                this.bytes.addAndGet(-dispatch.packet.getLength());
                if (parsing && dispatch.packet.getAddress() != null) {
                    CURRENT.set(new UdpOrigin(GuardedUdpProcessor.this, dispatch.packet.getAddress(), dispatch.packet.getPort()));
                }
            }
            return dispatch;
        }
    }

    /** The source of a datagram. */
    private record UdpOrigin(GuardedUdpProcessor processor, InetAddress address, int port) implements InboundOrigin {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public String peer() {
            return GuardedUdpProcessor.peer(this.address, this.port);
        }

        @Override
        public BadInputLog badInput() {
            return this.processor.badInput();
        }

        @Override
        public void answer(byte[] response) {
            this.processor.send(response, this.address, this.port);
        }
    }

    /** The stack's parsing thread, which comes back from whatever it catches. */
    private static final class GuardedUdpChannel extends UDPMessageChannel {
        GuardedUdpChannel(SIPTransactionStack stack, GuardedUdpProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }

        @Override
        public void run() {
            // runs from the super constructor on: only its fields are set
            GuardedUdpProcessor processor = (GuardedUdpProcessor) this.messageProcessor;
            while (processor.running()) {
                try {
                    super.run();
                } catch (Throwable e) {
                    processor.failed("parsing", e);
                }
            }
        }
    }
}
