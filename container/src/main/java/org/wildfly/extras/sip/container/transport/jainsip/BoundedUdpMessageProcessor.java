package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * The stack's UDP listening point with a receive path that a flood cannot kill. The stack's own queues every datagram
 * in a fresh 64 KiB buffer on an unbounded queue: under a flood its parsing thread falls behind, the queue holds
 * gigabytes, and the receive thread dies of {@link OutOfMemoryError}, leaving the node deaf on UDP for good. Here each
 * datagram is kept at its own size, the queue holds at most {@link #QUEUE_BYTES} (past that a datagram is dropped, as the
 * kernel drops what its buffer cannot hold, and its sender's retransmission comes later), and neither the receiving
 * nor the parsing thread ends on an error while the listening point is open.
 */
final class BoundedUdpMessageProcessor extends UDPMessageProcessor {

    private static final System.Logger LOGGER = System.getLogger(BoundedUdpMessageProcessor.class.getName());
    /** The datagrams waiting to be parsed, in bytes: 4 MiB, as much as the socket's own receive buffer. */
    static final int QUEUE_BYTES = 4 * 1024 * 1024;
    private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ByteBoundedQueue queue;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastDropReport = new AtomicLong(System.nanoTime() - DROP_REPORT_INTERVAL_NANOS);

    BoundedUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, int queueBytes) throws IOException {
        super(address, stack, port);
        this.queue = new ByteBoundedQueue(queueBytes);
        this.messageQueue = this.queue;
        this.messageChannels = new LinkedList<>(); // stop() walks it, and may come before run()
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
        // one parsing thread: datagrams reach the container in arrival order (see JainSipTransport)
        this.messageChannels.add(new ParsingChannel(this.sipStack, this, "SIP-UDP-parser-" + this.getPort()));
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (this.isRunning) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                this.sock.receive(packet);
                byte[] datagram = Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength());
                DatagramPacket kept = new DatagramPacket(datagram, datagram.length, packet.getAddress(), packet.getPort());
                if (!this.queue.offer(new DatagramQueuedMessageDispatch(kept, System.currentTimeMillis()))) {
                    this.droppedOne();
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
                    + " traffic than it can parse", Integer.toString(this.getPort()), Long.toString(this.queue.capacityBytes), Long.toString(this.dropped.sum()));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
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
    }

    /** A queue of datagrams bounded by their total size. */
    private static final class ByteBoundedQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private static final long serialVersionUID = 1L;
        private final transient AtomicLong bytes = new AtomicLong();
        private final long capacityBytes;

        ByteBoundedQueue(long capacityBytes) {
            this.capacityBytes = capacityBytes;
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch dispatch) {
            int size = dispatch.packet.getLength();
            if (this.bytes.addAndGet(size) > this.capacityBytes) {
                this.bytes.addAndGet(-size);
                return false;
            }
            if (!super.offer(dispatch)) {
                this.bytes.addAndGet(-size);
                return false;
            }
            return true;
        }

        @Override
        public DatagramQueuedMessageDispatch take() throws InterruptedException {
            return this.taken(super.take());
        }

        @Override
        public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
            return this.taken(super.poll(timeout, unit));
        }

        @Override
        public DatagramQueuedMessageDispatch poll() {
            return this.taken(super.poll());
        }

        private DatagramQueuedMessageDispatch taken(DatagramQueuedMessageDispatch dispatch) {
            if (dispatch != null) {
                this.bytes.addAndGet(-dispatch.packet.getLength());
            }
            return dispatch;
        }
    }
}
