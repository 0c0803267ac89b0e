package org.wildfly.extras.sip.container.b2bua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SippLoad;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The sample B2BUA ({@link CallBridge}) under a sipp load over UDP: a caller sipp at a given rate, a callee sipp that
 * wants the ACK of its 200 before the BYE. Prints the calls each side counted, the failed ones, the 2xx the container
 * gave up retransmitting for want of an ACK, and the datagrams the kernel dropped on the container's socket. Not run by
 * the build (no *TestCase name); run it with
 * {@code mvn -pl container test -Dtest=B2buaLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Db2bua.calls=4000 -Db2bua.rate=400 -Db2bua.hold=500 -Db2bua.threads=4} change the load,
 * {@code -Db2bua.warm=true} runs 200 calls first, {@code -Db2bua.pause=500} stops this JVM for that many milliseconds
 * halfway through, as a long garbage collection would).
 */
class B2buaLoadBenchmark {

    // the container's warnings for a 2xx nobody acknowledged (MissingAcks); held, so that the handler added stays
    private static final Logger UNACKNOWLEDGED_LOGGER = Logger.getLogger("org.wildfly.extras.sip.container.MissingAcks");

    private static final int CALLS = Integer.getInteger("b2bua.calls", 4000);
    private static final int RATE = Integer.getInteger("b2bua.rate", 400);
    private static final int HOLD = Integer.getInteger("b2bua.hold", 500);
    private static final int THREADS = Integer.getInteger("b2bua.threads", 4);
    private static final int PAUSE = Integer.getInteger("b2bua.pause", 0);
    private static final boolean WARM = Boolean.getBoolean("b2bua.warm");
    private static final int WARM_UP_CALLS = 200;

    @Test
    void bridgeUnderLoad() throws Exception {
        AtomicInteger unacknowledged = countUnacknowledged2xx();
        int port = FreePorts.udpAndTcp();
        SippLoad callee = SippLoad.answering("b2bua-load-uas.xml", CALLS + (WARM ? WARM_UP_CALLS : 0));
        try (SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, THREADS))) {
            container.deploy(SipApplicationDefinition.builder("bridge", Map.of("bridge", new CallBridge())).mainServlet("bridge")
                    .sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("bridge", Map.of("bridge.target", "sip:callee@127.0.0.1:" + callee.port()))).build());
            if (WARM) {
                SippLoad.calling("b2bua-load-uac.xml", port, WARM_UP_CALLS, 100, HOLD).await(60);
            }
            unacknowledged.set(0);
            long dropsBefore = kernelDrops(port);
            long calleeDropsBefore = kernelDrops(callee.port());
            SippLoad calling = SippLoad.calling("b2bua-load-uac.xml", port, CALLS, RATE, HOLD);
            if (PAUSE > 0) {
                Thread.sleep(CALLS * 500L / RATE);
                pauseThisJvm(PAUSE);
            }
            SippLoad.Counts caller = calling.await(CALLS / RATE + 90);
            long drops = kernelDrops(port) - dropsBefore;
            long calleeDrops = kernelDrops(callee.port()) - calleeDropsBefore;
            SippLoad.Counts answered = callee.await(40);
            Thread.sleep(33_000); // the container gives up a 2xx without ACK 64*T1 after sending it
            int unexpectedByes = occurrences(answered.errors(), "Aborting call on an unexpected BYE"); // sipp's words for it
            System.out.printf(Locale.ROOT, "%n==== B2BUA load: %d calls at %d calls/s, hold %d ms, %s container, %d servlet threads%s ====%n"
                    + "caller: %d successful, %d failed%ncallee: %d successful, %d failed, %d of them aborted on a BYE they did not expect%n"
                    + "2xx without ACK (container): %d%n"
                    + "datagrams the kernel dropped on the container's socket: %d, on the callee's: %d%n",
                    CALLS, RATE, HOLD, WARM ? "warm" : "cold", THREADS, (PAUSE > 0) ? ", paused " + PAUSE + " ms" : "",
                    caller.successful(), caller.failed(), answered.successful() - (WARM ? WARM_UP_CALLS : 0), answered.failed(), unexpectedByes, unacknowledged.get(), drops, calleeDrops);
            System.out.println("callee's errors (" + answered.work() + "), first lines:\n" + String.join("\n", answered.errors().lines().limit(20).toList()));
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Counts the container's "No ACK for the 2xx" warnings. */
    static AtomicInteger countUnacknowledged2xx() {
        AtomicInteger count = new AtomicInteger();
        UNACKNOWLEDGED_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("No ACK for the 2xx")) {
                    count.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return count;
    }

    /** Stops this JVM, all its threads, for a while: what a stop-the-world garbage collection does. */
    static void pauseThisJvm(int millis) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        // the trap resumes the JVM whatever happens to the script
        new ProcessBuilder("bash", "-c", "trap 'kill -CONT " + pid + "' EXIT; kill -STOP " + pid + "; sleep " + (millis / 1000.0)).inheritIO().start().waitFor();
    }

    /** @return the datagrams the kernel dropped on a loopback UDP port, for want of room in its receive buffer (Linux) */
    static long kernelDrops(int port) throws IOException {
        String localPort = String.format(":%04X", port);
        long drops = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            if (Files.isReadable(Path.of(table))) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // fields: sl, local_address, rem_address, st, ..., drops last
                    if (fields.length > 12 && fields[1].endsWith(localPort)) {
                        drops += Long.parseLong(fields[fields.length - 1]);
                    }
                }
            }
        }
        return drops;
    }
}
