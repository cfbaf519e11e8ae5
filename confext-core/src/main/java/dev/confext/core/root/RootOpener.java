package dev.confext.core.root;


import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.linux.LinuxSyscalls;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses how {@link Root#open} opens a path: {@link KernelResolver} when the kernel has {@code openat2};
 * otherwise {@link PathResolver}'s descriptor walk, keeping the final descriptor (JNA without
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
     * The fallback with JNA but without {@code openat2}: the resolver's descriptor walk, keeping the
     * descriptor of the final inode (race-free like the kernel path, with the resolver's rules).
     */
    static OpenedPath openResolved(LinuxSyscalls sys, Root root, String path, Set<ResolveOption> options)
            throws ResolveException {
        PathResolver.Pinned pinned = PathResolver.resolvePinned(sys, root.path(), path, options);
        return new DescriptorOpenedPath(new ResolvedPath(root, pinned.result().path(), true), sys, pinned.fd());
    }
}
