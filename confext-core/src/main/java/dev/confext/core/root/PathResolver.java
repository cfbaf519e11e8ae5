package dev.confext.core.root;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Resolves a path inside a root one component at a time, in pure Java: a symlink is read and its target
 * spliced in front of what is left, an absolute target restarts at the root, {@code ..} at the root stays
 * at the root, and every step (component, {@code ..}, link expansion) counts towards a limit of 128.
 */
public final class PathResolver {
    /** Steps a resolution may take before it fails with ELOOP (systemd v260's limit). */
    public static final int MAX_STEPS = 128;
    private static final int MAX_NAME_BYTES = 255;

    /** A resolved in-root path and whether it exists. */
    public record Result(String path, boolean exists) {}

    private PathResolver() {}

    /**
     * Resolves {@code path} inside {@code root}.
     *
     * @throws ResolveException as described in {@link dev.confext.core.api.Root#resolve}
     */
    public static Result resolve(Path root, String path, Set<ResolveOption> options) throws ResolveException {
        Deque<String> todo = new ArrayDeque<>();
        pushFront(todo, path);
        boolean mustBeDirectory = mustBeDirectory(path) || options.contains(ResolveOption.DIRECTORY);
        boolean noFollow = options.contains(ResolveOption.NOFOLLOW);
        List<String> done = new ArrayList<>();
        BasicFileAttributes last = null;
        boolean exists = true;
        int steps = 0;
        while (true) {
            if (steps > MAX_STEPS) {
                throw new ResolveException(Errno.ELOOP, path);
            }
            steps++;
            String name = todo.pollFirst();
            if (name == null) {
                break;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new ResolveException(Errno.EINVAL, path);
            }
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                last = null;
                continue;
            }
            Path here = join(root, done).resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                if (todo.contains("..")) {
                    throw new ResolveException(Errno.ENOENT, path, e);
                }
                if (options.contains(ResolveOption.MKDIR)) {
                    mkdir(here, path);
                    done.add(name);
                    last = null;
                    continue;
                }
                if (options.contains(ResolveOption.NONEXISTENT)) {
                    done.add(name);
                    done.addAll(todo);
                    exists = false;
                    break;
                }
                throw new ResolveException(Errno.ENOENT, path, e);
            } catch (IOException e) {
                throw failure(path, e);
            }
            if (attributes.isSymbolicLink() && !(noFollow && todo.isEmpty())) {
                String target;
                try {
                    target = Files.readSymbolicLink(here).toString();
                } catch (IOException e) {
                    throw failure(path, e);
                }
                if (target.isEmpty()) {
                    throw new ResolveException(Errno.EINVAL, path);
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                pushFront(todo, target);
                last = null;
                continue;
            }
            if (!attributes.isDirectory() && !todo.isEmpty()) {
                throw new ResolveException(Errno.ENOTDIR, path);
            }
            done.add(name);
            last = attributes;
        }
        if (exists) {
            check(root, done, last, path, mustBeDirectory, options.contains(ResolveOption.REGULAR));
        }
        return new Result(toPath(done), exists);
    }

    private static void check(Path root, List<String> done, BasicFileAttributes last, String path,
            boolean mustBeDirectory, boolean mustBeRegular) throws ResolveException {
        if (!mustBeDirectory && !mustBeRegular) {
            return;
        }
        BasicFileAttributes attributes = last;
        if (attributes == null) {
            try {
                attributes = Files.readAttributes(join(root, done), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw failure(path, e);
            }
        }
        if (mustBeDirectory && !attributes.isDirectory()) {
            throw new ResolveException(Errno.ENOTDIR, path);
        }
        if (mustBeRegular && !attributes.isRegularFile()) {
            Errno errno = attributes.isDirectory() ? Errno.EISDIR
                    : attributes.isSymbolicLink() ? Errno.ELOOP : Errno.EBADFD;
            throw new ResolveException(errno, path);
        }
    }

    private static void mkdir(Path here, String path) throws ResolveException {
        try {
            Files.createDirectory(here);
            Files.setPosixFilePermissions(here, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Raced with another creator: use what is there now.
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

    private static void pushFront(Deque<String> todo, String text) {
        String[] names = text.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            String name = names[i];
            if (!name.isEmpty() && !name.equals(".")) {
                todo.addFirst(name);
            }
        }
    }

    private static boolean mustBeDirectory(String path) {
        return path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..")
                || path.equals(".") || path.equals("..");
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
