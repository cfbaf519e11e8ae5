package dev.confext.core.root;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.linux.SyscallException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a path inside a root one component at a time, itself rather than through {@code openat2}, with
 * systemd v260's rules:
 *
 * <ul>
 *   <li>a symlink is read and its target put in front of what is left; an absolute target starts again
 *       at the root; an empty target is EINVAL;</li>
 *   <li>{@code ..} at the root stays at the root (also when the current directory is the root's inode on
 *       the root's mount, which needs the mount id and so JNA); elsewhere it goes to the real parent of the
 *       current directory and drops the last resolved component;</li>
 *   <li>every loop iteration (a component, a {@code ..} even when ignored, a link expansion) is one step;
 *       the 129th step fails with ELOOP, checked before the end of the path is noticed, so 128 plain
 *       components resolve and 129 do not;</li>
 *   <li>a missing component followed by a remainder containing {@code ..} is ENOENT even with
 *       {@link ResolveOption#NONEXISTENT} or {@link ResolveOption#MKDIR};</li>
 *   <li>a component over 255 bytes is EINVAL (the kernel would say ENAMETOOLONG);</li>
 *   <li>a path ending in {@code /}, {@code /.}, {@code /..} (or being {@code .}/{@code ..}) must be a
 *       directory (ENOTDIR).</li>
 * </ul>
 *
 * With JNA it walks by descriptors ({@link DescriptorWalker}: {@code openat(fd, name, O_PATH|O_NOFOLLOW)}
 * per component, as systemd does), so a tree changed during the walk cannot lead it out of the root
 * through a component it already passed. Without JNA it looks names up by host path text
 * ({@link NioWalker}), which is exact for a tree nobody changes meanwhile.
 */
public final class PathResolver {
    /** Steps a resolution may take before it fails with ELOOP (systemd v260's limit). */
    public static final int MAX_STEPS = 128;

    /** A resolved in-root path and whether it exists. */
    public record Result(String path, boolean exists) {}

    /** What one resolution did; for tests comparing resolvers and for diagnostics. */
    public static final class Trace {
        private int steps;
        private int links;

        /** Loop iterations taken (the last one may be the one that noticed the end). */
        public int steps() {
            return steps;
        }

        /** Symlinks expanded. */
        public int links() {
            return links;
        }
    }

    private PathResolver() {}

    /**
     * Resolves {@code path} inside {@code root}.
     *
     * @throws ResolveException as described in {@link dev.confext.core.api.Root#resolve}
     */
    public static Result resolve(Path root, String path, Set<ResolveOption> options) throws ResolveException {
        return resolve(root, path, options, new Trace());
    }

    /** {@link #resolve(Path, String, Set)}, recording what it did in {@code trace}. */
    public static Result resolve(Path root, String path, Set<ResolveOption> options, Trace trace)
            throws ResolveException {
        Optional<LinuxSyscalls> sys = LinuxSyscalls.get();
        try (Walker walker = sys.isPresent() ? new DescriptorWalker(sys.get(), root) : new NioWalker(root)) {
            return resolve(walker, path, options, trace);
        }
    }

    /** Resolves with the {@code java.nio} walker even where JNA is available (for tests comparing both). */
    static Result resolveWithoutDescriptors(Path root, String path, Set<ResolveOption> options, Trace trace)
            throws ResolveException {
        try (Walker walker = new NioWalker(root)) {
            return resolve(walker, path, options, trace);
        }
    }

    /** A result together with an {@code O_PATH} descriptor on the inode it names; the caller closes it. */
    record Pinned(Result result, int fd) {}

    /**
     * Resolves like {@link #resolve(Path, String, Set)} with the descriptor walker and keeps the descriptor of
     * the final inode instead of closing it, so the caller holds exactly what was resolved.
     *
     * @throws IllegalArgumentException with {@link ResolveOption#NONEXISTENT}
     */
    static Pinned resolvePinned(LinuxSyscalls sys, Path root, String path, Set<ResolveOption> options)
            throws ResolveException {
        if (options.contains(ResolveOption.NONEXISTENT)) {
            throw new IllegalArgumentException("NONEXISTENT cannot be pinned");
        }
        try (DescriptorWalker walker = new DescriptorWalker(sys, root)) {
            int[] fd = {-1};
            Result result = resolve(walker, path, options, new Trace(), node -> fd[0] = walker.detach(node));
            return new Pinned(result, fd[0]);
        }
    }

    /** Receives the final node of a successful resolution; it then belongs to the receiver. */
    private interface Keeper {
        void keep(Walker.Node node) throws IOException;
    }

    private static Result resolve(Walker walker, String path, Set<ResolveOption> options, Trace trace)
            throws ResolveException {
        return resolve(walker, path, options, trace, null);
    }

    private static Result resolve(Walker walker, String path, Set<ResolveOption> options, Trace trace, Keeper keeper)
            throws ResolveException {
        Objects.requireNonNull(path, "path");
        if (path.indexOf('\0') >= 0) {
            throw new ResolveException(Errno.EINVAL, path);
        }
        String buffer = stripLeadingSlashes(path);
        if (buffer.isEmpty()) {
            buffer = ".";
        }
        boolean mustBeDirectory = options.contains(ResolveOption.DIRECTORY) || PathText.demandsDirectory(buffer);
        boolean mustBeRegular = options.contains(ResolveOption.REGULAR);
        if (mustBeDirectory && mustBeRegular) {
            throw new ResolveException(Errno.EBADSLT, path);
        }
        boolean noFollow = options.contains(ResolveOption.NOFOLLOW);
        boolean mkdir = options.contains(ResolveOption.MKDIR);
        boolean nonExistent = options.contains(ResolveOption.NONEXISTENT);

        Walker.Node rootNode;
        try {
            rootNode = walker.root();
        } catch (IOException e) {
            throw failure(path, e);
        }
        if (rootNode.type() != Walker.Type.DIRECTORY) {
            throw new ResolveException(Errno.ENOTDIR, path);
        }
        List<String> done = new ArrayList<>();
        Walker.Node current = rootNode;
        String todo = buffer;
        boolean exists = true;
        try {
            for (int steps = 0;; steps++) {
                if (steps > MAX_STEPS) {
                    throw new ResolveException(Errno.ELOOP, path);
                }
                trace.steps = steps + 1;
                PathText.Split split;
                try {
                    split = PathText.first(todo);
                } catch (PathText.NameTooLong e) {
                    throw new ResolveException(Errno.EINVAL, path);
                }
                if (split == null) {
                    break;
                }
                String name = split.component();
                todo = split.rest();

                if (name.equals("..")) {
                    if (done.isEmpty() || walker.isRoot(current)) {
                        continue;
                    }
                    Walker.Node parent = walker.parent(current);
                    walker.release(current);
                    current = parent;
                    done.remove(done.size() - 1);
                    continue;
                }

                Walker.Node child;
                try {
                    child = walker.lookup(current, name);
                } catch (IOException e) {
                    if (!isNoEntry(e)) {
                        throw e;
                    }
                    if (!todo.isEmpty() && !PathText.isSafe(todo)) {
                        throw new ResolveException(Errno.ENOENT, path, e);
                    }
                    if (mkdir && (!todo.isEmpty() || !nonExistent)) {
                        child = walker.mkdir(current, name);
                    } else if (nonExistent) {
                        done.add(todo.isEmpty() ? name : name + "/" + todo);
                        exists = false;
                        break;
                    } else {
                        throw new ResolveException(Errno.ENOENT, path, e);
                    }
                }

                if (child.type() == Walker.Type.SYMLINK && !(noFollow && todo.isEmpty())) {
                    String target;
                    try {
                        target = walker.readLink(child);
                    } finally {
                        walker.release(child);
                    }
                    if (target.isEmpty()) {
                        throw new ResolveException(Errno.EINVAL, path);
                    }
                    trace.links++;
                    if (target.startsWith("/")) {
                        done.clear();
                        walker.release(current);
                        current = rootNode;
                    }
                    todo = PathText.prepend(target, todo);
                    continue;
                }
                done.add(name);
                walker.release(current);
                current = child;
            }
            if (exists) {
                if (mustBeDirectory && current.type() != Walker.Type.DIRECTORY) {
                    throw new ResolveException(Errno.ENOTDIR, path);
                }
                if (mustBeRegular && current.type() != Walker.Type.REGULAR) {
                    Errno errno = current.type() == Walker.Type.DIRECTORY ? Errno.EISDIR
                            : current.type() == Walker.Type.SYMLINK ? Errno.ELOOP : Errno.EBADFD;
                    throw new ResolveException(errno, path);
                }
            }
            if (keeper != null && exists) {
                Walker.Node kept = current;
                current = null;
                keeper.keep(kept);
            }
            return new Result(toPath(done), exists);
        } catch (IOException e) {
            throw failure(path, e);
        } finally {
            walker.release(current);
        }
    }

    private static boolean isNoEntry(IOException e) {
        return e instanceof NoSuchFileException || e instanceof SyscallException s && s.errno() == 2;
    }

    /** Maps an I/O failure of one lookup step to the errno the kernel reported. */
    static ResolveException failure(String path, IOException e) {
        if (e instanceof SyscallException s) {
            return new ResolveException(s.errnoName(), path, e);
        }
        if (e instanceof NoSuchFileException) {
            return new ResolveException(Errno.ENOENT, path, e);
        }
        if (e instanceof AccessDeniedException) {
            return new ResolveException(Errno.EACCES, path, e);
        }
        if (e instanceof NotDirectoryException) {
            return new ResolveException(Errno.ENOTDIR, path, e);
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            for (Errno errno : Errno.values()) {
                if (reason.equals(errno.text())) {
                    return new ResolveException(errno, path, e);
                }
            }
        }
        return new ResolveException(Errno.EIO, path, e);
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    private static String toPath(List<String> done) {
        return done.isEmpty() ? "/" : "/" + String.join("/", done);
    }
}
