package org.wildfly.extras.sip.container.transport;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Where a transport tells what it refused from its peers: one short line per bad message or connection, with the peer
 * and the reason, never the message's bytes or a stack trace. Peers choose how much bad input they send, so the lines
 * are rate-limited: at most {@code lines} per interval at WARNING, the rest at DEBUG only, counted, and the count is
 * logged with the first line of the next interval.
 */
public final class BadInputLog {

    /** The logger of the lines, which operators can tune on its own. */
    public static final String LOGGER_NAME = "org.wildfly.extras.sip.bad-input";
    /** Lines per interval at WARNING by default. */
    public static final int DEFAULT_LINES = 10;
    /** The default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private static final int MAX_TEXT = 160;

    private final System.Logger logger;
    private final int lines;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<Transport, LongAdder> byTransport = new EnumMap<>(Transport.class);
    private long windowStart;
    private int logged;
    private long suppressed;

    /**
     * @param logger where the lines go
     * @param lines the most lines per interval at WARNING
     * @param interval the interval
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public BadInputLog(System.Logger logger, int lines, Duration interval, LongSupplier clock) {
        this.logger = logger;
        this.lines = lines;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.windowStart = clock.getAsLong();
        for (Transport transport : Transport.values()) {
            this.byTransport.put(transport, new LongAdder());
        }
    }

    /** @return a log on {@value #LOGGER_NAME}, {@value #DEFAULT_LINES} lines a minute */
    public static BadInputLog standard() {
        return new BadInputLog(System.getLogger(LOGGER_NAME), DEFAULT_LINES, DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * Tells of one bad message or connection.
     * @param transport the transport it came over, whose connector counts it
     * @param peer who sent it, as {@code address:port/transport}
     * @param what what was wrong and what this node did about it; shortened to one line of {@value #MAX_TEXT} characters
     */
    public void report(Transport transport, String peer, String what) {
        this.byTransport.get(transport).increment();
        this.log("SIP " + peer + ": " + oneLine(what));
    }

    /**
     * Logs one line within the same budget, such as the stack's own report of a peer's fault.
     * @param line the line, already short
     */
    public void log(String line) {
        long summary;
        boolean warn;
        synchronized (this) {
            long now = this.clock.getAsLong();
            summary = 0;
            if (now - this.windowStart >= this.intervalNanos) {
                summary = this.suppressed;
                this.windowStart = now;
                this.logged = 0;
                this.suppressed = 0;
            }
            warn = this.logged < this.lines;
            if (warn) {
                this.logged++;
            } else {
                this.suppressed++;
            }
        }
        if (summary > 0) {
            this.logger.log(Level.WARNING, "SIP: {0} more lines about bad input were not logged in the last interval (at most {1} per {2} s; all at DEBUG)",
                    Long.toString(summary), Integer.toString(this.lines), Long.toString(Duration.ofNanos(this.intervalNanos).toSeconds()));
        }
        this.logger.log(warn ? Level.WARNING : Level.DEBUG, line);
    }

    /** @return how many bad messages and connections were reported since this log was made */
    public long total() {
        long total = 0;
        for (LongAdder count : this.byTransport.values()) {
            total += count.sum();
        }
        return total;
    }

    /** @return how many of them came over that transport */
    public long total(Transport transport) {
        return this.byTransport.get(transport).sum();
    }

    /**
     * @param text any text, such as an exception's message that quotes the input
     * @return it on one line of printable characters, at most {@value #MAX_TEXT} long
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return (flat.length() > MAX_TEXT) ? flat.substring(0, MAX_TEXT) + "…" : flat;
    }
}
