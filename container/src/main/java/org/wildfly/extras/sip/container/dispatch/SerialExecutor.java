package org.wildfly.extras.sip.container.dispatch;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs tasks on a shared executor, one at a time and in order per key, and in parallel across keys.
 * The container keys by application session, so that a servlet sees one message of a call at a time (JSR 289 §6.4.2),
 * without holding a thread per call. A task that throws does not stop the ones queued after it.
 */
public final class SerialExecutor {

    private static final System.Logger LOGGER = System.getLogger(SerialExecutor.class.getName());

    // what the task running on this thread asked to run once it ends: the unit of work of a session store
    private static final ThreadLocal<List<Runnable>> TASK_END = new ThreadLocal<>();

    private final Executor executor;
    private final ConcurrentHashMap<Object, Queue<Runnable>> queues = new ConcurrentHashMap<>();

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

    /** @return whether this thread runs a task of a serial executor (a message, a timer), rather than an application's own thread */
    public static boolean inTask() {
        return TASK_END.get() != null;
    }

    /**
     * Runs an action when the task running on this thread ends, whether it returns or throws, before the next task of its key
     * starts. Session stores end a message's unit of work this way (write, then release the session's lock).
     * @param action what to run; one that throws is logged
     * @return {@code false} if this thread runs no task of a serial executor: the caller must end its work itself
     */
    public static boolean whenTaskEnds(Runnable action) {
        List<Runnable> actions = TASK_END.get();
        if (actions == null) {
            return false;
        }
        actions.add(action);
        return true;
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
            List<Runnable> previous = TASK_END.get();
            List<Runnable> actions = new ArrayList<>(2);
            TASK_END.set(actions);
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.ERROR, "Task for " + key + " failed", e);
            } finally {
                TASK_END.set(previous);
                endTask(key, actions);
            }
            task = this.next(key);
        }
    }

    private static void endTask(Object key, List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.ERROR, "End of a task for " + key + " failed", e);
            }
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
