package dev.confext.core.root;

import static dev.confext.core.linux.LinuxSyscalls.AT_EMPTY_PATH;
import static dev.confext.core.linux.LinuxSyscalls.AT_FDCWD;
import static dev.confext.core.linux.LinuxSyscalls.O_DIRECTORY;
import static dev.confext.core.linux.LinuxSyscalls.O_NOFOLLOW;
import static dev.confext.core.linux.LinuxSyscalls.O_PATH;
import static dev.confext.core.linux.LinuxSyscalls.RESOLVE_IN_ROOT;
import static dev.confext.core.linux.LinuxSyscalls.RESOLVE_NO_MAGICLINKS;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.linux.Statx;
import dev.confext.core.linux.SyscallException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a path inside a root with {@code openat2(rootfd, path, O_PATH, RESOLVE_IN_ROOT |
 * RESOLVE_NO_MAGICLINKS)}: the kernel walks the path, keeps {@code ..} and absolute symlinks inside the
 * root and refuses {@code /proc} magic links, so the result cannot escape even if the tree changes during
 * the walk. Stateless and thread-safe.
 *
 * <p>Where it differs from {@link PathResolver} (both are right; callers that need systemd's exact
 * answer use the resolver's path and this class's descriptor):
 * <ul>
 *   <li>the kernel allows 40 symlinks per lookup and no limit on components, the resolver 128 steps
 *       counting components, {@code ..} and link expansions;</li>
 *   <li>a component over 255 bytes is ENAMETOOLONG here, EINVAL there; an empty link target is ENOENT here,
 *       EINVAL there;</li>
 *   <li>magic links ({@code /proc/self/root}, {@code /proc/self/fd/N}, ...) are ELOOP here; the resolver
 *       only sees their text, which it resolves inside the root like any other symlink;</li>
 *   <li>with {@link ResolveOption#NOFOLLOW}, a final symlink followed by {@code /} or {@code /.} is followed
 *       by the kernel (trailing slashes force following) but kept by the resolver (then ENOTDIR).</li>
 * </ul>
 */
public final class KernelResolver {
    private static final int MAX_RETRIES = 32;
    private static final int EAGAIN = 11;
    private static final int ENOSYS = 38;

    private static volatile Boolean supported;

    private final LinuxSyscalls sys;

    private KernelResolver(LinuxSyscalls sys) {
        this.sys = sys;
    }

    /** The resolver, when JNA works and the kernel has {@code openat2} (Linux 5.6+). */
    public static Optional<KernelResolver> available() {
        Optional<LinuxSyscalls> sys = LinuxSyscalls.get();
        if (sys.isEmpty()) {
            return Optional.empty();
        }
        Boolean known = supported;
        if (known == null) {
            known = probe(sys.get());
            supported = known;
        }
        return known ? Optional.of(new KernelResolver(sys.get())) : Optional.empty();
    }

    private static boolean probe(LinuxSyscalls sys) {
        try {
            sys.close(sys.openat2(AT_FDCWD, "/", O_PATH, 0));
            return true;
        } catch (SyscallException e) {
            return e.errno() != ENOSYS;
        }
    }

    /**
     * Opens {@code path} inside {@code root} as an {@code O_PATH} descriptor.
     *
     * @param options {@link ResolveOption#NONEXISTENT} is not allowed (a missing file cannot be opened);
     *                {@link ResolveOption#MKDIR} creates missing directories first with {@link PathResolver}
     * @throws ResolveException with the kernel's errno
     */
    public DescriptorOpenedPath open(Root root, String path, Set<ResolveOption> options) throws ResolveException {
        if (options.contains(ResolveOption.NONEXISTENT)) {
            throw new IllegalArgumentException("NONEXISTENT cannot be combined with open()");
        }
        String text = stripLeadingSlashes(path);
        if (text.isEmpty()) {
            text = ".";
        }
        boolean mustBeDirectory = options.contains(ResolveOption.DIRECTORY) || PathText.demandsDirectory(text);
        boolean mustBeRegular = options.contains(ResolveOption.REGULAR);
        if (mustBeDirectory && mustBeRegular) {
            throw new ResolveException(Errno.EBADSLT, path);
        }
        if (path.indexOf('\0') >= 0) {
            throw new ResolveException(Errno.EINVAL, path);
        }
        if (options.contains(ResolveOption.MKDIR)) {
            Set<ResolveOption> creating = EnumSet.copyOf(options);
            creating.remove(ResolveOption.REGULAR);
            PathResolver.resolve(root.path(), path, creating);
        }
        int rootFd;
        try {
            rootFd = sys.open(root.path().toString(), O_PATH | O_DIRECTORY);
        } catch (SyscallException e) {
            throw new ResolveException(e.errnoName(), path, e);
        }
        try {
            int flags = O_PATH | (options.contains(ResolveOption.NOFOLLOW) ? O_NOFOLLOW : 0)
                    | (mustBeDirectory ? O_DIRECTORY : 0);
            int fd = openat2Retrying(rootFd, text, flags, path);
            try {
                if (mustBeRegular) {
                    checkRegular(fd, path);
                }
                String inRoot = inRootPath(rootFd, fd, root, path, options);
                return new DescriptorOpenedPath(new ResolvedPath(root, inRoot, true), sys, fd);
            } catch (ResolveException | RuntimeException e) {
                sys.close(fd);
                throw e;
            }
        } finally {
            sys.close(rootFd);
        }
    }

    private int openat2Retrying(int rootFd, String text, int flags, String path) throws ResolveException {
        for (int attempt = 0;; attempt++) {
            try {
                return sys.openat2(rootFd, text, flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            } catch (SyscallException e) {
                // EAGAIN: a rename elsewhere raced with a ".." walk; the kernel asks us to try again.
                if (e.errno() != EAGAIN || attempt >= MAX_RETRIES) {
                    throw new ResolveException(e.errnoName(), path, e);
                }
            }
        }
    }

    private void checkRegular(int fd, String path) throws ResolveException {
        Statx st;
        try {
            st = sys.statx(fd, "", AT_EMPTY_PATH, Statx.STATX_TYPE);
        } catch (SyscallException e) {
            throw new ResolveException(e.errnoName(), path, e);
        }
        if (!st.isRegularFile()) {
            throw new ResolveException(st.isDirectory() ? Errno.EISDIR
                    : st.isSymbolicLink() ? Errno.ELOOP : Errno.EBADFD, path);
        }
    }

    /**
     * The opened inode's path relative to the root, from the kernel's own record of both descriptors
     * ({@code /proc/self/fd}). If the kernel's path is not below the root's (the root moved meanwhile, the
     * file was deleted), the pure-Java resolver's answer is used instead.
     */
    private String inRootPath(int rootFd, int fd, Root root, String path, Set<ResolveOption> options)
            throws ResolveException {
        try {
            String rootReal = sys.readlink("/proc/self/fd/" + rootFd);
            String target = sys.readlink("/proc/self/fd/" + fd);
            if (rootReal.equals("/")) {
                if (target.startsWith("/")) {
                    return target;
                }
            } else if (target.equals(rootReal)) {
                return "/";
            } else if (target.startsWith(rootReal + "/")) {
                return target.substring(rootReal.length());
            }
        } catch (SyscallException e) {
            // Fall through to the resolver.
        }
        Set<ResolveOption> plain = EnumSet.noneOf(ResolveOption.class);
        plain.addAll(options);
        plain.remove(ResolveOption.MKDIR);
        return PathResolver.resolve(root.path(), path, plain).path();
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }
}
