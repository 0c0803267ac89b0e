package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * The stack's UDP listening point with a receive path that a flood cannot kill. The stack's own queues every datagram
 * in a fresh 64 KiB buffer on an unbounded queue: under a flood its parsing thread falls behind, the queue holds
 * gigabytes, and the receive thread dies of {@link OutOfMemoryError}, leaving the node deaf on UDP for good. Here each
 * datagram is kept at its own size, the queue holds at most {@link #QUEUE_BYTES} (past that a datagram is dropped, as the
 * kernel drops what its buffer cannot hold, and its sender's retransmission comes later), and neither the receiving
 * nor a parsing thread ends on an error while the listening point is open. Several threads parse, each the calls of its
 * lane ({@link DatagramQueue}). A datagram longer than {@link TransportLimits#maxMessageSize()} is dropped with a line in
 * the {@link BadInputLog}. A parsing thread learns where each datagram it takes came from ({@link #takeCurrentOrigin()}),
 * so that the guarded parser can answer what it rejects.
 */
final class BoundedUdpMessageProcessor extends UDPMessageProcessor {

    private static final System.Logger LOGGER = System.getLogger(BoundedUdpMessageProcessor.class.getName());
    /** The datagrams waiting to be parsed, in bytes, by default: 4 MiB, as much as the socket's own receive buffer. */
    static final int QUEUE_BYTES = 4 * 1024 * 1024;
    private static final ThreadLocal<InboundOrigin> CURRENT = new ThreadLocal<>();
    private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final DatagramQueue queue;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastDropReport = new AtomicLong(System.nanoTime() - DROP_REPORT_INTERVAL_NANOS);

    private final int maxMessageSize;
    private final BadInputLog badInput;
    private final UnparsedResponses unparsed;

    BoundedUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, TransportLimits limits, BadInputLog badInput,
            int parsingThreads) throws IOException {
        super(address, stack, port);
        this.maxMessageSize = limits.maxMessageSize();
        this.badInput = badInput;
        this.unparsed = (stack instanceof JainSipStack ours) ? ours.unparsedResponses() : new UnparsedResponses();
        this.queue = new DatagramQueue(parsingThreads, limits.udpBacklog(), new DatagramQueue.Parsing() {
            @Override
            public void taking(DatagramQueuedMessageDispatch dispatch) {
                if (dispatch.packet.getAddress() != null) {
                    CURRENT.set(new UdpOrigin(BoundedUdpMessageProcessor.this, dispatch.packet.getAddress(), dispatch.packet.getPort()));
                }
            }

            @Override
            public void responseDone(String branch) {
                BoundedUdpMessageProcessor.this.unparsed.done(branch);
            }
        });
        this.messageQueue = this.queue;
        this.messageChannels = new LinkedList<>(); // stop() walks it, and may come before run()
    }

    /**
     * Called by the parser on the parsing thread: where the datagram it parses came from, once.
     * @return the origin of the datagram this thread took last, or {@code null} if it was asked for already
     */
    static InboundOrigin takeCurrentOrigin() {
        InboundOrigin origin = CURRENT.get();
        CURRENT.remove();
        return origin;
    }

    /** @return the datagrams received and not parsed yet */
    int backlog() {
        return this.queue.size();
    }

    /** @return the datagrams dropped because the queue was full, since start */
    long dropped() {
        return this.dropped.sum();
    }

    @Override
    public void run() {
        // the messages of a call reach the container in arrival order: each is parsed by the thread of its Call-ID's lane
        for (int lane = 0; lane < this.queue.lanes(); lane++) {
            this.messageChannels.add(new ParsingChannel(this.sipStack, this, "SIP-UDP-parser-" + this.getPort() + "-" + lane));
        }
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (this.isRunning) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                this.sock.receive(packet);
                if (packet.getLength() > this.maxMessageSize) {
                    this.badInput.report(Transport.UDP, peer(packet.getAddress(), packet.getPort()),
                            "datagram of " + packet.getLength() + " bytes dropped: longer than max-message-size (" + this.maxMessageSize + ")");
                    continue;
                }
                byte[] datagram = Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength());
                DatagramPacket kept = new DatagramPacket(datagram, datagram.length, packet.getAddress(), packet.getPort());
                String branch = UnparsedResponses.branchOf(datagram);
                if (branch != null) {
                    this.unparsed.queued(branch); // before the parsing thread can take it
                }
                if (!this.queue.offer(new DatagramQueue.QueuedDatagram(kept, branch))) {
                    this.droppedOne();
                    if (branch != null) {
                        this.unparsed.done(branch);
                    }
                }
            } catch (SocketTimeoutException e) {
                // no datagram in the socket's timeout, if one is set: go on
            } catch (IOException | RuntimeException | Error e) {
                if (!this.isRunning) {
                    return; // closed by stop()
                }
                LOGGER.log(Level.ERROR, "Receiving on UDP port {0} failed, going on: {1}", Integer.toString(this.getPort()), e.toString());
                pause(); // an error that repeats (no memory) is not logged thousands of times a second
            }
        }
    }

    private void droppedOne() {
        this.dropped.increment();
        long now = System.nanoTime();
        long last = this.lastDropReport.get();
        if (now - last >= DROP_REPORT_INTERVAL_NANOS && this.lastDropReport.compareAndSet(last, now)) {
            LOGGER.log(Level.WARNING, "UDP port {0} drops datagrams: more than {1} bytes wait to be parsed ({2} dropped since start); this node takes more"
                    + " traffic than it can parse", Integer.toString(this.getPort()), Long.toString(this.queue.capacityBytes()), Long.toString(this.dropped.sum()));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
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

    private static String peer(InetAddress address, int port) {
        return address.getHostAddress() + ":" + port + "/UDP";
    }

    /** The source of a datagram. */
    private record UdpOrigin(BoundedUdpMessageProcessor processor, InetAddress address, int port) implements InboundOrigin {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public String peer() {
            return BoundedUdpMessageProcessor.peer(this.address, this.port);
        }

        @Override
        public BadInputLog badInput() {
            return this.processor.badInput;
        }

        @Override
        public void answer(byte[] response) {
            this.processor.send(response, this.address, this.port);
        }
    }

    /** The largest UDP payload. */
    private static final int MAX_DATAGRAM = 65_535;

    /** The stack's parsing thread, started again by itself if an error escapes a message (the stack catches only exceptions). */
    private static final class ParsingChannel extends UDPMessageChannel {

        ParsingChannel(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName); // starts the thread
        }

        @Override
        public void run() {
            while (true) {
                try {
                    super.run(); // returns when the listening point stops
                    return;
                } catch (Error e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    LOGGER.log(Level.ERROR, "Parsing a UDP datagram failed, going on: {0}", e.toString());
                    pause();
                }
            }
        }

        @Override
        public void processMessage(SIPMessage message) {
            if (message instanceof SIPResponse response) {
                // where it came from, as the stack's processMessage notes it first: the listener's event reads it
                response.setRemoteAddress(this.getPeerInetAddress());
                response.setRemotePort(this.getPeerPort());
                response.setLocalPort(this.getPort());
                response.setLocalAddress(this.getMessageProcessor().getIpAddress());
                response.setPeerPacketSourceAddress(this.getPeerPacketSourceAddress());
                response.setPeerPacketSourcePort(this.getPeerPacketSourcePort());
                if (StrayResponses.deliver(this, response)) {
                    return;
                }
            }
            super.processMessage(message);
        }
    }
}
