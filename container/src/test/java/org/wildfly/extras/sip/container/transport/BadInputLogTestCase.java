package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The budget of bad-input lines: so many a minute at WARNING, then DEBUG, and the count with the next minute's first line. */
class BadInputLogTestCase {

    /** Records what is logged, at which level. */
    private static final class Recorder implements System.Logger {
        final List<String> warnings = new ArrayList<>();
        final List<String> debug = new ArrayList<>();

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            (level == Level.WARNING ? this.warnings : this.debug).add(message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
            this.log(level, bundle, java.text.MessageFormat.format(format, parameters), (Throwable) null);
        }
    }

    @Test
    void tenLinesAMinuteThenACount() {
        Recorder recorder = new Recorder();
        AtomicLong now = new AtomicLong();
        BadInputLog log = new BadInputLog(recorder, 10, Duration.ofMinutes(1), now::get);
        for (int index = 0; index < 1000; index++) {
            log.report(Transport.UDP, "192.0.2.1:5060/UDP", "bad " + index);
        }
        assertEquals(10, recorder.warnings.size());
        assertEquals(990, recorder.debug.size());
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        log.report(Transport.UDP, "192.0.2.1:5060/UDP", "bad again");
        assertEquals(12, recorder.warnings.size());
        assertTrue(recorder.warnings.get(10).contains("990 more lines"), recorder.warnings.get(10));
        assertEquals("SIP 192.0.2.1:5060/UDP: bad again", recorder.warnings.get(11));
        assertEquals(1001, log.total());
    }

    @Test
    void aLineIsOneShortLineWhateverThePeerSent() {
        String line = BadInputLog.oneLine("first\r\nsecond\ttab " + "x".repeat(1000));
        assertTrue(line.startsWith("first second tab x"), line);
        assertTrue(line.length() <= 161, Integer.toString(line.length()));
        assertTrue(line.chars().noneMatch(Character::isISOControl), line);
    }
}
