package dev.confext.core.discovery;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.api.Versions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the best entry of a {@code .v} directory (spec §2.5): entries named
 * {@code NAME_VERSION[_ARCH][+LEFT[-DONE]]SUFFIX}, best by tries left, version, architecture, tries and
 * finally the resolved file name. Immutable; one instance per (name, suffix, allowed types, host).
 *
 * @param name           the image name every entry must start with (followed by {@code _})
 * @param suffix         what every entry must end with ({@code ""}, {@code .raw}, {@code .sysext.raw}, ...)
 * @param allowedTypes   inode types a candidate may resolve to
 * @param hostArchitecture       the host architecture, if known
 */
public record VersionPicker(String name, String suffix, Set<Inode> allowedTypes, Optional<Architecture> hostArchitecture) {
    /** What "no tries counter" counts as: infinitely many tries left, infinitely many done. */
    static final long NO_COUNTER = 0xFFFF_FFFFL;
    /**
     * What a version may hold: systemd 262 checks it as a version specification (letters, digits, {@code .-~^}),
     * so {@code foo_2~rc1} is a candidate while {@code foo_3,1} or {@code foo_3+x} (a tries suffix that does not
     * parse) is not; the spec's older {@code [A-Za-z0-9.,_+-]} is what upstream no longer accepts.
     */
    private static final String VERSION_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-~^";

    public VersionPicker {
        allowedTypes = Set.copyOf(allowedTypes);
    }

    /** The picker discovery uses for a {@code .v} directory with this name and suffix. */
    public static VersionPicker forImage(String name, String suffix) {
        Set<Inode> types = suffix.endsWith(".raw") ? Set.of(Inode.REGULAR, Inode.BLOCK) : Set.of(Inode.DIRECTORY);
        return new VersionPicker(name, suffix, types, Architecture.host());
    }

    /**
     * One parsed entry name.
     *
     * @param version      the version part
     * @param architecture the architecture named after the last {@code _}, empty if none or unknown
     * @param archRank     0 native, 1 secondary, 2 unspecified
     * @param triesLeft    {@link #NO_COUNTER} without a counter
     * @param triesDone    {@link #NO_COUNTER} without a counter
     */
    public record Parsed(String version, Optional<Architecture> architecture, int archRank, long triesLeft,
            long triesDone) {}

    /** The chosen entry. */
    public record Pick(ResolvedPath target, Inode type, Parsed parsed, String entryName) {}

    /**
     * Parses an entry name; empty when it does not match {@code NAME_...SUFFIX}, names a foreign
     * architecture, or has an invalid version.
     */
    public Optional<Parsed> parse(String entry) {
        if (!entry.startsWith(name + "_")) {
            return Optional.empty();
        }
        String v = entry.substring(name.length() + 1);
        if (!suffix.isEmpty()) {
            if (!v.endsWith(suffix)) {
                return Optional.empty();
            }
            v = v.substring(0, v.length() - suffix.length());
        }
        long left = NO_COUNTER;
        long done = NO_COUNTER;
        int plus = v.lastIndexOf('+');
        if (plus >= 0) {
            long[] tries = parseTries(v.substring(plus + 1));
            if (tries != null) {
                left = tries[0];
                done = tries[1];
                v = v.substring(0, plus);
            }
        }
        Optional<Architecture> architecture = Optional.empty();
        int underscore = v.lastIndexOf('_');
        if (underscore >= 0) {
            architecture = Architecture.fromName(v.substring(underscore + 1));
            v = v.substring(0, underscore);
        }
        int rank;
        if (architecture.isEmpty()) {
            rank = 2;
        } else if (architecture.equals(hostArchitecture)) {
            rank = 0;
        } else if (hostArchitecture.isPresent() && architecture.equals(hostArchitecture.get().secondary())) {
            rank = 1;
        } else {
            return Optional.empty();
        }
        if (!isValidVersion(v)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(v, architecture, rank, left, done));
    }

    /**
     * Picks the best entry of the {@code .v} directory at {@code directory} (already resolved, inside
     * {@code root}).
     *
     * @return the pick, or empty when no entry qualifies
     * @throws ResolveException when a candidate cannot be resolved (a dangling symlink among the
     *                          candidates fails the whole pick, as upstream)
     * @throws IOException      when the directory cannot be read
     */
    public Optional<Pick> pick(Root root, ResolvedPath directory) throws ResolveException, IOException {
        String[] entries = Directories.list(directory);
        Pick best = null;
        for (String entry : entries) {
            Optional<Parsed> parsed = parse(entry);
            if (parsed.isEmpty()) {
                continue;
            }
            String inRoot = (directory.path().equals("/") ? "" : directory.path()) + "/" + entry;
            ResolvedPath target = root.resolve(inRoot);
            Inode type = Inode.of(target.hostPath());
            if (!allowedTypes.contains(type)) {
                continue;
            }
            Pick candidate = new Pick(target, type, parsed.get(), entry);
            if (best == null || compare(candidate, best) > 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Positive when {@code a} is the better choice. */
    static int compare(Pick a, Pick b) {
        Parsed x = a.parsed();
        Parsed y = b.parsed();
        int d = Boolean.compare(x.triesLeft() != 0, y.triesLeft() != 0);
        if (d == 0) {
            d = Integer.signum(Versions.compare(x.version(), y.version()));
        }
        if (d == 0) {
            d = -Integer.compare(x.archRank(), y.archRank());
        }
        if (d == 0) {
            d = Long.compare(x.triesLeft(), y.triesLeft());
        }
        if (d == 0) {
            d = -Long.compare(x.triesDone(), y.triesDone());
        }
        if (d == 0) {
            d = Integer.signum(Arrays.compareUnsigned(a.target().fileName().getBytes(StandardCharsets.UTF_8),
                    b.target().fileName().getBytes(StandardCharsets.UTF_8)));
        }
        return d;
    }

    /** {@code DIGITS} or {@code DIGITS-DIGITS} as C {@code strtoul} with base 0 reads them; null otherwise. */
    static long[] parseTries(String text) {
        int dash = text.indexOf('-');
        String leftText = dash < 0 ? text : text.substring(0, dash);
        String doneText = dash < 0 ? null : text.substring(dash + 1);
        long left = parseUnsigned(leftText);
        if (left < 0) {
            return null;
        }
        long done = 0;
        if (doneText != null) {
            done = parseUnsigned(doneText);
            if (done < 0) {
                return null;
            }
        }
        return new long[] {left, done};
    }

    /** A non-empty run of digits read with automatic base (leading 0 = octal), at most 2^32-1; else -1. */
    static long parseUnsigned(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        int radix = 10;
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (digit >= radix) {
                return -1;
            }
            value = value * radix + digit;
            if (value > NO_COUNTER) {
                return -1;
            }
        }
        return value;
    }

    static boolean isValidVersion(String version) {
        if (version.isEmpty() || version.getBytes(StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            if (VERSION_CHARS.indexOf(version.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
