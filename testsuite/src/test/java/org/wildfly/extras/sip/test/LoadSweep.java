package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.wildfly.extras.sip.container.transport.FreePorts;

/**
 * Offers calls to a SIP server with {@code sipp} at rising rates (sipp/bench-role-uac.xml: INVITE with SDP, 200, ACK, a
 * hold, BYE) and measures each step: the calls that succeeded per second, INVITE-to-200 percentiles, and the CPU the
 * server's processes spent per call. Figures for {@link RealServerBenchmark}; nothing here asserts.
 */
final class LoadSweep {

    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** What one step of offered load gave. */
    record Step(int offered, long successful, long failed, double seconds, double p50, double p99, double cpuMsPerCall) {

        /** @return calls that succeeded per second of the step */
        double achieved() {
            return this.successful / this.seconds;
        }

        /** @return whether fewer than 0.1% of the calls failed and the offered rate was carried */
        boolean clean() {
            long calls = this.successful + this.failed;
            return calls > 0 && this.failed * 1000 < calls && this.achieved() >= 0.9 * this.offered;
        }
    }

    private final Path work;
    private final String role;
    private final int serverPort;
    private final int calleePort;
    private final int holdMillis;
    private final List<Long> serverPids;

    /**
     * @param work where sipp writes its files
     * @param role the X-Role of the calls (the roles application's proxy or b2bua)
     * @param serverPort the server's SIP port on 127.0.0.1
     * @param calleePort the port of the answering sipp
     * @param holdMillis how long each call lasts between ACK and BYE
     * @param serverPids the processes whose CPU a call costs (a node's JVM, Kamailio's processes)
     */
    LoadSweep(Path work, String role, int serverPort, int calleePort, int holdMillis, List<Long> serverPids) {
        this.work = work;
        this.role = role;
        this.serverPort = serverPort;
        this.calleePort = calleePort;
        this.holdMillis = holdMillis;
        this.serverPids = serverPids;
    }

    /**
     * Offers calls at one rate for a while and waits until the last has ended.
     * @param rate calls per second offered
     * @param seconds how long calls are started
     * @return what the step gave
     */
    Step step(int rate, int seconds) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(this.work.resolve("rate-" + rate + "-" + System.nanoTime()));
        long cpuBefore = this.cpuTicks();
        long started = System.nanoTime();
        Process caller = this.startCaller(folder, rate, rate * seconds, this.holdMillis);
        long patience = seconds + this.holdMillis / 1000 + 60;
        if (!caller.waitFor(patience, TimeUnit.SECONDS)) {
            caller.destroyForcibly().waitFor();
        }
        double elapsed = (System.nanoTime() - started) / 1e9 - this.holdMillis / 1000.0;
        long cpuTicks = this.cpuTicks() - cpuBefore;
        long successful = statistic(folder, "SuccessfulCall(C)");
        long failed = statistic(folder, "FailedCall(C)");
        long unfinished = (long) rate * seconds - successful - failed;
        double[] times = responseTimes(folder);
        double cpuMs = (successful > 0) ? cpuTicks * 1000.0 / TICKS_PER_SECOND / successful : Double.NaN;
        return new Step(rate, successful, failed + Math.max(0, unfinished), Math.max(seconds, elapsed), percentile(times, 0.50), percentile(times, 0.99), cpuMs);
    }

    /**
     * Starts calls that stay up (a long hold): for the heap a held call costs.
     * @return the running sipp, to be destroyed when measured
     */
    Process holdCalls(int calls, int rate, int holdMillis) throws IOException {
        Path folder = Files.createDirectories(this.work.resolve("held-" + System.nanoTime()));
        return this.startCaller(folder, rate, calls, holdMillis);
    }

    private Process startCaller(Path folder, int rate, int calls, int holdMillis) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", RealServerBenchmark.resource("sipp/bench-role-uac.xml").toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-t", "u1",
                "-r", Integer.toString(rate), "-m", Integer.toString(calls), "-l", Integer.toString(Math.max(200, rate * (holdMillis / 1000 + 3))),
                "-d", Integer.toString(holdMillis), "-recv_timeout", "8000", "-nostdin", "-timeout_error", "-timeout", (calls / Math.max(1, rate) + holdMillis / 1000 + 50) + "s",
                "-trace_stat", "-stf", folder.resolve("stat.csv").toString(), "-fd", "1", "-trace_rtt", "-rtt_freq", "1",
                "-key", "role", this.role, "-key", "callee_port", Integer.toString(this.calleePort), "127.0.0.1:" + this.serverPort));
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("sipp.out").toFile()).start();
    }

    /** @return the user and system CPU ticks of the server's processes (and their children) so far */
    long cpuTicks() throws IOException {
        long ticks = 0;
        for (long pid : this.serverPids) {
            ticks += cpuTicks(pid);
            for (ProcessHandle child : ProcessHandle.of(pid).map(handle -> handle.descendants().toList()).orElse(List.of())) {
                ticks += cpuTicks(child.pid());
            }
        }
        return ticks;
    }

    private static long cpuTicks(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String line = Files.readString(stat, StandardCharsets.US_ASCII);
        // after "pid (comm) ": state is field 3, utime field 14, stime field 15
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** @return the value of a column on the last line of sipp's statistics file, 0 if there is none */
    private static long statistic(Path folder, String column) throws IOException {
        Path stat = folder.resolve("stat.csv");
        if (!Files.exists(stat)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(stat, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return 0;
        }
        List<String> names = Arrays.asList(lines.get(0).split(";"));
        String[] last = lines.get(lines.size() - 1).split(";");
        int index = names.indexOf(column);
        return (index >= 0 && index < last.length) ? Long.parseLong(last[index].trim()) : 0;
    }

    /** @return the INVITE-to-200 times sipp wrote (-trace_rtt: date_ms;response_time_ms;rtd_no), in milliseconds */
    private static double[] responseTimes(Path folder) throws IOException {
        List<Double> times = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split(";");
                    if (fields.length >= 2 && !fields[1].isBlank() && Character.isDigit(fields[1].trim().charAt(0))) {
                        times.add(Double.parseDouble(fields[1].trim()));
                    }
                }
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double percentile(double[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    /**
     * @return the bytes of heap in use in a JVM after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info})
     */
    static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), "jcmd", Long.toString(pid), "GC.run");
        String info = run(Duration.ofSeconds(30), "jcmd", Long.toString(pid), "GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IOException("No heap figure in jcmd's answer:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String run(Duration patience, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }
}
