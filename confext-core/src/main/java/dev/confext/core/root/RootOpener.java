package dev.confext.core.root;

import static dev.confext.core.linux.LinuxSyscalls.AT_EMPTY_PATH;
import static dev.confext.core.linux.LinuxSyscalls.O_NOFOLLOW;
import static dev.confext.core.linux.LinuxSyscalls.O_PATH;

import dev.confext.core.api.Errno;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.linux.Statx;
import dev.confext.core.linux.SyscallException;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses how {@link Root#open} opens a path: {@link KernelResolver} when the kernel has {@code openat2};
 * otherwise {@link PathResolver} followed by an {@code O_PATH|O_NOFOLLOW} open of the result (JNA without
 * {@code openat2}); otherwise the resolved path alone ({@link UnpinnedOpenedPath}, no JNA).
 */
public final class RootOpener {
    private RootOpener() {}

    /** Opens {@code path} inside {@code root} by the best means available here. */
    public static OpenedPath open(Root root, String path, Set<ResolveOption> options) throws ResolveException {
        if (options.contains(ResolveOption.NONEXISTENT)) {
            throw new IllegalArgumentException("NONEXISTENT cannot be combined with open()");
        }
        Optional<KernelResolver> kernel = KernelResolver.available();
        if (kernel.isPresent()) {
            return kernel.get().open(root, path, options);
        }
        Optional<LinuxSyscalls> sys = LinuxSyscalls.get();
        return sys.isPresent() ? openResolved(sys.get(), root, path, options) : openUnpinned(root, path, options);
    }

    /** The fallback without JNA: resolve only. */
    static OpenedPath openUnpinned(Root root, String path, Set<ResolveOption> options) throws ResolveException {
        PathResolver.Result result = PathResolver.resolve(root.path(), path, options);
        return new UnpinnedOpenedPath(new ResolvedPath(root, result.path(), true));
    }

    /**
     * The fallback with JNA but without {@code openat2}: resolve in Java, then pin the result with
     * {@code O_NOFOLLOW}. If the last component was replaced by a symlink in between, the open finds a link
     * where the resolver found none and fails with ELOOP instead of following it.
     */
    static OpenedPath openResolved(LinuxSyscalls sys, Root root, String path, Set<ResolveOption> options)
            throws ResolveException {
        PathResolver.Result result = PathResolver.resolve(root.path(), path, options);
        ResolvedPath resolved = new ResolvedPath(root, result.path(), true);
        int fd;
        try {
            fd = sys.open(resolved.hostPath().toString(), O_PATH | O_NOFOLLOW);
        } catch (SyscallException e) {
            throw new ResolveException(e.errnoName(), path, e);
        }
        try {
            Statx st = sys.statx(fd, "", AT_EMPTY_PATH, Statx.STATX_TYPE);
            if (st.isSymbolicLink() && !options.contains(ResolveOption.NOFOLLOW)) {
                throw new ResolveException(Errno.ELOOP, path);
            }
        } catch (SyscallException e) {
            sys.close(fd);
            throw new ResolveException(e.errnoName(), path, e);
        } catch (ResolveException e) {
            sys.close(fd);
            throw e;
        }
        return new DescriptorOpenedPath(resolved, sys, fd);
    }
}
