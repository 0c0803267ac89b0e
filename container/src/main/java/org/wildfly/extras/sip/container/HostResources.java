package org.wildfly.extras.sip.container;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;

/**
 * What the host lends a container: the transport it starts, the threads that run the applications' code, and the
 * thread of its timers. The host sizes and names them, and stops them after the container closed; the container
 * creates no thread pool of its own.
 * @param transports starts the container's transport
 * @param workers runs servlets, listeners and timers, one task at a time per application session
 * @param scheduler runs the container's timers (retransmissions, retries, expiries), which hand their work to the workers
 */
public record HostResources(SipTransport.Factory transports, ExecutorService workers, ScheduledExecutorService scheduler) {

    /**
     * Resources for a container on its own (tests, embedding): the JAIN-SIP transport and daemon threads named
     * {@code <name>-servlet-N} and {@code <name>-timers}.
     * @param name the prefix of the threads' names
     * @param workers how many threads run the applications' code
     * @return the resources; {@link #shutdown()} stops them
     */
    public static HostResources standalone(String name, int workers) {
        return standalone(name, workers, null);
    }

    /**
     * Resources as {@link #standalone(String, int)}, whose transport opens its TLS connections (requests to {@code sips:}
     * targets) with the given SSL context: its keys are the container's client certificate, its trust the servers it accepts.
     * @param name the prefix of the threads' names
     * @param workers how many threads run the applications' code
     * @param tlsClient the SSL context of the TLS connections the container opens; {@code null} for the JVM's default
     *        context ({@code SSLContext.getDefault()}: the JVM's trust store, no client certificate)
     * @return the resources; {@link #shutdown()} stops them
     */
    public static HostResources standalone(String name, int workers, SSLContext tlsClient) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> daemon(task, name + "-servlet-" + threads.incrementAndGet()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name + "-timers"));
        return new HostResources(JainSipTransport.factory(tlsClient), pool, scheduler);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops the timers at once and lets the workers finish what they run, for up to five seconds. */
    public void shutdown() {
        this.scheduler.shutdownNow();
        this.workers.shutdown();
        try {
            this.workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
