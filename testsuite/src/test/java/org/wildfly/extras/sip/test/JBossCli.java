package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.dmr.ModelNode;

/**
 * Runs the provisioned server's own {@code bin/jboss-cli.sh}, as an operator does.
 */
final class JBossCli {

    /** What the CLI printed and how it exited. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return this.exitCode == 0;
        }

        /** The operation's response, for a CLI run with {@code --output-json}. */
        ModelNode response() {
            int start = this.output.indexOf('{');
            if (start < 0) {
                throw new IllegalStateException("No JSON response in: " + this.output);
            }
            return ModelNode.fromJSONString(this.output.substring(start));
        }
    }

    private final Path home;
    private final int managementPort;

    JBossCli(Path home, int managementPort) {
        this.home = home;
        this.managementPort = managementPort;
    }

    /** Runs one operation and returns its JSON response, whatever its outcome. */
    Result run(String command) throws IOException, InterruptedException {
        return this.execute(List.of("--output-json", "--command=" + command));
    }

    /** Runs one CLI command, such as {@code deploy file.sar}, and returns what it printed. */
    Result command(String command) throws IOException, InterruptedException {
        return this.execute(List.of("--command=" + command));
    }

    /** Runs a script, as {@code jboss-cli.sh --file=...} does; it stops at the first failure. */
    Result runScript(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sip-test-", ".cli");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            return this.execute(List.of("--file=" + file));
        } finally {
            Files.delete(file);
        }
    }

    private Result execute(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = this.command(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jboss-cli did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(this.home.resolve("bin/jboss-cli.sh").toString());
        command.add("--connect");
        command.add("--controller=remote+http://127.0.0.1:" + this.managementPort);
        command.addAll(arguments);
        return command;
    }
}
