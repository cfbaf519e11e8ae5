package dev.confext.mount.planner;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.api.MountException;
import dev.confext.mount.origin.OriginPaths;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.Upper;
import dev.confext.mount.state.InRootFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where writes go for one hierarchy in one mutable mode (spec §1.4): the upper directory and workdir, the
 * imported directory, and what the origin document records as the hierarchy's mutable directory.
 *
 * @param upper      the upper directory, absent for a read-only merge
 * @param imported   the persistent mutable directory imported as a lower layer (import modes)
 * @param originDir  the origin's {@code mutableDirs} value for this hierarchy, absent when none exists
 * @param hostIsUpper the mutable directory resolves to the hierarchy itself, which is then not a lower layer
 */
record MutableLayout(Optional<Upper> upper, Optional<PlanPath> imported, Optional<String> originDir,
        boolean hostIsUpper) {

    static final String MUTABLE_BASE = "/var/lib/extensions.mutable/";

    /** {@code /usr} → {@code usr}, {@code /foo/bar/} → {@code foo.bar}. */
    static String shortName(String hierarchy) {
        String s = hierarchy;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace('/', '.');
    }

    /**
     * Computes the layout.
     *
     * @param host     the resolved hierarchy (may not exist)
     * @param hostMode the hierarchy's permission bits (0755 when it does not exist)
     * @param hostMerged whether our overlay is mounted over the hierarchy now
     * @throws MountException EINVAL for a mutable directory with the wrong mode, ELOOP for an imported directory
     *                        that is the hierarchy, EROFS for an upper directory on a read-only file system, EXDEV
     *                        for a workdir parent on another file system
     */
    static MutableLayout compute(ExtensionKind kind, Root root, MutableMode mode, String hierarchy, ResolvedPath host,
            int hostMode, boolean hostMerged) throws MountException {
        String n = shortName(hierarchy);
        String mutablePath = MUTABLE_BASE + n;
        switch (mode) {
            case NO:
                return new MutableLayout(Optional.empty(), Optional.empty(), Optional.empty(), false);
            case EPHEMERAL:
            case EPHEMERAL_IMPORT: {
                Optional<PlanPath> imported = Optional.empty();
                if (mode == MutableMode.EPHEMERAL_IMPORT) {
                    Optional<ResolvedPath> m = existing(root, mutablePath);
                    if (m.isPresent()) {
                        if (sameDirectory(m.get(), host)) {
                            throw loop(hierarchy);
                        }
                        imported = Optional.of(PlanPath.inRoot(m.get().path()));
                    }
                }
                PlanPath workspace = PlanPath.inStaging("/mh_workspace" + normalised(hierarchy));
                Upper upper = new Upper(Upper.Kind.EPHEMERAL, workspace.resolve(n),
                        workspace.resolve(".systemd-" + n + "-workdir"), true, hostMode);
                return new MutableLayout(Optional.of(upper), imported,
                        Optional.of(PlanPath.STAGING_DIRECTORY + "/" + n), false);
            }
            case IMPORT: {
                Optional<ResolvedPath> m = existing(root, mutablePath);
                if (m.isPresent() && sameDirectory(m.get(), host)) {
                    throw loop(hierarchy);
                }
                return new MutableLayout(Optional.empty(), m.map(p -> PlanPath.inRoot(p.path())),
                        m.map(p -> OriginPaths.recorded(root, p.path())), false);
            }
            case AUTO:
            case YES: {
                checkMode(root, mutablePath, hostMode);
                Optional<ResolvedPath> m;
                if (mode == MutableMode.AUTO) {
                    m = existing(root, mutablePath);
                } else {
                    try {
                        m = Optional.of(root.resolve(mutablePath, ResolveOption.NONEXISTENT));
                    } catch (ResolveException e) {
                        throw new MountException("Failed to resolve mutable directory '" + root.hostPath(mutablePath)
                                + "': " + e.errno().text(), e);
                    }
                }
                if (m.isEmpty()) {
                    return new MutableLayout(Optional.empty(), Optional.empty(), Optional.empty(), false);
                }
                ResolvedPath upperPath = m.get();
                boolean isHost = sameDirectory(upperPath, host);
                String parent = parentOf(upperPath.path());
                if (!(isHost && hostMerged)) {
                    // a merged hierarchy shows the overlay's device; its checks passed when it was merged
                    checkWritable(upperPath, mode);
                    checkSameFileSystem(root, upperPath, parent);
                }
                PlanPath workdir = PlanPath.inRoot(parent).resolve(".systemd-" + n + "-workdir");
                Upper upper = new Upper(isHost ? Upper.Kind.HOST : Upper.Kind.MUTABLE_DIR,
                        PlanPath.inRoot(upperPath.path()), workdir, mode == MutableMode.YES, hostMode);
                return new MutableLayout(Optional.of(upper), Optional.empty(),
                        Optional.of(OriginPaths.recorded(root, upperPath.path())), isHost);
            }
            default:
                throw new IllegalStateException("unknown mutable mode " + mode);
        }
    }

    private static String normalised(String hierarchy) {
        String s = hierarchy;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static MountException loop(String hierarchy) {
        return new MergeTimeException("Not importing mutable directory for hierarchy " + hierarchy
                + " as a lower dir, because it points to the hierarchy itself");
    }

    private static Optional<ResolvedPath> existing(Root root, String path) throws MountException {
        try {
            return Optional.of(root.resolve(path));
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new MountException("Failed to resolve mutable directory '" + root.hostPath(path) + "': "
                    + e.errno().text(), e);
        }
    }

    /**
     * The mode check of {@code yes}/{@code auto}: the mutable directory, resolved inside the root and stat-ed
     * through a descriptor, must have the hierarchy's mode. Upstream stats root+path with host semantics
     * (a symlink there is followed on the host); we never look outside the root (see the README).
     */
    private static void checkMode(Root root, String mutablePath, int hostMode) throws MountException {
        Path shown = root.hostPath(mutablePath);
        Optional<Map<String, Object>> stat;
        try {
            stat = InRootFiles.attributes(root, mutablePath, "mode");
        } catch (IOException e) {
            throw new MountException("Failed to stat mutable directory '" + shown + "': " + e.getMessage(), e);
        }
        if (stat.isEmpty()) {
            return;
        }
        int mode = ((Number) stat.get().get("mode")).intValue() & 0777;
        if (mode != hostMode) {
            throw new MountException(String.format("Mutable directory '%s' has mode %04o, ought to have mode %04o",
                    shown, mode, hostMode));
        }
    }

    static boolean sameDirectory(ResolvedPath a, ResolvedPath b) {
        if (a.path().equals(b.path())) {
            return true;
        }
        if (!a.exists() || !b.exists()) {
            return false;
        }
        try {
            // stat-ed through descriptors opened inside the root
            Optional<Map<String, Object>> ka = InRootFiles.attributes(a.root(), a.path(), "dev,ino");
            Optional<Map<String, Object>> kb = InRootFiles.attributes(b.root(), b.path(), "dev,ino");
            return ka.isPresent() && ka.equals(kb);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Refuses an upper directory on a read-only file system as systemd does: with {@code yes} it fails
     * first to give an existing directory the hierarchy's mode (before the extensions are announced), with
     * {@code auto} it refuses the directory while merging. A read-only bind mount counts (checked with
     * {@code access(W_OK)}, which fails with {@code EROFS} there even for root).
     */
    private static void checkWritable(ResolvedPath upper, MutableMode mode) throws MountException {
        Path p = upper.hostPath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        try {
            if (Files.getFileStore(p).isReadOnly() || !Files.isWritable(p)) {
                if (mode == MutableMode.YES && p.equals(upper.hostPath())) {
                    throw new MountException("Failed to chmod directory '" + upper.hostPath() + "': "
                            + Errno.EROFS.text());
                }
                throw new MergeTimeException("Can't use '" + upper.hostPath() + "' as an upperdir as it is read-only.");
            }
        } catch (IOException e) {
            throw new MountException("Failed to check whether '" + upper.hostPath() + "' is writable: " + e.getMessage(), e);
        }
    }

    private static void checkSameFileSystem(Root root, ResolvedPath upper, String parent) throws MountException {
        if (!upper.exists()) {
            return;
        }
        try {
            Optional<Object> du = InRootFiles.attributes(root, upper.path(), "dev").map(a -> a.get("dev"));
            Optional<Object> dp = InRootFiles.attributes(root, parent, "dev").map(a -> a.get("dev"));
            if (du.isEmpty() || dp.isEmpty()) {
                throw new MountException("Failed to stat '" + upper.hostPath() + "': " + Errno.ENOENT.text());
            }
            if (!du.equals(dp)) {
                throw new MountException("Unable to find a suitable workdir location for '" + upper.hostPath() + "': "
                        + Errno.EXDEV.text());
            }
        } catch (IOException e) {
            throw new MountException("Failed to stat '" + upper.hostPath() + "': " + e.getMessage(), e);
        }
    }

    static String parentOf(String inRoot) {
        int slash = inRoot.lastIndexOf('/');
        return slash <= 0 ? "/" : inRoot.substring(0, slash);
    }
}
