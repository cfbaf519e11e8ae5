package dev.confext.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SystemdTimestampTest {
    private final SystemdTimestamp utc = SystemdTimestamp.in(ZoneId.of("UTC"));

    @Test
    void format_fixtureMtime_likeSystemd() {
        // 1700000000 is the mtime every conformance fixture is stamped with.
        assertEquals("Tue 2023-11-14 22:13:20 UTC", utc.format(1_700_000_000_000_000L));
    }

    @Test
    void format_otherZone_usesItsAbbreviation() {
        assertEquals("Tue 2023-11-14 23:13:20 CET",
                SystemdTimestamp.in(ZoneId.of("Europe/Berlin")).format(1_700_000_000_123_456L));
    }

    @Test
    void format_zero_isDash() {
        assertEquals("-", utc.format(0));
    }

    @Test
    void format_infinity_isDash() {
        assertEquals("-", utc.format(-1L));
    }

    @Test
    void format_afterYear9999_isDash() {
        assertEquals("Fri 9999-12-31 23:59:59 UTC", utc.format(SystemdTimestamp.LAST_FORMATTABLE_USEC));
        assertEquals("-", utc.format(SystemdTimestamp.LAST_FORMATTABLE_USEC + 1));
    }

    @Property
    void format_anySetTime_hasSystemdShape(@ForAll @LongRange(min = 1, max = SystemdTimestamp.LAST_FORMATTABLE_USEC) long usec) {
        String text = utc.format(usec);
        if (!text.matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC")) {
            throw new AssertionError(usec + " -> " + text);
        }
    }
}
