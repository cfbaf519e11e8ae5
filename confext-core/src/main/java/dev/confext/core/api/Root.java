package dev.confext.core.api;

import dev.confext.core.root.PathResolver;
import dev.confext.core.root.RootOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A directory treated as {@code /}: every path given to {@link #resolve} is looked up one component at a
 * time as if this directory were the file system root. Absolute symlink targets start again at the root,
 * {@code ..} never climbs above it, and a resolution that takes more than 128 steps fails with
 * {@link Errno#ELOOP}. Nothing a path resolves to lies outside the root.
 *
 * <p>Immutable and thread-safe.
 */
public final class Root {
    private static final Root HOST = new Root(Path.of("/"));

    private final Path path;

    private Root(Path path) {
        this.path = path;
    }

    /** The caller's own file system root, {@code /}. */
    public static Root host() {
        return HOST;
    }

    /**
     * A root at {@code directory}; a relative path is made absolute against the working directory and
     * normalised textually (symlinks in the root's own path are left to the kernel, as upstream does).
     * A directory that is the same inode as {@code /} (say, a symlink to it) means "no root", as upstream.
     */
    public static Root of(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (absolute.getNameCount() == 0) {
            return HOST;
        }
        try {
            if (Files.isSameFile(absolute, Path.of("/"))) {
                return HOST;
            }
        } catch (IOException e) {
            // Missing or unreadable: keep it; resolving in it will report the error.
        }
        return new Root(absolute);
    }

    /** The root's path in the caller's file system. */
    public Path path() {
        return path;
    }

    /** True for {@code /}. */
    public boolean isHost() {
        return path.getNameCount() == 0;
    }

    /**
     * Resolves {@code path} inside this root.
     *
     * @param path    absolute or relative; both are taken from the root
     * @param options see {@link ResolveOption}
     * @return where the path leads, always inside the root
     * @throws ResolveException with the errno systemd's resolver gives ({@code ENOENT}, {@code ELOOP} after
     *                          128 steps, {@code ENOTDIR}, {@code EINVAL} for a component over 255 bytes or an
     *                          empty symlink target, {@code EISDIR}/{@code ELOOP}/{@code EBADFD} for
     *                          {@link ResolveOption#REGULAR}, {@code EBADSLT} for contradicting type demands, ...)
     */
    public ResolvedPath resolve(String path, ResolveOption... options) throws ResolveException {
        Set<ResolveOption> set = EnumSet.noneOf(ResolveOption.class);
        set.addAll(Arrays.asList(options));
        PathResolver.Result result = PathResolver.resolve(this.path, path, set);
        return new ResolvedPath(this, result.path(), result.exists());
    }

    /**
     * Opens {@code path} inside this root and keeps a descriptor on the inode it leads to, so the caller can
     * read exactly what was resolved even if the tree changes afterwards. Uses the kernel's
     * {@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)} where available, which differs from
     * {@link #resolve} in a few documented corners (the kernel's limit is 40 symlinks rather than 128 steps;
     * {@code /proc} magic links fail with {@link Errno#ELOOP}; see {@code KernelResolver}); elsewhere it
     * resolves like {@link #resolve} and opens the result without following a final symlink.
     *
     * @param path    absolute or relative; both are taken from the root
     * @param options as for {@link #resolve}, except {@link ResolveOption#NONEXISTENT}
     * @return the opened path; close it
     * @throws ResolveException with the errno of the failed step
     * @throws IllegalArgumentException with {@link ResolveOption#NONEXISTENT}
     */
    public OpenedPath open(String path, ResolveOption... options) throws ResolveException {
        Set<ResolveOption> set = EnumSet.noneOf(ResolveOption.class);
        set.addAll(Arrays.asList(options));
        return RootOpener.open(this, path, set);
    }

    /** Textually joins an in-root path to the root, without resolving anything. */
    public Path hostPath(String inRootPath) {
        String relative = inRootPath.startsWith("/") ? inRootPath.substring(1) : inRootPath;
        return relative.isEmpty() ? path : path.resolve(relative);
    }

    /**
     * The in-root form of a host path that lies below this root ({@code "/"} for the root itself), or the
     * host path unchanged when it does not.
     */
    public String toInRootPath(Path hostPath) {
        Path normalised = hostPath.toAbsolutePath().normalize();
        if (isHost()) {
            return normalised.toString();
        }
        if (!normalised.startsWith(path)) {
            return normalised.toString();
        }
        return "/" + path.relativize(normalised);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Root r && r.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
