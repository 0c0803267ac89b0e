package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly server provisioned by the build, started with its own {@code bin/standalone.sh} as an operator starts it.
 */
final class ProvisionedServer implements AutoCloseable {

    private static final String STARTED = "WFLYSRV0025"; // "WildFly ... started in ..ms" (WFLYSRV0026 would mean "started with errors")
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Path baseDir;
    private final int portOffset;
    private final List<String> properties;
    private final Path console;
    private Process process;

    ProvisionedServer(Path home, int portOffset) {
        this(home, home.resolve("standalone"), portOffset, List.of());
    }

    /**
     * A server of its own on a shared installation, as a cluster node is.
     * @param home the installation
     * @param baseDir its {@code jboss.server.base.dir}: configuration, deployments, data and log
     * @param portOffset its port offset
     * @param properties more system properties, e.g. {@code -Djboss.node.name=node1}
     */
    ProvisionedServer(Path home, Path baseDir, int portOffset, List<String> properties) {
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.properties = properties;
        this.console = baseDir.resolve("log/console-" + System.nanoTime() + ".log");
    }

    /** The server the build provisioned for the tests, configured by failsafe's system properties. */
    static ProvisionedServer fromSystemProperties() {
        return new ProvisionedServer(Path.of(System.getProperty("sip.test.server.home", "target/server")).toAbsolutePath(), Integer.getInteger("sip.test.port-offset", 100));
    }

    Path home() {
        return this.home;
    }

    /**
     * Adds an application user as an operator does: {@code bin/add-user.sh -a -u NAME -p PASSWORD -g GROUPS}.
     * @param groups its groups (roles), comma-separated; {@code null} for none
     */
    void addApplicationUser(String user, String password, String groups) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(this.home().resolve("bin/add-user.sh").toString(), "-a", "-u", user, "-p", password));
        if (groups != null) {
            command.addAll(List.of("-g", groups));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("add-user.sh for " + user + " failed:\n" + output);
        }
    }

    int managementPort() {
        return 9990 + this.portOffset;
    }

    /** The port of the sip-udp and sip-tcp connectors, with the offset. */
    int sipPort() {
        return 5060 + this.portOffset;
    }

    /** The port of Undertow's HTTP listener, with the offset. */
    int httpPort() {
        return 8080 + this.portOffset;
    }

    JBossCli cli() {
        return new JBossCli(this.home, this.managementPort());
    }

    void start() throws IOException, InterruptedException {
        this.start(STARTED);
    }

    /** Starts the server and waits for the given boot message, e.g. WFLYSRV0026 ("started with errors"). */
    void start(String bootMessageId) throws IOException, InterruptedException {
        this.restoreProvisionedConfiguration();
        this.boot(bootMessageId);
    }

    /** Starts a server that stopped (or was killed) again, with its configuration and deployments as they were. */
    void restart() throws IOException, InterruptedException {
        this.boot(STARTED);
    }

    /** Starts a server that stopped again, as it is configured now, and waits for the given boot message, e.g. WFLYSRV0026. */
    void restart(String bootMessageId) throws IOException, InterruptedException {
        this.boot(bootMessageId);
    }

    /**
     * Starts a server that stopped again, suspended ({@code --start-mode=suspend}): it boots with its deployments and takes
     * no new call until {@link #resume()}.
     */
    void restartSuspended() throws IOException, InterruptedException {
        this.boot(STARTED, List.of("--start-mode=suspend"));
    }

    private void boot(String bootMessageId) throws IOException, InterruptedException {
        this.boot(bootMessageId, List.of());
    }

    private void boot(String bootMessageId, List<String> arguments) throws IOException, InterruptedException {
        Files.createDirectories(this.console.getParent());
        Path log = this.baseDir.resolve("log/server.log");
        if (Files.exists(log)) {
            // kept for the diagnosis of a failure, out of the way of the checks that read this boot's log
            Files.move(log, log.resolveSibling("server.log.before-" + System.currentTimeMillis()));
        }
        List<String> command = new java.util.ArrayList<>(List.of(this.home.resolve("bin/standalone.sh").toString(), "-Djboss.socket.binding.port-offset=" + this.portOffset));
        if (!this.baseDir.equals(this.home.resolve("standalone"))) {
            command.add("-Djboss.server.base.dir=" + this.baseDir);
        }
        command.addAll(this.properties);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(this.console.toFile());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_PIDFILE", this.baseDir.resolve("server.pid").toString());
        this.process = builder.start();
        this.awaitLogCount(bootMessageId, 1);
    }

    /**
     * Each test class starts from the configuration Galleon wrote: no deployment, attribute, key store or user of an
     * earlier class remains. The configuration folder as provisioned is kept beside it, the first time, and put back
     * each time: files a test made there (a key store a CLI script generated, users add-user.sh wrote) go too.
     */
    private void restoreProvisionedConfiguration() throws IOException {
        Path configuration = this.baseDir.resolve("configuration");
        Path provisioned = this.baseDir.resolve("configuration.provisioned");
        Path legacyCopy = configuration.resolve("standalone.xml.provisioned"); // kept by earlier versions of this class
        if (!Files.isDirectory(provisioned)) {
            if (Files.exists(legacyCopy)) {
                Files.copy(legacyCopy, configuration.resolve("standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
                Files.delete(legacyCopy);
            }
            Files.createDirectories(provisioned);
            for (Path file : regularFiles(configuration)) {
                Files.copy(file, provisioned.resolve(file.getFileName()));
            }
            return;
        }
        for (Path file : regularFiles(configuration)) {
            Files.delete(file);
        }
        for (Path file : regularFiles(provisioned)) {
            Files.copy(file, configuration.resolve(file.getFileName()));
        }
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Waits until the console shows the server's start message {@code count} times: once per boot or reload. */
    void awaitLogCount(String messageId, int count) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (this.count(messageId) < count) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("Server exited with " + this.process.exitValue() + ":\n" + this.consoleText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No " + messageId + " within " + START_TIMEOUT + ":\n" + this.consoleText());
            }
            Thread.sleep(200);
        }
    }

    long count(String text) throws IOException {
        return this.consoleLines().stream().filter(line -> line.contains(text)).count();
    }

    List<String> consoleLines() throws IOException {
        return Files.exists(this.console) ? Files.readAllLines(this.console, StandardCharsets.UTF_8) : List.of();
    }

    String consoleText() throws IOException {
        return String.join("\n", this.consoleLines());
    }

    List<String> serverLogLines() throws IOException {
        return Files.readAllLines(this.baseDir.resolve("log/server.log"), StandardCharsets.UTF_8);
    }

    String serverLog() throws IOException {
        return Files.readString(this.baseDir.resolve("log/server.log"), StandardCharsets.UTF_8);
    }

    String configuration() throws IOException {
        return Files.readString(this.baseDir.resolve("configuration/standalone.xml"), StandardCharsets.UTF_8);
    }

    /** @return whether the server's JVM runs */
    boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /**
     * Suspends the server, as an operator takes a node out of service ({@code :suspend}): new SIP calls get 503, calls
     * in progress go on. Returns as soon as the CLI answers, which is at once: the calls in progress end later
     * ({@code /subsystem=sip:read-attribute(name=suspend-state)} says SUSPENDED once none is left).
     */
    void suspend() throws IOException, InterruptedException {
        JBossCli.Result result = this.cli().run(":suspend");
        if (!result.response().get("outcome").asString().equals("success")) {
            throw new IllegalStateException(":suspend failed: " + result.output());
        }
    }

    /** Takes new calls again after {@link #suspend()} or {@link #restartSuspended()} ({@code :resume}). */
    void resume() throws IOException, InterruptedException {
        JBossCli.Result result = this.cli().run(":resume");
        if (!result.response().get("outcome").asString().equals("success")) {
            throw new IllegalStateException(":resume failed: " + result.output());
        }
    }

    /**
     * Stops the server gracefully ({@code :shutdown(suspend-timeout=N)}): it takes no new call, waits for its calls in
     * progress to end or for the timeout, then stops. The CLI answers at once; the server stops later.
     * @param suspendTimeoutSeconds the most it waits for its calls to end
     * @return completes with the time from the command to the exit of the server's JVM
     */
    CompletableFuture<Duration> shutdownGracefully(int suspendTimeoutSeconds) throws IOException, InterruptedException {
        Instant sent = Instant.now();
        JBossCli.Result result = this.cli().run(":shutdown(suspend-timeout=" + suspendTimeoutSeconds + ")");
        if (!result.response().get("outcome").asString().equals("success")) {
            throw new IllegalStateException(":shutdown failed: " + result.output());
        }
        return this.process.onExit().thenApply(exited -> Duration.between(sent, Instant.now()));
    }

    /** @return the process id of the server's JVM, while it runs */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(this.baseDir.resolve("server.pid"), StandardCharsets.UTF_8).trim());
    }

    /** Kills the server's JVM the hard way ({@code kill -9}), as a crash would: no goodbye to its cluster. */
    void kill() throws IOException, InterruptedException {
        this.signal("KILL");
        this.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends the server's JVM a signal: {@code STOP} pauses it as a long GC pause would, {@code CONT} lets it go on. */
    void signal(String name) throws IOException, InterruptedException {
        String pid = Files.readString(this.baseDir.resolve("server.pid"), StandardCharsets.UTF_8).trim();
        Process kill = new ProcessBuilder("kill", "-" + name, pid).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + pid + " failed: " + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        if (this.process == null || !this.process.isAlive()) {
            return;
        }
        this.cli().run(":shutdown");
        if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
            this.process.descendants().forEach(ProcessHandle::destroyForcibly);
            this.process.destroyForcibly();
        }
    }
}
