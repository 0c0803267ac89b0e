package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the load balancer configuration we ship (load-balancer/kamailio.cfg) with Kamailio (Debian package kamailio),
 * in the foreground, on a loopback port, in front of the given nodes. For the failover tests of clustering/ and testsuite/.
 */
public final class Kamailio implements AutoCloseable {

    /** Where the shipped configuration is, from a module of this repository. */
    public static final Path CONFIGURATION = Path.of("..", "load-balancer", "kamailio.cfg");

    private final Process process;
    private final Path log;

    private Kamailio(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param port the UDP and TCP port it listens on, on 127.0.0.1
     * @param nodePorts the SIP ports of the nodes, on 127.0.0.1
     * @return the running balancer
     */
    public static Kamailio start(int port, List<Integer> nodePorts) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("kamailio-");
        Path list = work.resolve("dispatcher.list");
        StringBuilder nodes = new StringBuilder();
        for (int node : nodePorts) {
            nodes.append("1 sip:127.0.0.1:").append(node).append('\n');
        }
        Files.writeString(list, nodes.toString(), StandardCharsets.UTF_8);
        Path log = work.resolve("kamailio.log");
        List<String> command = new java.util.ArrayList<>(List.of("kamailio", "-DD", "-E", "-f", CONFIGURATION.toAbsolutePath().toString(), "-A", "LB_LISTEN=udp:127.0.0.1:" + port,
                "-A", "LB_LISTEN_TCP=tcp:127.0.0.1:" + port,
                "-A", "LB_DISPATCHER_LIST=\"" + list + "\"", "-P", work.resolve("kamailio.pid").toString(), "-Y", work.toString()));
        Path modules = modulesDirectory();
        if (modules != null) {
            command.addAll(List.of("-A", "LB_MODULES=\"" + modules + "/\""));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Kamailio kamailio = new Kamailio(process, log);
        for (int i = 0; i < 50 && !kamailio.log().contains("SO_RCVBUF is finally"); i++) {
            if (!process.isAlive()) {
                throw new IOException("Kamailio did not start:\n" + kamailio.log());
            }
            Thread.sleep(100);
        }
        return kamailio;
    }

    /** @return the module directory of the installed package, whatever the machine's architecture, or {@code null} */
    public static Path modulesDirectory() throws IOException {
        if (Files.isDirectory(Path.of("/usr/lib/kamailio/modules"))) {
            return Path.of("/usr/lib/kamailio/modules");
        }
        try (java.util.stream.Stream<Path> libraries = Files.list(Path.of("/usr/lib"))) {
            return libraries.map(library -> library.resolve("kamailio/modules")).filter(Files::isDirectory).findFirst().orElse(null);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** @return what Kamailio logged so far */
    public String log() throws IOException {
        return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }
}
