package org.wildfly.extras.sip.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link Sipp} running in the background. Closing it kills sipp if it still runs. */
public final class SippProcess implements AutoCloseable {

    private final Process process;
    private final Path work;
    private final int port;

    SippProcess(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /** @return the port sipp listens on: where a server answers, e.g. the port of a B2BUA's callee URI */
    public int port() {
        return this.port;
    }

    /** @return the SIP messages sipp exchanged so far, while it runs: a test can wait for one to arrive */
    public String messagesSoFar() throws IOException {
        Path messages = this.work.resolve("messages.log");
        return Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "";
    }

    /**
     * Waits for sipp to end.
     * @param patience how long at most; sipp is killed after that, and the report's exit code is -1
     * @return its report
     */
    public SippReport await(Duration patience) throws IOException, InterruptedException {
        boolean ended = this.process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            this.process.destroyForcibly();
            this.process.waitFor(5, TimeUnit.SECONDS);
        }
        long[] calls = this.calls();
        return new SippReport(ended ? this.process.exitValue() : -1, calls[0], calls[1], this.output());
    }

    @Override
    public void close() {
        this.process.destroyForcibly();
    }

    /** @return successful and failed calls, from the last line of sipp's statistics file (cumulative columns) */
    private long[] calls() throws IOException {
        Path statistics = this.work.resolve("statistics.csv");
        List<String> lines = Files.exists(statistics) ? Files.readAllLines(statistics, StandardCharsets.UTF_8) : List.of();
        if (lines.size() < 2) {
            return new long[] {0, 0};
        }
        List<String> header = Arrays.asList(lines.get(0).split(";"));
        String[] last = lines.get(lines.size() - 1).split(";");
        return new long[] {column(header, last, "SuccessfulCall(C)"), column(header, last, "FailedCall(C)")};
    }

    private static long column(List<String> header, String[] values, String name) {
        int index = header.indexOf(name);
        return (index >= 0 && index < values.length) ? Long.parseLong(values[index].trim()) : 0;
    }

    void awaitListening(boolean tcp, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (this.process.isAlive() && System.nanoTime() < deadline && !this.listening(tcp)) {
            Thread.sleep(20);
        }
    }

    /** Reads the kernel's socket tables: a probe that binds the port could take it from sipp. */
    private boolean listening(boolean tcp) {
        String localPort = String.format(":%04X", this.port);
        boolean readable = false;
        for (String table : tcp ? List.of("/proc/net/tcp", "/proc/net/tcp6") : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                    String[] fields = line.trim().split("\\s+");
                    // fields: sl, local_address, rem_address, st (0A is LISTEN), ...
                    if (fields.length > 3 && fields[1].endsWith(localPort) && (!tcp || fields[3].equals("0A"))) {
                        return true;
                    }
                }
                readable = true;
            } catch (IOException absent) {
                // no such table (no IPv6): the other one tells
            }
        }
        return !readable; // no socket tables (not Linux): sipp binds at once after it starts
    }

    private String output() throws IOException {
        StringBuilder output = new StringBuilder(Files.readString(this.work.resolve("out.log"), StandardCharsets.UTF_8));
        for (String log : List.of("errors.log", "messages.log")) {
            if (Files.exists(this.work.resolve(log))) {
                output.append('\n').append(Files.readString(this.work.resolve(log), StandardCharsets.UTF_8));
            }
        }
        return output.toString();
    }
}
