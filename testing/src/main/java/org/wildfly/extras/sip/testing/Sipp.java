package org.wildfly.extras.sip.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code sipp} command (Debian and Ubuntu package {@code sip-tester}) to run as a phone beside a test: a client that
 * places calls to a SIP server, or a server that answers them, with one of sipp's built-in scenarios or a scenario
 * file. It listens on a free loopback port unless told one, and reports its calls ({@link SippReport}).
 *
 * <pre>
 * SippReport report = Sipp.client("127.0.0.1:5060").builtIn("uac").calls(10).rate(5).run(Duration.ofSeconds(30));
 * assertEquals(10, report.successfulCalls(), report.toString());
 * </pre>
 */
public final class Sipp {

    private final String target;
    private final List<String> arguments = new ArrayList<>();
    private String scenario = "-sn";
    private String scenarioName;
    private String transport = "u1";
    private String host = "127.0.0.1";
    private int port;
    private int calls = 1;
    private Double rate;

    private Sipp(String target) {
        this.target = target;
    }

    /** @return a sipp that calls the SIP server at {@code host:port} (a node, or the load balancer in front of a cluster) */
    public static Sipp client(String target) {
        if (target == null || !target.contains(":")) {
            throw new IllegalArgumentException("A sipp client calls host:port, not " + target);
        }
        return new Sipp(target);
    }

    /** @return a sipp that answers calls on its port ({@link SippProcess#port()}), e.g. the phone a B2BUA or a proxy calls */
    public static Sipp server() {
        return new Sipp(null);
    }

    /** Plays one of sipp's built-in scenarios: {@code uac}, {@code uas}, {@code branchc}, ... (sipp's {@code -sn}). */
    public Sipp builtIn(String name) {
        this.scenario = "-sn";
        this.scenarioName = name;
        return this;
    }

    /** Plays a scenario file (sipp's {@code -sf}). */
    public Sipp scenario(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("No sipp scenario at " + file.toAbsolutePath());
        }
        this.scenario = "-sf";
        this.scenarioName = file.toAbsolutePath().toString();
        return this;
    }

    /** Over UDP ({@code "u1"}, the default) or TCP ({@code "t1"}): sipp's {@code -t}. */
    public Sipp transport(String mode) {
        this.transport = mode;
        return this;
    }

    /** Listens on that address and port rather than a free loopback port. */
    public Sipp listenOn(String address, int localPort) {
        this.host = address;
        this.port = localPort;
        return this;
    }

    /** How many calls to place, or to answer, before sipp ends (1 unless told). */
    public Sipp calls(int count) {
        this.calls = count;
        return this;
    }

    /** A client's calls per second (sipp's default is 10). */
    public Sipp rate(double callsPerSecond) {
        this.rate = callsPerSecond;
        return this;
    }

    /** Sets a scenario's {@code [name]} keyword (sipp's {@code -key}). */
    public Sipp key(String name, String value) {
        this.arguments.addAll(List.of("-key", name, value));
        return this;
    }

    /** Passes further sipp options as they are, e.g. {@code "-d", "2000"} for the built-in scenarios' pause. */
    public Sipp options(String... options) {
        this.arguments.addAll(List.of(options));
        return this;
    }

    /**
     * Starts sipp in the background; a server is listening when this returns.
     * @return the running sipp
     */
    public SippProcess start() throws IOException, InterruptedException {
        if (this.scenarioName == null) {
            throw new IllegalStateException("Give sipp a scenario: builtIn(\"uac\") or scenario(path)");
        }
        Path work = Files.createTempDirectory("sipp-");
        int localPort = (this.port != 0) ? this.port : freePort();
        List<String> command = new ArrayList<>(List.of("sipp", this.scenario, this.scenarioName, "-m", Integer.toString(this.calls), "-i", this.host,
                "-p", Integer.toString(localPort), "-t", this.transport, "-nostdin", "-timeout_error",
                "-trace_err", "-error_file", work.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", work.resolve("messages.log").toString(),
                "-trace_stat", "-stf", work.resolve("statistics.csv").toString()));
        if (this.rate != null) {
            command.addAll(List.of("-r", Double.toString(this.rate)));
        }
        command.addAll(this.arguments);
        if (this.target != null) {
            command.add(this.target);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("Cannot run sipp (install the package sip-tester): " + e.getMessage(), e);
        }
        SippProcess running = new SippProcess(process, work, localPort);
        if (this.target == null) {
            running.awaitListening(this.transport.startsWith("t"), Duration.ofSeconds(5));
        }
        return running;
    }

    /**
     * Starts sipp and waits for it to end.
     * @param patience how long at most; sipp is killed after that, and its report says so (exit code -1)
     * @return its report
     */
    public SippReport run(Duration patience) throws IOException, InterruptedException {
        return this.start().await(patience);
    }

    /**
     * @return a loopback port free for both UDP and TCP now: for a phone whose address must be known before it starts
     *         (a context parameter of the deployment under test), given to {@link #listenOn}
     */
    public static int freePort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // the UDP port of that number is taken: another
            }
        }
        throw new UncheckedIOException(new IOException("No loopback port free for both UDP and TCP"));
    }
}
