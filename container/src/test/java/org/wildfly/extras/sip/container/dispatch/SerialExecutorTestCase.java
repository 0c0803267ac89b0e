package org.wildfly.extras.sip.container.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTestCase {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        this.pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunInOrderAndNeverTogether() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(this.pool);
        int keys = 20;
        int tasksPerKey = 500;
        List<List<Integer>> seen = new ArrayList<>();
        AtomicInteger[] running = new AtomicInteger[keys];
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(keys * tasksPerKey);
        for (int k = 0; k < keys; k++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
            running[k] = new AtomicInteger();
        }
        for (int i = 0; i < tasksPerKey; i++) {
            for (int k = 0; k < keys; k++) {
                int key = k;
                int index = i;
                executor.execute("call-" + key, () -> {
                    if (running[key].incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.get(key).add(index);
                    running[key].decrementAndGet();
                    done.countDown();
                });
            }
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        for (List<Integer> order : seen) {
            for (int i = 0; i < tasksPerKey; i++) {
                assertEquals(i, order.get(i));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (executor.activeKeys() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the last drain returns just after its task counted down
        }
        assertEquals(0, executor.activeKeys(), "no queue is left behind");
    }

    @Test
    void failingTaskDoesNotBlockItsKey() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(this.pool);
        CountDownLatch after = new CountDownLatch(1);
        executor.execute("call", () -> {
            throw new IllegalStateException("servlet bug");
        });
        executor.execute("call", after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
    }

    @Test
    void keysRunInParallel() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(this.pool);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch finished = new CountDownLatch(2);
        for (String key : new String[] { "a", "b" }) {
            executor.execute(key, () -> {
                bothRunning.countDown();
                try {
                    if (bothRunning.await(5, TimeUnit.SECONDS)) {
                        finished.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(finished.await(10, TimeUnit.SECONDS), "a task of one key waited for the other key's task");
    }

    @Test
    void actionsRunWhenTheTaskEndsBeforeTheNextTaskOfItsKey() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(this.pool);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        executor.execute("k", () -> {
            UnitOfWork.current().whenDone(() -> events.add("end of first"));
            events.add("first");
            throw new IllegalStateException("a failing task still ends its work");
        });
        executor.execute("k", () -> {
            events.add("second");
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "end of first", "second"), events);
        assertEquals(null, UnitOfWork.current(), "outside a task");
    }
}
