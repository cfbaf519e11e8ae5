package dev.confext.core.root;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.linux.LinuxFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a path inside a root one component at a time, in pure Java, with systemd v260's rules:
 *
 * <ul>
 *   <li>a symlink is read and its target put in front of what is left; an absolute target starts again
 *       at the root; an empty target is EINVAL;</li>
 *   <li>{@code ..} at the root stays at the root (also when the current directory is the root's inode on
 *       the root's mount, which needs the mount id and so JNA);</li>
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
 * It looks names up by host path text, so it is not safe against a tree changed concurrently by someone
 * hostile; {@link KernelResolver} is (it lets the kernel do the walk with {@code openat2}).
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

        Node rootNode = stat(root, true, path);
        if (!rootNode.attributes.isDirectory()) {
            throw new ResolveException(Errno.ENOTDIR, path);
        }
        List<String> done = new ArrayList<>();
        Node current = rootNode;
        String todo = buffer;
        boolean exists = true;
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
                if (done.isEmpty() || isRootItself(current, rootNode, path)) {
                    continue;
                }
                if (!current.attributes.isDirectory()) {
                    throw new ResolveException(Errno.ENOTDIR, path);
                }
                done.remove(done.size() - 1);
                current = done.isEmpty() ? rootNode : stat(join(root, done), false, path);
                continue;
            }

            Path here = join(root, done).resolve(name);
            Node child;
            try {
                child = new Node(here, Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            } catch (NoSuchFileException e) {
                if (!todo.isEmpty() && !PathText.isSafe(todo)) {
                    throw new ResolveException(Errno.ENOENT, path, e);
                }
                if (mkdir && (!todo.isEmpty() || !nonExistent)) {
                    mkdir(here, path);
                    child = stat(here, false, path);
                } else if (nonExistent) {
                    done.add(todo.isEmpty() ? name : name + "/" + todo);
                    exists = false;
                    break;
                } else {
                    throw new ResolveException(Errno.ENOENT, path, e);
                }
            } catch (IOException e) {
                throw failure(path, e);
            }

            if (child.attributes.isSymbolicLink() && !(noFollow && todo.isEmpty())) {
                String target;
                try {
                    target = Files.readSymbolicLink(here).toString();
                } catch (IOException e) {
                    throw failure(path, e);
                }
                if (target.isEmpty()) {
                    throw new ResolveException(Errno.EINVAL, path);
                }
                trace.links++;
                if (target.startsWith("/")) {
                    done.clear();
                    current = rootNode;
                }
                todo = PathText.prepend(target, todo);
                continue;
            }
            done.add(name);
            current = child;
        }
        if (exists) {
            if (mustBeDirectory && !current.attributes.isDirectory()) {
                throw new ResolveException(Errno.ENOTDIR, path);
            }
            if (mustBeRegular && !current.attributes.isRegularFile()) {
                Errno errno = current.attributes.isDirectory() ? Errno.EISDIR
                        : current.attributes.isSymbolicLink() ? Errno.ELOOP : Errno.EBADFD;
                throw new ResolveException(errno, path);
            }
        }
        return new Result(toPath(done), exists);
    }

    /** An inode met on the way: where it was found and its attributes (not following a final link). */
    private record Node(Path where, BasicFileAttributes attributes) {}

    /**
     * True when {@code current} (not textually the root) is the root's inode on the root's mount. Only
     * decidable with mount ids (JNA); without them a same-inode directory is assumed to be a bind mount of the
     * root elsewhere and is not treated as the root.
     */
    private static boolean isRootItself(Node current, Node root, String path) throws ResolveException {
        Object key = current.attributes.fileKey();
        if (key == null || !key.equals(root.attributes.fileKey())) {
            return false;
        }
        try {
            Optional<Long> here = LinuxFiles.mountIdNoFollow(current.where);
            Optional<Long> top = LinuxFiles.mountIdNoFollow(root.where.toRealPath());
            return here.isPresent() && here.equals(top);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private static Node stat(Path where, boolean follow, String path) throws ResolveException {
        try {
            BasicFileAttributes attributes = follow
                    ? Files.readAttributes(where, BasicFileAttributes.class)
                    : Files.readAttributes(where, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Node(where, attributes);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private static void mkdir(Path here, String path) throws ResolveException {
        try {
            Files.createDirectory(here, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (FileAlreadyExistsException e) {
            throw new ResolveException(Errno.EEXIST, path, e);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** Maps an I/O failure of one lookup step to the errno the kernel reported. */
    static ResolveException failure(String path, IOException e) {
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

    private static Path join(Path root, List<String> done) {
        Path p = root;
        for (String name : done) {
            p = p.resolve(name);
        }
        return p;
    }

    private static String toPath(List<String> done) {
        return done.isEmpty() ? "/" : "/" + String.join("/", done);
    }
}
