package org.wildfly.extras.sip.container.dispatch;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of one task on one key (a message, a timer, an expiry of one application session): the dispatcher opens it
 * around the task and closes it after, and what the task asked to run at its end runs then, whether the task returned or
 * threw, before the next task of the key starts. Session stores end a message's changes this way (write, then release
 * the session's lock). Code running in a task finds its unit of work with {@link #current()}; an application's own
 * thread, or an HTTP request, has none.
 */
public final class UnitOfWork implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(UnitOfWork.class.getName());
    private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();

    private final Object key;
    private final UnitOfWork outer;
    private final List<Runnable> endActions = new ArrayList<>(2);

    private UnitOfWork(Object key, UnitOfWork outer) {
        this.key = key;
        this.outer = outer;
    }

    /**
     * Opens the unit of work of a task on this thread; close it when the task ends.
     * @param key what the task runs for
     * @return the unit of work
     */
    public static UnitOfWork open(Object key) {
        UnitOfWork work = new UnitOfWork(key, CURRENT.get());
        CURRENT.set(work);
        return work;
    }

    /** @return the unit of work of the task this thread runs, or {@code null} outside any task */
    public static UnitOfWork current() {
        return CURRENT.get();
    }

    /**
     * Runs an action when this unit of work closes; one that throws is logged, and the others still run.
     * @param action what to run
     */
    public void whenDone(Runnable action) {
        this.endActions.add(action);
    }

    /** Ends the unit of work: its end actions run, in the order they were asked for. */
    @Override
    public void close() {
        CURRENT.set(this.outer);
        for (Runnable action : this.endActions) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.ERROR, "End of a task for " + this.key + " failed", e);
            }
        }
    }
}
