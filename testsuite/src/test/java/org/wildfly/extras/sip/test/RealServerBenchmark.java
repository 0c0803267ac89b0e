package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.test.app.roles.ExpiryLog;
import org.wildfly.extras.sip.test.app.roles.HangUpTimer;
import org.wildfly.extras.sip.test.app.roles.RolesServlet;
import org.wildfly.extras.sip.test.app.roles.UacServlet;

/**
 * Calls per second on the real server: provisioned WildFly nodes with the roles application, {@code sipp} as caller and
 * callee over loopback UDP, and Kamailio as a stateful record-routing proxy for reference, one configuration after the
 * other on this machine. Each configuration is warmed (on a node, 1000 held calls then give the heap per call), then
 * offered rising rates until calls fail; then, on a node, calls are offered at twice its clean rate (overload) and at
 * half of it (recovery). Writes results.md and PNG charts to a results folder. Figures, never assertions (docs/benchmarks.md):
 *
 * <pre>
 * mvn -pl testsuite verify -Dit.test=RealServerBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 *   -Dbenchmark.configurations=kamailio,raw-b2bua,proxy,b2bua,b2bua-distributable,b2bua-cluster
 *   -Dbenchmark.rates=100,200,300,400,600,800,1000,1200,1600  -Dbenchmark.step=10 (seconds per rate)
 *   -Dbenchmark.hold=500 (ms)  -Dbenchmark.warm=20 (seconds at 100/s)  -Dbenchmark.held=1000 (calls, 0: no heap figure)
 *   -Dbenchmark.results=target/benchmark-results
 * </pre>
 */
class RealServerBenchmark {

    /** Port offsets of the benchmark's nodes: apart from the integration tests' (100 to 2300). */
    private static final int OFFSET_1 = 2400;
    private static final int OFFSET_2 = 2500;
    /** Step 11's bound on the two-node cluster's p99 INVITE→200 at the rate its target counts. */
    private static final double CLUSTER_P99_LIMIT_MS = 100;

    /** A configuration under test, as the tables name it. */
    enum Configuration {
        KAMAILIO("kamailio", "Kamailio 5.6 stateful proxy (t_relay, record-route)", "proxy"),
        RAW_B2BUA("raw-b2bua", "raw JAIN-SIP B2BUA, same stack settings, no container", "b2bua"),
        PROXY("proxy", "record-routing proxy application, one node", "proxy"),
        B2BUA("b2bua", "B2BUA application, one node, not distributable", "b2bua"),
        B2BUA_DISTRIBUTABLE("b2bua-distributable", "the same B2BUA, <distributable/>, one node", "b2bua"),
        B2BUA_CLUSTER("b2bua-cluster", "the same B2BUA, two-node cluster, calls to node 1", "b2bua");

        final String key;
        final String title;
        final String role;

        Configuration(String key, String title, String role) {
            this.key = key;
            this.title = title;
            this.role = role;
        }

        static Configuration of(String key) {
            return Arrays.stream(values()).filter(configuration -> configuration.key.equals(key.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No configuration " + key + ": one of " + Arrays.stream(values()).map(c -> c.key).toList()));
        }
    }

    /** The settings of a run: the full sweep by default, the smoke of {@link RealServerBenchmarkSmokeIT} with its own. */
    record Settings(List<Configuration> configurations, List<Integer> rates, int stepSeconds, int holdMillis, int warmSeconds, int heldCalls, boolean overload,
            Path results) {

        static Settings fromSystemProperties() {
            List<Configuration> configurations = Arrays.stream(System.getProperty("benchmark.configurations", "kamailio,raw-b2bua,proxy,b2bua,b2bua-distributable,b2bua-cluster").split(","))
                    .map(Configuration::of).toList();
            List<Integer> rates = Arrays.stream(System.getProperty("benchmark.rates", "100,200,300,400,600,800,1000,1200,1600").split(",")).map(String::trim).map(Integer::valueOf)
                    .toList();
            Path results = Path.of(System.getProperty("benchmark.results", "target/benchmark-results")).toAbsolutePath()
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
            return new Settings(configurations, rates, Integer.getInteger("benchmark.step", 10), Integer.getInteger("benchmark.hold", 500), Integer.getInteger("benchmark.warm", 20),
                    Integer.getInteger("benchmark.held", 1000), true, results);
        }
    }

    /** What one configuration gave. */
    record Outcome(Configuration configuration, List<LoadSweep.Step> steps, LoadSweep.Step overload, LoadSweep.Step recovery, double heapPerCall) {

        /** @return the step at the highest offered rate that was clean, or {@code null} */
        LoadSweep.Step clean() {
            return this.cleanWithin(Double.POSITIVE_INFINITY);
        }

        /** @return the step at the highest offered rate that was clean with its p99 INVITE→200 under a limit (ms), or {@code null} */
        LoadSweep.Step cleanWithin(double p99Limit) {
            LoadSweep.Step best = null;
            for (LoadSweep.Step step : this.steps) {
                if (step.clean() && step.p99() < p99Limit && (best == null || step.offered() > best.offered())) {
                    best = step;
                }
            }
            return best;
        }
    }

    @Test
    void sweep() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        run(settings);
        System.out.println(Files.readString(settings.results().resolve("results.md")));
        System.out.println("Results in " + settings.results().toAbsolutePath());
    }

    /** Runs each configuration of the settings in turn and writes the results. @return what each gave */
    static List<Outcome> run(Settings settings) throws Exception {
        Files.createDirectories(settings.results());
        List<Outcome> outcomes = new ArrayList<>();
        for (Configuration configuration : settings.configurations()) {
            System.out.printf("%s: %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME), configuration.title);
            outcomes.add(measure(configuration, settings));
            writeResults(settings, outcomes); // what is measured so far stays if a later configuration breaks
        }
        return outcomes;
    }

    private static Outcome measure(Configuration configuration, Settings settings) throws Exception {
        Path work = Files.createDirectories(settings.results().resolve("work").resolve(configuration.key));
        List<AutoCloseable> running = new ArrayList<>();
        try {
            int calleePort = FreePorts.udpAndTcp();
            Process callee = startCallee(work, calleePort);
            running.add(() -> stopTree(callee));
            int serverPort;
            List<Long> pids = new ArrayList<>();
            List<ProvisionedServer> nodes = new ArrayList<>();
            if (configuration == Configuration.KAMAILIO) {
                serverPort = FreePorts.udpAndTcp();
                Process proxy = startKamailioProxy(work, serverPort);
                running.add(() -> stopTree(proxy));
                pids.add(proxy.pid());
            } else if (configuration == Configuration.RAW_B2BUA) {
                serverPort = FreePorts.udpAndTcp();
                Process b2bua = startRawB2bua(work, serverPort);
                running.add(() -> stopTree(b2bua));
                pids.add(b2bua.pid());
            } else {
                nodes.addAll(startNodes(configuration, work));
                for (ProvisionedServer node : nodes) {
                    running.add(node);
                    pids.add(node.pid());
                }
                serverPort = nodes.get(0).sipPort();
            }
            LoadSweep sweep = new LoadSweep(work, configuration.role, serverPort, calleePort, settings.holdMillis(), pids);
            if (settings.warmSeconds() > 0) {
                LoadSweep.Step warm = sweep.step(Math.min(100, settings.rates().get(0)), settings.warmSeconds()); // a new JVM runs interpreted code
                System.out.printf("  warm-up: %s%n", describe(warm));
            }
            double heapPerCall = Double.NaN;
            if (!nodes.isEmpty() && settings.heldCalls() > 0) {
                // before the sweep: the sessions its failed calls leave behind (until they expire) would count too
                heapPerCall = heapPerHeldCall(sweep, nodes, settings.heldCalls());
                System.out.printf("  heap per held call: %.0f bytes%n", heapPerCall);
            }
            List<LoadSweep.Step> steps = new ArrayList<>();
            for (int rate : settings.rates()) {
                LoadSweep.Step step = sweep.step(rate, settings.stepSeconds());
                steps.add(step);
                System.out.printf("  %s%n", describe(step));
                if (!step.clean()) {
                    break; // past its capacity
                }
            }
            Outcome partial = new Outcome(configuration, steps, null, null, Double.NaN);
            LoadSweep.Step overload = null;
            LoadSweep.Step recovery = null;
            if (!nodes.isEmpty()) {
                LoadSweep.Step clean = partial.clean();
                int capacity = (clean != null) ? clean.offered() : settings.rates().get(0);
                if (settings.overload()) {
                    Thread.sleep(3000); // the calls of the last step are gone
                    overload = sweep.step(2 * capacity, settings.stepSeconds());
                    System.out.printf("  overload: %s%n", describe(overload));
                    Thread.sleep(3000);
                    recovery = sweep.step(Math.max(1, capacity / 2), settings.stepSeconds());
                    System.out.printf("  recovery: %s%n", describe(recovery));
                }
            }
            return new Outcome(configuration, steps, overload, recovery, heapPerCall);
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.out.println("  could not stop: " + e);
                }
            }
        }
    }

    /** Stops a process and its children (Kamailio's workers outlive a main process that is killed alone). */
    private static void stopTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Used heap after a full GC of every node, with no call, and with calls held up; the difference per call. The held
     * calls then hang up, so that the sweep starts with none.
     */
    private static double heapPerHeldCall(LoadSweep sweep, List<ProvisionedServer> nodes, int calls) throws Exception {
        Thread.sleep(3000); // the warm-up's calls are over
        long before = 0;
        for (ProvisionedServer node : nodes) {
            before += LoadSweep.heapUsedAfterGc(node.pid());
        }
        int rate = 200;
        long setUpMillis = calls * 1000L / rate;
        Process held = sweep.holdCalls(calls, rate, (int) setUpMillis + 15_000);
        try {
            Thread.sleep(setUpMillis + 5000);
            long during = 0;
            for (ProvisionedServer node : nodes) {
                during += LoadSweep.heapUsedAfterGc(node.pid());
            }
            return (during - before) / (double) calls;
        } finally {
            if (!held.waitFor(setUpMillis + 60_000, TimeUnit.MILLISECONDS)) {
                held.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Thread.sleep(3000); // the hang-ups are through
        }
    }

    private static List<ProvisionedServer> startNodes(Configuration configuration, Path work) throws Exception {
        ProvisionedServer installation = ProvisionedServer.fromSystemProperties();
        Path home = installation.home();
        boolean distributable = configuration == Configuration.B2BUA_DISTRIBUTABLE || configuration == Configuration.B2BUA_CLUSTER;
        Path dar = work.resolve("dar.properties");
        Files.writeString(dar, "INVITE: (\"bench\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\")\n");
        String router = "-Djavax.servlet.sip.ar.dar.configuration=" + dar.toUri();
        Path base1 = DistributableSipIT.baseDir(home, work.resolve("node1"));
        if (distributable) {
            DistributableSipIT.configure(home, base1, DistributableSipIT.tcppingScript(OFFSET_1, OFFSET_2));
        }
        List<ProvisionedServer> nodes = new ArrayList<>();
        nodes.add(new ProvisionedServer(home, base1, OFFSET_1, List.of("-Djboss.node.name=node1", router)));
        if (configuration == Configuration.B2BUA_CLUSTER) {
            Path base2 = DistributableSipIT.baseDir(home, work.resolve("node2"));
            Files.copy(base1.resolve("configuration/standalone.xml"), base2.resolve("configuration/standalone.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            nodes.add(new ProvisionedServer(home, base2, OFFSET_2, List.of("-Djboss.node.name=node2", router)));
        }
        Path war = benchWar(distributable);
        for (ProvisionedServer node : nodes) {
            node.start();
            DistributableSipIT.deploy(node, war);
        }
        if (nodes.size() > 1) {
            DistributableSipIT.awaitJoined(nodes.get(0));
        }
        return nodes;
    }

    /** The roles application (proxy and b2bua by the calls' X-Role), named "bench", distributable or not. */
    static Path benchWar(boolean distributable) throws IOException {
        String marker = distributable ? "<distributable/>" : "";
        return TestArchive.named(distributable ? "bench-distributable.war" : "bench.war").classes(RolesServlet.class, UacServlet.class, HangUpTimer.class, ExpiryLog.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("bench", "roles", RolesServlet.class.getName(), marker))
                .text("WEB-INF/web.xml", """
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            %s
                        </web-app>
                        """.formatted(marker))
                .writeTo(SipApplications.ARCHIVES);
    }

    /** The answering phone (sipp/bench-callee-uas.xml: 180, 200, then the ACK and BYE) on a free port. */
    private static Process startCallee(Path work, int port) throws IOException {
        return new ProcessBuilder("sipp", "-sf", resource("sipp/bench-callee-uas.xml").toString(), "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "u1", "-nostdin")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("callee.out").toFile()).start();
    }

    private static Process startKamailioProxy(Path work, int port) throws IOException, InterruptedException {
        // 512 MB of shared memory, as a production proxy gets: with the default 64 MB its transactions ran out of memory
        // at 600 calls/s ("new_t(): out of mem"), and the reference was Kamailio's memory, not its speed
        List<String> command = new ArrayList<>(List.of("kamailio", "-DD", "-E", "-m", "512", "-f", resource("bench/kamailio-proxy.cfg").toString(), "-A", "PROXY_LISTEN=udp:127.0.0.1:" + port,
                "-P", work.resolve("kamailio.pid").toString(), "-Y", work.toString()));
        Path modules = Kamailio.modulesDirectory();
        if (modules != null) {
            command.addAll(List.of("-A", "PROXY_MODULES=\"" + modules + "/\""));
        }
        Path log = work.resolve("kamailio.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 50 && !Files.readString(log, StandardCharsets.UTF_8).contains("SO_RCVBUF is finally"); i++) {
            if (!process.isAlive()) {
                throw new IOException("Kamailio did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        return process;
    }

    /** {@link RawJainSipB2bua} in a JVM of its own, with the heap WildFly's standalone.conf gives a node. */
    private static Process startRawB2bua(Path work, int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = work.resolve("raw-b2bua.log");
        Process process = new ProcessBuilder(java, "-Xms64m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), RawJainSipB2bua.class.getName(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 100 && !Files.readString(log, StandardCharsets.UTF_8).contains("listening on"); i++) {
            if (!process.isAlive()) {
                throw new IOException("The raw JAIN-SIP B2BUA did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        return process;
    }

    static Path resource(String name) throws IOException {
        java.net.URL url = RealServerBenchmark.class.getResource("/" + name);
        if (url == null) {
            throw new IOException("No " + name + " on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static String describe(LoadSweep.Step step) {
        return String.format("offered %d/s: %d ok, %d failed, %.1f calls/s, INVITE→200 p50 %.0f ms p99 %.0f ms, CPU %.2f ms/call%s", step.offered(), step.successful(), step.failed(),
                step.achieved(), step.p50(), step.p99(), step.cpuMsPerCall(), step.clean() ? "" : " (not clean)");
    }

    /** Writes results.md and the charts for the outcomes so far. */
    static void writeResults(Settings settings, List<Outcome> outcomes) throws IOException {
        Path folder = settings.results();
        StringBuilder md = new StringBuilder();
        md.append("# Calls per second on the real server\n\n");
        md.append(String.format("%s; %d processors; loopback UDP; a call is INVITE (with SDP) / 180 / 200 / ACK, a %d ms hold, BYE / 200; each rate offered for %d s after a %d s warm-up; "
                + "clean: under 0.1%% failed and at least 90%% of the offered rate carried; sipp shares the processors.%n%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE),
                Runtime.getRuntime().availableProcessors(), settings.holdMillis(), settings.stepSeconds(), settings.warmSeconds()));
        md.append("| configuration | clean calls/s | server CPU per call at that rate | p50 / p99 INVITE→200 at that rate | heap per held call |\n|---|---|---|---|---|\n");
        Map<String, Double> cleanRates = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> heap = new LinkedHashMap<>();
        Map<String, List<double[]>> p99 = new LinkedHashMap<>();
        Map<String, List<double[]>> p50 = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            LoadSweep.Step clean = outcome.clean();
            String heapText = Double.isNaN(outcome.heapPerCall()) ? "—" : String.format("%.1f KB", outcome.heapPerCall() / 1024);
            if (clean != null) {
                md.append(String.format("| %s | %d | %.2f ms | %.0f / %.0f ms | %s |%n", outcome.configuration().title, clean.offered(), clean.cpuMsPerCall(), clean.p50(), clean.p99(), heapText));
            } else {
                md.append(String.format("| %s | none clean | — | — | %s |%n", outcome.configuration().title, heapText));
            }
            String label = outcome.configuration().key;
            cleanRates.put(label, (clean != null) ? clean.offered() : Double.NaN);
            cpu.put(label, (clean != null) ? clean.cpuMsPerCall() : Double.NaN);
            heap.put(label, Double.isNaN(outcome.heapPerCall()) ? Double.NaN : outcome.heapPerCall() / 1024);
            p99.put(label, outcome.steps().stream().map(step -> new double[] { step.offered(), step.p99() }).toList());
            p50.put(label, outcome.steps().stream().map(step -> new double[] { step.offered(), step.p50() }).toList());
        }
        md.append("\n## Against the targets\n\n");
        md.append(ratio(outcomes, Configuration.B2BUA_CLUSTER, CLUSTER_P99_LIMIT_MS, Configuration.B2BUA, 0.6,
                String.format("two-node distributable B2BUA with p99 under %.0f ms / one-node local B2BUA", CLUSTER_P99_LIMIT_MS)));
        md.append(ratio(outcomes, Configuration.PROXY, Double.POSITIVE_INFINITY, Configuration.KAMAILIO, 0.5, "proxy application / Kamailio"));
        md.append(ratio(outcomes, Configuration.B2BUA, Double.POSITIVE_INFINITY, Configuration.RAW_B2BUA, 0.7, "B2BUA application / raw JAIN-SIP B2BUA"));
        md.append("\n## Each rate\n\n| configuration | offered calls/s | ok | failed | carried calls/s | p50 ms | p99 ms | CPU ms/call |\n|---|---|---|---|---|---|---|---|\n");
        for (Outcome outcome : outcomes) {
            for (LoadSweep.Step step : outcome.steps()) {
                md.append(row(outcome.configuration().key, "", step));
            }
            if (outcome.overload() != null) {
                md.append(row(outcome.configuration().key, " (overload)", outcome.overload()));
            }
            if (outcome.recovery() != null) {
                md.append(row(outcome.configuration().key, " (after overload)", outcome.recovery()));
            }
        }
        md.append("\n![clean calls per second](clean-rate.png)\n![p50 INVITE to 200](latency-p50.png)\n![p99 INVITE to 200](latency-p99.png)\n"
                + "![server CPU per call](cpu-per-call.png)\n![heap per held call](heap-per-call.png)\n");
        Files.writeString(folder.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        BenchmarkCharts.bars(folder.resolve("clean-rate.png"), "Clean calls per second (< 0.1% failed)", "calls/s", cleanRates);
        BenchmarkCharts.lines(folder.resolve("latency-p50.png"), "p50 INVITE to 200", "offered calls/s", "ms", p50);
        BenchmarkCharts.lines(folder.resolve("latency-p99.png"), "p99 INVITE to 200", "offered calls/s", "ms", p99);
        BenchmarkCharts.bars(folder.resolve("cpu-per-call.png"), "Server CPU per call at the clean rate", "ms", cpu);
        BenchmarkCharts.bars(folder.resolve("heap-per-call.png"), "Heap per held call (all nodes)", "KB", heap);
    }

    private static String row(String configuration, String note, LoadSweep.Step step) {
        return String.format("| %s%s | %d | %d | %d | %.1f | %.0f | %.0f | %.2f |%n", configuration, note, step.offered(), step.successful(), step.failed(), step.achieved(), step.p50(),
                step.p99(), step.cpuMsPerCall());
    }

    /** @param p99Limit the measured configuration's rate is its highest clean one with a p99 INVITE→200 under this (ms) */
    private static String ratio(List<Outcome> outcomes, Configuration measured, double p99Limit, Configuration reference, double target, String what) {
        LoadSweep.Step a = outcomes.stream().filter(o -> o.configuration() == measured).findFirst().map(o -> o.cleanWithin(p99Limit)).orElse(null);
        LoadSweep.Step b = outcomes.stream().filter(o -> o.configuration() == reference).findFirst().map(Outcome::clean).orElse(null);
        if (a == null || b == null) {
            return String.format("- %s (target ≥ %.1f): not measured in this run%n", what, target);
        }
        double value = a.offered() / (double) b.offered();
        return String.format("- %s (target ≥ %.1f): %d / %d = **%.2f**, %s%n", what, target, a.offered(), b.offered(), value, (value >= target) ? "met" : "not met");
    }
}
