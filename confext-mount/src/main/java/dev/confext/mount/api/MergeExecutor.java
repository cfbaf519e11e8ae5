package dev.confext.mount.api;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import dev.confext.mount.exec.FileSystemAllowlist;
import dev.confext.mount.exec.MergeSession;
import dev.confext.mount.exec.Unmerger;
import dev.confext.mount.plan.MergePlan;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ImageType;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.verity.api.DissectEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies merge plans to a root with the kernel's mount API. Stateless and reusable: configure with the
 * {@code with...} methods, then call {@link #apply} or {@link #unmerge}.
 *
 * <p>New overlays are assembled as detached mounts in a private mount namespace and appear in the caller's
 * namespace with one {@code move_mount}; a merged hierarchy is replaced atomically (the new overlay goes
 * beneath the old one, then the old one is detached). The caller's namespace keeps the result.
 */
public final class MergeExecutor {
    private final Root root;
    private final ExecutionListener listener;
    private final StepHook hook;
    private final boolean skipBroken;
    private final boolean userspaceVerity;
    private final boolean atomic;
    private final DissectEnvironment dissectEnvironment;

    private MergeExecutor(Root root, ExecutionListener listener, StepHook hook, boolean skipBroken,
            boolean userspaceVerity, boolean atomic, DissectEnvironment dissectEnvironment) {
        this.atomic = atomic;
        this.dissectEnvironment = dissectEnvironment;
        this.root = root;
        this.listener = listener;
        this.hook = hook;
        this.skipBroken = skipBroken;
        this.userspaceVerity = userspaceVerity;
    }

    /** An executor for {@code root} that reports nothing. */
    public static MergeExecutor forRoot(Root root) {
        return new MergeExecutor(root, ExecutionListener.none(), StepHook.none(), false, false, true,
                DissectEnvironment.defaults());
    }

    /** The same executor reporting to {@code listener}. */
    public MergeExecutor withListener(ExecutionListener listener) {
        return new MergeExecutor(root, listener, hook, skipBroken, userspaceVerity, atomic, dissectEnvironment);
    }

    /** The same executor calling {@code hook} after every step (for tests that interrupt a run). */
    public MergeExecutor withStepHook(StepHook hook) {
        return new MergeExecutor(root, listener, hook, skipBroken, userspaceVerity, atomic, dissectEnvironment);
    }

    /** The same executor leaving out images that cannot be mounted instead of failing ({@code --skip-broken}). */
    public MergeExecutor withSkipBroken(boolean skipBroken) {
        return new MergeExecutor(root, listener, hook, skipBroken, userspaceVerity, atomic, dissectEnvironment);
    }

    /**
     * The same executor verifying raw images that have a root hash and a {@code .verity} tree sidecar in
     * userspace, block by block, before mounting them (this system has no device-mapper). A verified image
     * satisfies an image policy that requires verity; a mismatch is fatal for the image.
     */
    public MergeExecutor withUserspaceVerity(boolean verify) {
        return new MergeExecutor(root, listener, hook, skipBroken, verify, atomic, dissectEnvironment);
    }

    /**
     * The same executor replacing a merged hierarchy atomically (the default: the new overlay goes beneath
     * the old one, which is then detached) or, with {@code false}, as upstream does: the old overlay is
     * unmounted first and the new one mounted after, leaving a moment without extensions. The non-atomic
     * way is also what happens on kernels without {@code MOVE_MOUNT_BENEATH}.
     */
    public MergeExecutor withAtomicReplacement(boolean atomicReplacement) {
        return new MergeExecutor(root, listener, hook, skipBroken, userspaceVerity, atomicReplacement,
                dissectEnvironment);
    }

    /**
     * The same executor looking for verity data and checking signatures as {@code environment} says (systemd's
     * {@code $SYSTEMD_DISSECT_VERITY_SIDECAR}, {@code _EMBEDDED}, {@code _SIGNATURE}, {@code _GUESS} and
     * {@code $SYSTEMD_ALLOW_USERSPACE_VERITY}; see {@link DissectEnvironment#of}); all on by default.
     */
    public MergeExecutor withDissectEnvironment(DissectEnvironment environment) {
        return new MergeExecutor(root, listener, hook, skipBroken, userspaceVerity, atomic, environment);
    }

    /**
     * Applies a merge or refresh plan.
     *
     * @param plan      the plan (its paths are relative to this executor's root)
     * @param validator decides on images whose release data is only readable once they are mounted
     * @return what was merged
     * @throws MountException when an image or overlay cannot be mounted or attached; hierarchies already
     *                        merged before stay as they were
     */
    public MergeOutcome apply(MergePlan plan, ImageValidator validator) throws MountException {
        return new MergeSession(plan, root, validator, listener, hook, skipBroken, userspaceVerity, atomic,
                dissectEnvironment).run();
    }

    /**
     * Removes our overlays from {@code hierarchies}.
     *
     * @return the hierarchies that were unmerged
     * @throws MountException when a hierarchy cannot be resolved or unmounted (the others are still tried;
     *                        the first failure is thrown at the end)
     */
    public List<String> unmerge(ExtensionKind kind, List<String> hierarchies) throws MountException {
        Unmerger unmerger = new Unmerger(kind, root, listener, hook);
        List<String> done = new ArrayList<>();
        MountException first = null;
        for (String h : hierarchies) {
            try {
                if (unmerger.unmerge(h)) {
                    done.add(h);
                }
            } catch (MountException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return List.copyOf(done);
    }

    /**
     * The first of {@code hierarchies} that our overlay is mounted on, if any.
     *
     * @throws MountException when the mount table cannot be read
     */
    public Optional<String> firstMerged(ExtensionKind kind, List<String> hierarchies) throws MountException {
        Unmerger probe = new Unmerger(kind, root, listener, hook);
        for (String h : hierarchies) {
            if (probe.isMerged(h)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks without mounting that an image can be mounted at all: a raw image must hold a file system
     * this executor recognises (upstream: "Package not installed" otherwise); {@code .mstack} images are
     * not supported.
     *
     * @throws ImageMountException naming the image and the reason
     */
    public static void checkReadable(DiscoveredImage image) throws ImageMountException {
        checkReadable(image, Map.of());
    }

    /**
     * As {@link #checkReadable(DiscoveredImage)}, and under {@code $SYSTEMD_DISSECT_FILE_SYSTEMS} in
     * {@code environment} (the file system types systemd's dissection may mount, colon-separated) the file
     * system to be mounted must be one of those listed.
     *
     * @throws ImageMountException naming the image and the reason
     */
    public static void checkReadable(DiscoveredImage image, Map<String, String> environment)
            throws ImageMountException {
        if (image.type() == ImageType.MSTACK) {
            throw new ImageMountException(image.name(), "Operation not supported");
        }
        if (image.type() != ImageType.RAW) {
            return;
        }
        Optional<FilesystemType> type;
        try {
            type = FilesystemType.probe(image.path().hostPath());
        } catch (IOException e) {
            throw new ImageMountException(image.name(), e.getMessage());
        }
        if (type.isEmpty()) {
            throw new ImageMountException(image.name(), "Package not installed");
        }
        FileSystemAllowlist.check(image.name(), image.path().hostPath(), environment);
    }
}
