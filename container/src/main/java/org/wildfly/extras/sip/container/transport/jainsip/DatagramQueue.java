package org.wildfly.extras.sip.container.transport.jainsip;

import java.net.DatagramPacket;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;

/**
 * The UDP datagrams waiting to be parsed: one lane per parsing thread, each datagram in the lane its Call-ID picks, so
 * that the messages of a call are parsed and handed over in the order they arrived (an ACK before the BYE behind it, a
 * 180 before its 200) while different calls are parsed in parallel. All lanes together hold at most a given number of
 * bytes; past that {@link #offer} refuses, and the datagram is dropped as the kernel drops what its buffer cannot hold.
 * Each parsing thread takes from its own lane, claimed the first time it asks.
 */
final class DatagramQueue extends AbstractQueue<DatagramQueuedMessageDispatch> implements BlockingQueue<DatagramQueuedMessageDispatch> {

    /** What the queue tells its listening point about the datagrams its parsing threads take. */
    interface Parsing {
        /**
         * A parsing thread took a datagram and is about to parse it.
         * @param dispatch the datagram
         */
        void taking(DatagramQueuedMessageDispatch dispatch);

        /**
         * A datagram that was a response left the queue: a parsing thread parsed it and the stack handled it, or it was
         * taken to be dropped.
         * @param branch the branch of its top Via
         */
        void responseDone(String branch);
    }

    /** A datagram waiting to be parsed, with its top Via's branch if it is a response ({@link UnparsedResponses}). */
    static final class QueuedDatagram extends DatagramQueuedMessageDispatch {
        final String responseBranch;

        QueuedDatagram(DatagramPacket packet, String responseBranch) {
            super(packet, System.currentTimeMillis());
            this.responseBranch = responseBranch;
        }
    }

    /** A parsing thread's lane, and the response it works on. */
    private static final class Reader {
        final LinkedBlockingQueue<DatagramQueuedMessageDispatch> lane;
        String parsingBranch; // only the reader's thread reads and writes it

        Reader(LinkedBlockingQueue<DatagramQueuedMessageDispatch> lane) {
            this.lane = lane;
        }
    }

    private final LinkedBlockingQueue<DatagramQueuedMessageDispatch>[] lanes;
    private final AtomicLong bytes = new AtomicLong();
    private final long capacityBytes;
    private final Parsing parsing;
    private final AtomicInteger claimed = new AtomicInteger();
    private final ThreadLocal<Reader> readers;

    @SuppressWarnings("unchecked")
    DatagramQueue(int lanes, long capacityBytes, Parsing parsing) {
        this.lanes = Stream.generate(LinkedBlockingQueue<DatagramQueuedMessageDispatch>::new).limit(lanes).toArray(LinkedBlockingQueue[]::new);
        this.capacityBytes = capacityBytes;
        this.parsing = parsing;
        // a thread past the last lane (none is started) would share one: it loses no datagram, only the order of its calls
        this.readers = ThreadLocal.withInitial(() -> new Reader(this.lanes[this.claimed.getAndIncrement() % this.lanes.length]));
    }

    /** @return the number of lanes, one per parsing thread */
    int lanes() {
        return this.lanes.length;
    }

    /** @return the most bytes the lanes hold together */
    long capacityBytes() {
        return this.capacityBytes;
    }

    @Override
    public boolean offer(DatagramQueuedMessageDispatch dispatch) {
        int size = dispatch.packet.getLength();
        if (this.bytes.addAndGet(size) > this.capacityBytes) {
            this.bytes.addAndGet(-size);
            return false;
        }
        int lane = (this.lanes.length == 1) ? 0 : Math.floorMod(DatagramFields.callIdHash(dispatch.packet.getData()), this.lanes.length);
        this.lanes[lane].add(dispatch); // the lanes are unbounded: the byte count bounds them
        return true;
    }

    @Override
    public void put(DatagramQueuedMessageDispatch dispatch) {
        this.offer(dispatch); // never waits: a datagram that does not fit is dropped
    }

    @Override
    public boolean offer(DatagramQueuedMessageDispatch dispatch, long timeout, TimeUnit unit) {
        return this.offer(dispatch);
    }

    @Override
    public DatagramQueuedMessageDispatch take() throws InterruptedException {
        Reader reader = this.parsed();
        return this.parsing(reader, this.taken(reader.lane.take()));
    }

    @Override
    public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
        Reader reader = this.parsed();
        return this.parsing(reader, this.taken(reader.lane.poll(timeout, unit)));
    }

    /** Taken to be dropped, not parsed (the stack's congestion auditor, were it on), from any lane. */
    @Override
    public DatagramQueuedMessageDispatch poll() {
        for (LinkedBlockingQueue<DatagramQueuedMessageDispatch> lane : this.lanes) {
            DatagramQueuedMessageDispatch dispatch = this.taken(lane.poll());
            if (dispatch != null) {
                if (dispatch instanceof QueuedDatagram queued && queued.responseBranch != null) {
                    this.parsing.responseDone(queued.responseBranch);
                }
                return dispatch;
            }
        }
        return null;
    }

    @Override
    public DatagramQueuedMessageDispatch peek() {
        for (LinkedBlockingQueue<DatagramQueuedMessageDispatch> lane : this.lanes) {
            DatagramQueuedMessageDispatch dispatch = lane.peek();
            if (dispatch != null) {
                return dispatch;
            }
        }
        return null;
    }

    @Override
    public int size() {
        int size = 0;
        for (LinkedBlockingQueue<DatagramQueuedMessageDispatch> lane : this.lanes) {
            size += lane.size();
        }
        return size;
    }

    /** @return the datagrams of every lane, lane after lane; read only */
    @Override
    public Iterator<DatagramQueuedMessageDispatch> iterator() {
        return Stream.of(this.lanes).flatMap(Collection::stream).iterator();
    }

    /** @return the bytes that may still be queued */
    @Override
    public int remainingCapacity() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, this.capacityBytes - this.bytes.get()));
    }

    @Override
    public int drainTo(Collection<? super DatagramQueuedMessageDispatch> target) {
        return this.drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super DatagramQueuedMessageDispatch> target, int most) {
        int drained = 0;
        DatagramQueuedMessageDispatch dispatch;
        while (drained < most && (dispatch = this.poll()) != null) {
            target.add(dispatch);
            drained++;
        }
        return drained;
    }

    /**
     * The parsing thread comes back for the next datagram: it has parsed the last one and the stack has handled it, so a
     * response it took has settled its transaction.
     */
    private Reader parsed() {
        Reader reader = this.readers.get();
        String branch = reader.parsingBranch;
        if (branch != null) {
            reader.parsingBranch = null;
            this.parsing.responseDone(branch);
        }
        return reader;
    }

    private DatagramQueuedMessageDispatch parsing(Reader reader, DatagramQueuedMessageDispatch dispatch) {
        if (dispatch != null) {
            this.parsing.taking(dispatch);
            if (dispatch instanceof QueuedDatagram queued) {
                reader.parsingBranch = queued.responseBranch;
            }
        }
        return dispatch;
    }

    private DatagramQueuedMessageDispatch taken(DatagramQueuedMessageDispatch dispatch) {
        if (dispatch != null) {
            this.bytes.addAndGet(-dispatch.packet.getLength());
        }
        return dispatch;
    }
}
