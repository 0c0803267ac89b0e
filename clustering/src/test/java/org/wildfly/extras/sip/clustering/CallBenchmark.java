package org.wildfly.extras.sip.clustering;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;

/**
 * Side by side, in one run: the same sipp load (UDP calls: INVITE, 200, ACK, BYE, 200) against the raw JAIN-SIP
 * transport answering by itself, the container with local sessions, and the container with distributable sessions on
 * a two-member Infinispan cluster in this JVM. Prints calls per second, INVITE-to-200 latency percentiles and heap per
 * held call. Not run by the build (no *TestCase name); run it with
 * {@code mvn -pl clustering test -Dtest=CallBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.calls=N -Dbenchmark.rate=R} to change the load).
 */
class CallBenchmark {

    private static final int CALLS = Integer.getInteger("benchmark.calls", 5000);
    private static final int RATE = Integer.getInteger("benchmark.rate", 2000);
    private static final int HELD = Integer.getInteger("benchmark.held", 500);

    @Test
    void compare() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-40s %10s %8s %8s %8s %8s %12s", "configuration", "calls/s", "failed", "p50 ms", "p95 ms", "p99 ms", "heap/call B"));
        rows.add(this.run("raw JAIN-SIP transport (no container)", this::rawTransport));
        rows.add(this.run("container, local sessions", port -> this.container(port, null)));
        try (ClusterNode a = new ClusterNode("bench-a"); ClusterNode b = new ClusterNode("bench-b")) {
            rows.add(this.run("container, distributable (2 members)", port -> this.container(port, BalancedCluster.store(a, "bench"))));
        }
        System.out.println("\n==== SIP call benchmark: " + CALLS + " calls offered at " + RATE + " calls/s (at most 200 open); heap measured with " + HELD + " calls held; "
                + Runtime.getRuntime().availableProcessors() + " processors ====");
        rows.forEach(System.out::println);
        System.out.println();
    }

    private interface Server {
        AutoCloseable start(int port) throws Exception;
    }

    private String run(String name, Server server) throws Exception {
        int port = FreePorts.udpAndTcp();
        try (AutoCloseable running = server.start(port)) {
            sipp(port, 200, 0, 0); // warm-up
            long started = System.nanoTime();
            Load load = sipp(port, CALLS, RATE, 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            long heapPerCall = this.heapPerHeldCall(port);
            String heap = (heapPerCall > 0) ? Long.toString(heapPerCall) : "n/a"; // the collector freed more than the calls took: noise
            List<Double> latencies = load.latencies();
            Collections.sort(latencies);
            return String.format(Locale.ROOT, "%-40s %10.1f %8d %8.0f %8.0f %8.0f %12s", name, load.successful() / seconds, load.failed(),
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), heap);
        }
    }

    /** Holds calls up long enough to weigh them: used heap with them, minus without, per call. */
    private long heapPerHeldCall(int port) throws Exception {
        long before = usedHeap();
        Process holding = start(port, HELD, HELD, 8000, HELD);
        Thread.sleep(HELD * 1000L / Math.max(HELD, 1) + 3000);
        long during = usedHeap();
        holding.waitFor(60, TimeUnit.SECONDS);
        return (during - before) / HELD;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The answer of a SIP stack with nothing above it: 200 to INVITE and BYE, ACK ignored. */
    private AutoCloseable rawTransport(int port) throws IOException {
        SipTransport[] transport = new SipTransport[1];
        transport[0] = JainSipTransport.start("bench-raw-" + port, List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), new SipMessageHandler() {
            @Override
            public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
                if (transaction == null) {
                    return;
                }
                RawResponse response = RawResponse.answering(request, 200, null);
                if (request.method().equals("INVITE")) {
                    response.headers().set("To", response.headers().first("To") + ";tag=" + SessionKeys.newTag("raw"));
                    response.headers().add("Contact", "<sip:127.0.0.1:" + port + ">");
                }
                try {
                    transaction.respond(response);
                } catch (IOException e) {
                    // counted as failed by sipp
                }
            }

            @Override
            public void responseReceived(RawResponse response, ClientTransaction transaction) {
            }

            @Override
            public void transactionTimedOut(ClientTransaction transaction) {
            }
        });
        return transport[0]::close;
    }

    private AutoCloseable container(int port, InfinispanSipSessionStore store) throws Exception {
        SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 4));
        SipApplicationDefinition definition = SipApplicationDefinition.builder("bench", Map.of("uas", new Answering())).mainServlet("uas")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("bench")).build();
        if (store != null) {
            container.deploy(definition, store);
        } else {
            container.deploy(definition);
        }
        return () -> {
            container.close();
            if (store != null) {
                store.close();
            }
        };
    }

    /** Answers each call and keeps a little application state per call, as an application would. */
    static final class Answering extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doRequest(SipServletRequest request) throws IOException {
            if (request.getMethod().equals("ACK")) {
                return;
            }
            request.getApplicationSession().setAttribute("last", request.getMethod());
            request.createResponse(200).send();
        }
    }

    private record Load(int successful, int failed, List<Double> latencies) {
    }

    private static Load sipp(int port, int calls, int rate, int holdMillis) throws Exception {
        Process process = start(port, calls, rate, holdMillis, 200);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return read(WORK.get());
    }

    private static final ThreadLocal<Path> WORK = new ThreadLocal<>();

    private static Process start(int port, int calls, int rate, int holdMillis, int open) throws IOException, java.net.URISyntaxException {
        Path work = Files.createTempDirectory("bench-sipp-");
        WORK.set(work);
        Path scenario = Path.of(CallBenchmark.class.getResource("/sipp/bench-call-uac.xml").toURI());
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario.toString(), "-m", Integer.toString(calls), "-i", "127.0.0.1",
                "-p", Integer.toString(FreePorts.udpAndTcp()), "-t", "u1", "-d", Integer.toString(holdMillis), "-nostdin", "-timeout", "240s",
                "-trace_rtt", "-rtt_freq", "1", "-trace_stat", "-stf", work.resolve("stat.csv").toString(), "-fd", "1"));
        if (rate > 0) {
            // offered rate, with a limit of calls open at once: past capacity, sipp waits, and calls/s shows the capacity
            command.addAll(List.of("-r", Integer.toString(rate), "-l", Integer.toString(open)));
        }
        command.add("127.0.0.1:" + port);
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
    }

    /** Successful and failed calls from sipp's statistics file, INVITE-to-200 latencies from its response time file. */
    private static Load read(Path work) throws IOException {
        List<String> stat = Files.readAllLines(work.resolve("stat.csv"), StandardCharsets.UTF_8);
        String[] header = stat.get(0).split(";");
        String[] last = stat.get(stat.size() - 1).split(";");
        int successful = Integer.parseInt(last[column(header, "SuccessfulCall(C)")]);
        int failed = Integer.parseInt(last[column(header, "FailedCall(C)")]);
        List<Double> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(work)) {
            for (Path rtt : files.filter(file -> file.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                for (String line : Files.readAllLines(rtt, StandardCharsets.UTF_8)) {
                    String[] fields = line.split(";"); // Date_ms;response_time_ms;rtd_no
                    if (fields.length >= 3 && !fields[0].startsWith("Date")) {
                        latencies.add(Double.parseDouble(fields[1]));
                    }
                }
            }
        }
        return new Load(successful, failed, latencies);
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("No column " + name + " in sipp's statistics");
    }

    private static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
