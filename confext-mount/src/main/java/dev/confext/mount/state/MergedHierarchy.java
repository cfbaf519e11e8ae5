package dev.confext.mount.state;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import dev.confext.mount.api.MountException;
import dev.confext.mount.plan.CEscape;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.plan.PlanPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what of ours is mounted over a hierarchy: the "is ours" test of spec §7.1 (a mount point whose
 * {@code .systemd-sysext/dev} names the device the path is on) and the metadata files. Stateless.
 */
public final class MergedHierarchy {
    private MergedHierarchy() {}

    /**
     * Whether the hierarchy at {@code path} is one of our merged trees.
     *
     * @param path  the resolved hierarchy, a host path
     * @param table the mount table
     * @throws MountException when {@code dev} exists but cannot be read or parsed, or the path cannot be stat-ed
     */
    public static boolean isOurs(ExtensionKind kind, Path path, MountTable table) throws MountException {
        if (!table.isMountPoint(path)) {
            return false;
        }
        Path devFile = path.resolve(kind.metadataDirectory()).resolve("dev");
        String line;
        try {
            line = firstLine(Files.readString(devFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new MountException("Failed to determine whether hierarchy '" + path + "' contains '"
                    + kind.metadataDirectory() + "/dev': " + e.getMessage(), e);
        }
        long recorded = parseDevice(line).orElseThrow(() -> new MountException("Failed to parse device major/minor stored in '"
                + kind.metadataDirectory() + "/dev' file on '" + path + "': Invalid argument"));
        long actual;
        try {
            actual = ((Number) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException e) {
            throw new MountException("Failed to stat " + path + ": " + e.getMessage(), e);
        }
        return actual == recorded;
    }

    /**
     * Reads the metadata of our merge at {@code path}; empty when the hierarchy is not ours.
     *
     * @throws MountException when the "is ours" test fails with an error or the list file cannot be read
     */
    public static Optional<CurrentMerge> read(ExtensionKind kind, Root root, Path path, MountTable table)
            throws MountException {
        if (!isOurs(kind, path, table)) {
            return Optional.empty();
        }
        Path meta = path.resolve(kind.metadataDirectory());
        List<String> extensions = new ArrayList<>();
        try {
            for (String name : Files.readString(meta.resolve(kind.listFile()), StandardCharsets.UTF_8).split("\n")) {
                if (!name.isEmpty()) {
                    extensions.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            // a merge without list file lists nothing
        } catch (IOException e) {
            throw new MountException("Failed to open '" + meta.resolve(kind.listFile()) + "': " + e.getMessage(), e);
        }
        Optional<String> origin;
        try {
            origin = Optional.of(Files.readString(meta.resolve("origin"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            origin = Optional.empty();
        }
        Optional<PlanPath> workDir = Optional.empty();
        try {
            String escaped = firstLine(Files.readString(meta.resolve("work_dir"), StandardCharsets.UTF_8));
            String unescaped = CEscape.unescape(escaped);
            workDir = Optional.of(PlanPath.inRoot("/" + (unescaped.startsWith("/") ? unescaped.substring(1) : unescaped)));
        } catch (NoSuchFileException e) {
            // read-only and ephemeral merges have no work_dir
        } catch (IOException | IllegalArgumentException e) {
            throw new MountException("Failed to read '" + meta.resolve("work_dir") + "': " + e.getMessage(), e);
        }
        int stacked = Math.max(1, (int) table.at(path).stream().filter(e -> e.fsType().equals("overlay")
                && e.source().equals(kind.word())).count());
        return Optional.of(new CurrentMerge(extensions, origin, workDir, stacked));
    }

    /** {@code MAJOR:MINOR} in decimal as a Linux {@code dev_t}; empty when malformed. */
    public static Optional<Long> parseDevice(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            return Optional.empty();
        }
        try {
            long major = Long.parseUnsignedLong(t.substring(0, colon));
            long minor = Long.parseUnsignedLong(t.substring(colon + 1));
            if (major > 0xffffffffL || minor > 0xffffffffL) {
                return Optional.empty();
            }
            return Optional.of(makeDevice(major, minor));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** glibc's {@code makedev}. */
    public static long makeDevice(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
