package org.wildfly.extras.sip.container.dispatch;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a shared executor, one at a time and in order per key, and in parallel across keys.
 * The container keys by application session, so that a servlet sees one message of a call at a time (JSR 289 §6.4.2),
 * without holding a thread per call. Each task runs in a {@link UnitOfWork} of its own. A task that throws does not stop
 * the ones queued after it.
 */
public final class SerialExecutor {

    private static final System.Logger LOGGER = System.getLogger(SerialExecutor.class.getName());

    private final Executor executor;
    private final ConcurrentHashMap<Object, Queue<Runnable>> queues = new ConcurrentHashMap<>();
    private final AtomicInteger queuedTasks = new AtomicInteger();

    public SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues a task behind the others of its key.
     * @param key what the task must not run concurrently with, e.g. an application session id
     * @param task the task
     */
    public void execute(Object key, Runnable task) {
        boolean[] first = new boolean[1];
        this.queuedTasks.incrementAndGet();
        this.queues.compute(key, (k, queue) -> {
            if (queue == null) {
                queue = new ArrayDeque<>(2);
                first[0] = true;
            }
            queue.add(task);
            return queue;
        });
        if (first[0]) {
            this.executor.execute(() -> this.drain(key));
        }
    }

    /** @return the tasks queued or running, all keys together */
    public int queuedTasks() {
        return this.queuedTasks.get();
    }

    /** @return the number of keys with queued or running tasks */
    public int activeKeys() {
        return this.queues.size();
    }

    private void drain(Object key) {
        // read the queue under the map's lock, like every other access: an ArrayDeque is not safe to peek while another thread adds
        Runnable[] first = new Runnable[1];
        this.queues.computeIfPresent(key, (k, queue) -> {
            first[0] = queue.peek();
            return queue;
        });
        Runnable task = first[0];
        while (task != null) {
            try (UnitOfWork work = UnitOfWork.open(key)) {
                task.run();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.ERROR, "Task for " + key + " failed", e);
            } finally {
                this.queuedTasks.decrementAndGet();
            }
            task = this.next(key);
        }
    }

    private Runnable next(Object key) {
        Runnable[] next = new Runnable[1];
        this.queues.computeIfPresent(key, (k, queue) -> {
            queue.poll();
            next[0] = queue.peek();
            return (next[0] != null) ? queue : null;
        });
        return next[0];
    }
}
