package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** This JVM stopped as a long stop-the-world garbage collection stops it, while datagrams reach it. */
public final class StoppedJvm {

    private StoppedJvm() {
    }

    /**
     * Stops this JVM (SIGSTOP), sends the datagrams from another process, one after the other, waits, and lets the JVM
     * go on (SIGCONT, whatever happens to the script).
     * @param datagrams what to send, each as one datagram
     * @param port where to, on the loopback address
     * @param standMillis how long the JVM stays stopped after the last datagram was sent
     * @return when the JVM was stopped, in epoch milliseconds
     */
    public static long sendWhileStopped(List<String> datagrams, int port, long standMillis) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("paused-node-");
        for (int i = 0; i < datagrams.size(); i++) {
            Files.writeString(work.resolve(String.format(Locale.ROOT, "%04d.sip", i)), datagrams.get(i), StandardCharsets.UTF_8);
        }
        long pid = ProcessHandle.current().pid();
        String script = "trap 'kill -CONT " + pid + "' EXIT\n"
                + "date +%s%3N > " + work + "/stopped-at\n"
                + "kill -STOP " + pid + "\n"
                + "sleep 0.2\n" // the stop reaches every thread
                // one cat, one write, one datagram (bash's own printf wrote its first one line by line)
                + (datagrams.isEmpty() ? "" : "for datagram in " + work + "/*.sip; do cat \"$datagram\" > /dev/udp/127.0.0.1/" + port + "; done\n")
                + "sleep " + String.format(Locale.ROOT, "%.3f", standMillis / 1000.0) + "\n";
        Process sender = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        if (!sender.waitFor(60, TimeUnit.SECONDS)) {
            sender.destroy();
        }
        assertEquals(0, sender.exitValue(), Files.readString(work.resolve("out.log"), StandardCharsets.UTF_8));
        return Long.parseLong(Files.readString(work.resolve("stopped-at"), StandardCharsets.UTF_8).trim());
    }
}
