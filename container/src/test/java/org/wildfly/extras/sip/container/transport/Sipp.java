package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sipp} (Debian package sip-tester) with a scenario kept under src/test/resources/sipp. Its output
 * includes the messages sipp exchanged, so tests can check what the server sent.
 */
public final class Sipp {

    /** What sipp reported. */
    public record Result(int exitCode, String output) {
        public boolean passed() {
            return this.exitCode == 0;
        }
    }

    private Sipp() {
    }

    /**
     * Runs one call of a scenario against a SIP server on loopback.
     * @param scenario file name under sipp/ on the test class path
     * @param transport "u1" for UDP, "t1" for TCP
     * @param serverPort the port of the server under test
     * @param extraArguments further sipp options
     * @return exit code and output
     */
    public static Result run(String scenario, String transport, int serverPort, String... extraArguments) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-timeout", "15s")); // the caller's own -timeout, later, wins
        arguments.addAll(List.of(extraArguments));
        return startClient(scenario, transport, serverPort, arguments.toArray(String[]::new)).await();
    }

    /**
     * Starts sipp as a client of a scenario in the background, for scenarios longer than {@link #run} waits for or several
     * calls at once ({@code -m}, {@code -r} among the extra arguments; the last of a repeated option wins).
     * @param scenario file name under sipp/ on the test class path
     * @param transport "u1" for UDP, "t1" for TCP
     * @param serverPort the port of the server under test
     * @param extraArguments further sipp options
     * @return the running sipp; {@link Server#await(java.time.Duration)} waits for its result
     */
    public static Server startClient(String scenario, String transport, int serverPort, String... extraArguments) throws IOException {
        Path work = Files.createTempDirectory("sipp-");
        int port = FreePorts.udpAndTcp();
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioPath(scenario).toString(), "-m", "1", "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-t", transport, "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", work.resolve("errors.log").toString(), "-trace_msg", "-message_file", work.resolve("messages.log").toString()));
        command.addAll(List.of(extraArguments));
        command.add("127.0.0.1:" + serverPort);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        return new Server(process, work, port);
    }

    /** A sipp that waits for calls, started with {@link #startServer}. */
    public record Server(Process process, Path work, int port) {
        /**
         * Waits for the scenario to finish.
         * @return exit code and output
         */
        public Result await() throws IOException, InterruptedException {
            return this.await(java.time.Duration.ofSeconds(30));
        }

        /** @return the messages it exchanged so far (its -trace_msg file), while it runs */
        public String messagesSoFar() throws IOException {
            Path messages = this.work.resolve("messages.log");
            return Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "";
        }

        /**
         * Waits for the scenario to finish.
         * @param patience how long, at most; sipp is killed after that
         * @return exit code and output
         */
        public Result await(java.time.Duration patience) throws IOException, InterruptedException {
            if (!this.process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                this.process.destroyForcibly();
            }
            return new Result(this.process.isAlive() ? -1 : this.process.exitValue(), output(this.work));
        }
    }

    /**
     * Starts sipp as a server: it answers one call of the scenario on a free loopback port.
     * @param scenario file name under sipp/ on the test class path
     * @param transport "u1" for UDP, "t1" for TCP
     * @param extraArguments further sipp options, such as {@code -key name value}
     * @return the running sipp and its port
     */
    public static Server startServer(String scenario, String transport, String... extraArguments) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("sipp-");
        int port = FreePorts.udpAndTcp();
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioPath(scenario).toString(), "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-t", transport, "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", work.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", work.resolve("messages.log").toString()));
        command.addAll(List.of(extraArguments));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        awaitListening(process, port, transport);
        return new Server(process, work, port);
    }

    /**
     * Runs one call of one of sipp's built-in scenarios ({@code -sn uac}, ...) against a SIP server on loopback.
     * @param scenario the built-in scenario's name
     * @param transport "u1" for UDP, "t1" for TCP
     * @param serverPort the port of the server under test
     * @return exit code and output
     */
    public static Result runBuiltIn(String scenario, String transport, int serverPort) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("sipp-");
        List<String> command = List.of("sipp", "-sn", scenario, "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-t", transport,
                "-timeout", "15s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", work.resolve("errors.log").toString(), "127.0.0.1:" + serverPort);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        return new Server(process, work, serverPort).await();
    }

    /**
     * Starts one of sipp's built-in scenarios as a server ({@code -sn uas}), for one call.
     * @param scenario the built-in scenario's name
     * @param transport "u1" for UDP, "t1" for TCP
     * @return the running sipp and its port
     */
    public static Server startBuiltIn(String scenario, String transport) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("sipp-");
        int port = FreePorts.udpAndTcp();
        List<String> command = List.of("sipp", "-sn", scenario, "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", transport,
                "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", work.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", work.resolve("messages.log").toString());
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        awaitListening(process, port, transport);
        return new Server(process, work, port);
    }

    /**
     * Waits until a sipp server has bound its port, since a request sent earlier would be lost (or refused over TCP).
     * Gives up after a few seconds, or when sipp exits (say, its port was taken): its result then tells why.
     */
    static void awaitListening(Process process, int port, String transport) throws InterruptedException {
        if (!Files.isReadable(Path.of("/proc/net/udp"))) {
            Thread.sleep(300); // no socket tables to read: sipp binds its port right after start
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && System.nanoTime() < deadline && isFree(port, transport)) {
            Thread.sleep(20);
        }
    }

    /** Reads the kernel's socket tables rather than binding to probe: a probe holding the port could make sipp's own bind fail. */
    private static boolean isFree(int port, String transport) {
        boolean tcp = transport.startsWith("t");
        String localPort = String.format(":%04X", port);
        for (String table : tcp ? List.of("/proc/net/tcp", "/proc/net/tcp6") : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                    String[] fields = line.trim().split("\\s+");
                    // fields: sl, local_address, rem_address, st, ...; 0A is LISTEN
                    if (fields.length > 3 && fields[1].endsWith(localPort) && (!tcp || fields[3].equals("0A"))) {
                        return false;
                    }
                }
            } catch (IOException absent) {
                // no such table (no IPv6): the other one tells
            }
        }
        return true;
    }

    /** What sipp printed, then its errors and the messages it exchanged. */
    private static String output(Path work) throws IOException {
        StringBuilder output = new StringBuilder(Files.readString(work.resolve("out.log"), StandardCharsets.UTF_8));
        for (String log : List.of("errors.log", "messages.log")) {
            if (Files.exists(work.resolve(log))) {
                output.append('\n').append(Files.readString(work.resolve(log), StandardCharsets.UTF_8));
            }
        }
        // response times, when the scenario measures some and the test asked for -trace_rtt
        try (var files = Files.newDirectoryStream(work, "*_rtt.csv")) {
            for (Path rtt : files) {
                output.append('\n').append(Files.readString(rtt, StandardCharsets.UTF_8));
            }
        }
        return output.toString();
    }

    /** @return the scenario as a file: sipp reads files, and a module using this test-jar finds the jar's scenarios in the jar */
    private static Path scenarioPath(String scenario) throws IOException {
        java.net.URL resource = Sipp.class.getResource("/sipp/" + scenario);
        if (resource == null) {
            throw new IOException("No scenario sipp/" + scenario + " on the test class path");
        }
        if (resource.getProtocol().equals("file")) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path copy = Files.createTempDirectory("sipp-scenario-").resolve(scenario);
        try (java.io.InputStream in = resource.openStream()) {
            Files.copy(in, copy);
        }
        return copy;
    }
}
