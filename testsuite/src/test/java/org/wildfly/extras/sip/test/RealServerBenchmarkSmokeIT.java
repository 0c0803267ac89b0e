package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The benchmark command of docs/benchmarks.md, in a few seconds per configuration, on every build: Kamailio, the raw
 * JAIN-SIP B2BUA and a B2BUA node are offered calls at two low rates, the node is overloaded briefly and holds calls for the heap figure,
 * and the results folder gets its table and charts. It checks that the benchmark measures (calls answered, figures
 * written), not how fast anything is.
 */
class RealServerBenchmarkSmokeIT {

    @Test
    void benchmarkRunsAndWritesItsResults() throws Exception {
        Path results = Path.of("target/benchmark-smoke").toAbsolutePath().resolve(Long.toString(System.currentTimeMillis()));
        RealServerBenchmark.Settings settings = new RealServerBenchmark.Settings(List.of(RealServerBenchmark.Configuration.KAMAILIO, RealServerBenchmark.Configuration.RAW_B2BUA,
                RealServerBenchmark.Configuration.B2BUA),
                List.of(20, 40), 3, 200, 2, 200, true, results);
        List<RealServerBenchmark.Outcome> outcomes = RealServerBenchmark.run(settings);

        assertEquals(3, outcomes.size());
        for (RealServerBenchmark.Outcome outcome : outcomes) {
            assertEquals(2, outcome.steps().size(), outcome.configuration() + " was offered both rates: " + outcome.steps());
            for (LoadSweep.Step step : outcome.steps()) {
                assertEquals(0, step.failed(), outcome.configuration() + " failed calls at " + step);
                assertEquals(step.offered() * 3L, step.successful(), outcome.configuration() + " answered every call offered at " + step);
                assertTrue(step.p99() >= 0 && step.cpuMsPerCall() > 0, "INVITE-to-200 times and CPU were measured: " + step);
            }
        }
        RealServerBenchmark.Outcome node = outcomes.get(2);
        assertNotNull(node.overload(), "the node was overloaded");
        assertTrue(node.recovery().successful() > 0, "the node answered calls after the overload: " + node.recovery());
        assertTrue(!Double.isNaN(node.heapPerCall()), "the heap of held calls was measured");
        String table = Files.readString(results.resolve("results.md"));
        for (RealServerBenchmark.Configuration configuration : settings.configurations()) {
            assertTrue(table.contains("| " + configuration.title + " | 40 |"), "the table gives " + configuration.title + " its clean rate:\n" + table);
        }
        assertTrue(table.contains("B2BUA application / raw JAIN-SIP B2BUA (target ≥ 0.7): 40 / 40 = **1.00**"), table);
        for (String chart : List.of("clean-rate.png", "latency-p50.png", "latency-p99.png", "cpu-per-call.png", "heap-per-call.png")) {
            BufferedImage image = ImageIO.read(results.resolve(chart).toFile());
            assertTrue(image != null && image.getWidth() > 0, chart + " is a picture");
        }
    }
}
