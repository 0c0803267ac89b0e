package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sipp} with many calls of a scenario under src/test/resources/sipp, as a load, and reads its call counts
 * from its statistics file ({@code -trace_stat}); failed calls are described in its error file ({@code -trace_err}).
 * With {@code -Dsipp.trace=true} it also writes every message to {@code messages.log} ({@code -trace_msg}).
 */
public final class SippLoad {

    /**
     * What one sipp counted, at its end.
     * @param successful calls that went through the whole scenario
     * @param failed calls that did not (unexpected message, timeout, ...)
     * @param errors sipp's error file: why calls failed
     * @param work where sipp wrote its files
     */
    public record Counts(int successful, int failed, String errors, Path work) {
    }

    private final Process process;
    private final Path work;
    private final int port;

    private SippLoad(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /**
     * Starts a sipp that answers calls on a free loopback port (a callee), until it has seen the given number of calls.
     * @param scenario file name under sipp/ on the test class path
     * @param calls how many calls it takes before it ends
     * @return the running sipp
     */
    public static SippLoad answering(String scenario, int calls) throws IOException, InterruptedException {
        int port = FreePorts.udpAndTcp();
        SippLoad callee = start(scenario, port, List.of("-m", Integer.toString(calls)), null);
        Sipp.awaitListening(callee.process, port, "u1");
        return callee;
    }

    /**
     * Starts a sipp that makes calls to a server on loopback (a caller).
     * @param scenario file name under sipp/ on the test class path
     * @param serverPort the port of the server under test
     * @param calls how many calls
     * @param rate calls started per second
     * @param holdMillis the scenario's {@code <pause/>}
     * @return the running sipp
     */
    public static SippLoad calling(String scenario, int serverPort, int calls, int rate, int holdMillis) throws IOException {
        return start(scenario, FreePorts.udpAndTcp(), List.of("-m", Integer.toString(calls), "-r", Integer.toString(rate), "-d", Integer.toString(holdMillis)),
                "127.0.0.1:" + serverPort);
    }

    private static SippLoad start(String scenario, int port, List<String> load, String remote) throws IOException {
        Path work = Files.createTempDirectory("sipp-load-");
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", copy(scenario, work).toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-t", "u1", "-nostdin", "-timeout", "120s", "-max_recv_loops", "10000", "-max_sched_loops", "10000",
                "-trace_stat", "-stf", work.resolve("stat.csv").toString(), "-fd", "1",
                "-trace_err", "-error_file", work.resolve("errors.log").toString()));
        if (Boolean.getBoolean("sipp.trace")) {
            // every message of every call, for finding where one went missing
            command.addAll(List.of("-trace_msg", "-message_file", work.resolve("messages.log").toString()));
        }
        command.addAll(load);
        if (remote != null) {
            command.add(remote);
        }
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        return new SippLoad(process, work, port);
    }

    /** @return the port it listens on */
    public int port() {
        return this.port;
    }

    /**
     * Waits for sipp to end, then reads its counts.
     * @param seconds how long to wait before ending it
     * @return its counts; a sipp that had to be ended reports what it had counted so far
     */
    public Counts await(long seconds) throws IOException, InterruptedException {
        if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
            this.process.destroy(); // sipp writes its last statistics when it gets SIGTERM
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        return this.counts();
    }

    private Counts counts() throws IOException {
        Path errors = this.work.resolve("errors.log");
        String errorText = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8) : "";
        Path statistics = this.work.resolve("stat.csv");
        if (!Files.exists(statistics)) {
            return new Counts(0, -1, errorText + Files.readString(this.work.resolve("out.log"), StandardCharsets.UTF_8), this.work);
        }
        List<String> lines = Files.readAllLines(statistics, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(";");
        String[] last = lines.get(lines.size() - 1).split(";");
        return new Counts(Integer.parseInt(last[column(header, "SuccessfulCall(C)")]), Integer.parseInt(last[column(header, "FailedCall(C)")]), errorText, this.work);
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("No column " + name + " in sipp's statistics");
    }

    /** Copies a scenario next to sipp's files: on another module's class path it sits in this module's test jar. */
    private static Path copy(String scenario, Path work) throws IOException {
        try (InputStream in = SippLoad.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IOException("No scenario sipp/" + scenario + " on the test class path");
            }
            Path copy = work.resolve(scenario);
            Files.copy(in, copy);
            return copy;
        }
    }
}
