package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code jboss-cli} block of docs/configuration.md, in order, then the example scripts of galleon/cli,
 * on a provisioned server: each must succeed, and each attribute it writes must read back as written after its reload.
 */
class DocumentedCliIT {

    private static final Pattern WRITE = Pattern.compile("^(\\S*):write-attribute\\(name=([\\w-]+), value=([^)]+)\\)$");

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void configurationGuideExamplesWork() throws Exception {
        List<String> blocks = cliBlocks(Path.of(System.getProperty("sip.test.docs.dir", "../docs"), "configuration.md"));
        assertTrue(blocks.size() >= 5, "the guide's CLI examples were found: " + blocks.size());
        try (Stream<Path> scripts = Files.list(Path.of(System.getProperty("sip.test.cli.dir", "../galleon/cli")))) {
            for (Path script : scripts.filter(path -> path.toString().endsWith(".cli")).sorted().toList()) {
                blocks.add(Files.readString(script, StandardCharsets.UTF_8));
            }
        }
        for (String block : blocks) {
            JBossCli.Result result = server.cli().runScript(block);
            assertEquals(0, result.exitCode(), block + "\n->\n" + result.output());
            assertEquals("running", read(":read-attribute(name=server-state)").asString(), block);
            for (String line : block.lines().toList()) {
                Matcher write = WRITE.matcher(line.trim());
                if (write.matches()) {
                    String written = write.group(3);
                    // the CLI takes a value in quotes (needed when it holds ':' or ','); the model holds it without them
                    ModelNode value = read(write.group(1) + ":read-attribute(name=" + write.group(2) + ")");
                    if (written.startsWith("[") && written.endsWith("]")) {
                        // a list: its items, as the CLI took them
                        List<String> items = java.util.Arrays.stream(written.substring(1, written.length() - 1).split(",")).map(String::trim).map(DocumentedCliIT::unquoted).toList();
                        assertEquals(items, value.asList().stream().map(ModelNode::asString).toList(), line);
                    } else {
                        assertEquals(unquoted(written), value.asString(), line);
                    }
                }
            }
        }
        assertEquals(List.of(), server.serverLogLines().stream().filter(line -> line.contains(" ERROR ")).toList());
    }

    private static String unquoted(String written) {
        return (written.length() > 1 && written.startsWith("\"") && written.endsWith("\"")) ? written.substring(1, written.length() - 1) : written;
    }

    private static ModelNode read(String operation) throws IOException, InterruptedException {
        JBossCli.Result result = server.cli().run(operation);
        ModelNode response = result.response();
        assertEquals("success", response.get("outcome").asString(), result.output());
        return response.get("result");
    }

    /** The bodies of the fenced blocks whose info string is {@code jboss-cli}. */
    static List<String> cliBlocks(Path markdown) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (block == null && line.trim().equals("```jboss-cli")) {
                block = new StringBuilder();
            } else if (block != null && line.trim().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
