package dev.confext.cli.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats microsecond timestamps as systemd's tables do ({@code TABLE_TIMESTAMP}): local time as
 * {@code Tue 2023-11-14 22:13:20 UTC}, and {@code -} for "not set" (0 or all ones) and for anything after
 * year 9999. Immutable and thread-safe.
 */
public final class SystemdTimestamp {
    /** The last microsecond systemd still formats: 9999-12-31 23:59:59.999999 UTC. */
    static final long LAST_FORMATTABLE_USEC = 253_402_300_799_999_999L;

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    private final ZoneId zone;

    private SystemdTimestamp(ZoneId zone) {
        this.zone = zone;
    }

    /** Formats in the JVM's default time zone (which follows {@code TZ} and {@code /etc/localtime}). */
    public static SystemdTimestamp local() {
        return new SystemdTimestamp(ZoneId.systemDefault());
    }

    /** Formats in {@code zone}. */
    public static SystemdTimestamp in(ZoneId zone) {
        return new SystemdTimestamp(zone);
    }

    /** The table text for {@code usec} microseconds since the epoch (unsigned). */
    public String format(long usec) {
        if (usec == 0 || usec == -1 || Long.compareUnsigned(usec, LAST_FORMATTABLE_USEC) > 0) {
            return "-";
        }
        Instant instant = Instant.ofEpochSecond(usec / 1_000_000, (usec % 1_000_000) * 1_000);
        return PATTERN.format(instant.atZone(zone));
    }
}
