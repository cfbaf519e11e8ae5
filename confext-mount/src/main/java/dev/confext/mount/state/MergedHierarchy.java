package dev.confext.mount.state;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.api.MountException;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.plan.PlanPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what of ours is mounted over a hierarchy: the "is ours" test of spec §7.1 (a mount point whose
 * {@code .systemd-sysext/dev} names the device the path is on) and the metadata files. The metadata files
 * are opened inside the hierarchy's root and read through the descriptor with a size bound (see
 * {@link InRootFiles}): a metadata file linked elsewhere is followed inside the root only. Stateless.
 */
public final class MergedHierarchy {
    /** Bound of the one-line files ({@code dev}, {@code work_dir}); upstream's line limit. */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Bound of the list and origin files. */
    static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    private MergedHierarchy() {}

    /**
     * Whether the hierarchy {@code hierarchy} resolved to is one of our merged trees.
     *
     * @param hierarchy the resolved hierarchy, inside its root
     * @param table     the mount table
     * @throws MountException when {@code dev} exists but cannot be read or parsed, or the path cannot be stat-ed
     */
    public static boolean isOurs(ExtensionKind kind, ResolvedPath hierarchy, MountTable table) throws MountException {
        Path path = hierarchy.hostPath();
        if (!table.isMountPoint(path)) {
            return false;
        }
        Optional<byte[]> content;
        try {
            content = InRootFiles.read(hierarchy.root(), metadataFile(kind, hierarchy, "dev"), MAX_LINE_BYTES);
        } catch (IOException e) {
            throw new MountException("Failed to determine whether hierarchy '" + path + "' contains '"
                    + kind.metadataDirectory() + "/dev': " + e.getMessage(), e);
        }
        if (content.isEmpty()) {
            return false;
        }
        String line = firstLine(new String(content.get(), StandardCharsets.UTF_8));
        long recorded = parseDevice(line).orElseThrow(() -> new MountException("Failed to parse device major/minor stored in '"
                + kind.metadataDirectory() + "/dev' file on '" + path + "': Invalid argument"));
        Optional<Map<String, Object>> stat;
        try {
            stat = InRootFiles.attributes(hierarchy.root(), hierarchy.path(), "dev", ResolveOption.NOFOLLOW);
        } catch (IOException e) {
            throw new MountException("Failed to stat " + path + ": " + e.getMessage(), e);
        }
        if (stat.isEmpty()) {
            throw new MountException("Failed to stat " + path + ": " + Errno.ENOENT.text());
        }
        return ((Number) stat.get().get("dev")).longValue() == recorded;
    }

    /**
     * Reads the metadata of our merge at {@code hierarchy}; empty when the hierarchy is not ours.
     *
     * @param hierarchy the resolved hierarchy, inside its root
     * @throws MountException when the "is ours" test fails with an error or the list file cannot be read
     */
    public static Optional<CurrentMerge> read(ExtensionKind kind, ResolvedPath hierarchy, MountTable table)
            throws MountException {
        if (!isOurs(kind, hierarchy, table)) {
            return Optional.empty();
        }
        Root root = hierarchy.root();
        Path path = hierarchy.hostPath();
        List<String> extensions = new ArrayList<>();
        String listFile = metadataFile(kind, hierarchy, kind.listFile());
        try {
            Optional<byte[]> list = InRootFiles.read(root, listFile, MAX_METADATA_BYTES);
            // a merge without list file lists nothing
            for (String name : list.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("").split("\n")) {
                if (!name.isEmpty()) {
                    extensions.add(name);
                }
            }
        } catch (IOException e) {
            throw new MountException("Failed to open '" + root.hostPath(listFile) + "': " + e.getMessage(), e);
        }
        Optional<String> origin;
        try {
            origin = InRootFiles.read(root, metadataFile(kind, hierarchy, "origin"), MAX_METADATA_BYTES)
                    .map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            origin = Optional.empty();
        }
        Optional<PlanPath> workDir = Optional.empty();
        String workDirFile = metadataFile(kind, hierarchy, "work_dir");
        Optional<byte[]> content;
        try {
            content = InRootFiles.read(root, workDirFile, MAX_LINE_BYTES);
        } catch (IOException e) {
            throw new MountException("Failed to read '" + root.hostPath(workDirFile) + "': " + e.getMessage(), e);
        }
        // read-only and ephemeral merges have no work_dir; one that names no clean relative path is not shown
        // here (status does not depend on it) and is refused by the executor before it unmerges anything
        if (content.isPresent()) {
            try {
                workDir = Optional.of(PlanPath.inRoot("/"
                        + WorkDirFile.relativePath(new String(content.get(), StandardCharsets.UTF_8))));
            } catch (IllegalArgumentException e) {
                workDir = Optional.empty();
            }
        }
        int stacked = Math.max(1, (int) table.at(path).stream().filter(e -> e.fsType().equals("overlay")
                && e.source().equals(kind.word())).count());
        return Optional.of(new CurrentMerge(extensions, origin, workDir, stacked));
    }

    /** The in-root path of a metadata file of the merge at {@code hierarchy}. */
    private static String metadataFile(ExtensionKind kind, ResolvedPath hierarchy, String name) {
        String dir = hierarchy.path().endsWith("/") ? hierarchy.path() : hierarchy.path() + "/";
        return dir + kind.metadataDirectory() + "/" + name;
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
