package dev.confext.mount.exec;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ImageType;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import dev.confext.core.api.Versions;
import dev.confext.mount.api.ExecutionEvent;
import dev.confext.mount.api.ExecutionListener;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.ImageValidator;
import dev.confext.mount.api.KernelException;
import dev.confext.mount.api.MergeOutcome;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.StepHook;
import dev.confext.mount.kernel.Fd;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.kernel.MountAttributes;
import dev.confext.mount.plan.CEscape;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Origin;
import dev.confext.mount.plan.OriginEntry;
import dev.confext.mount.plan.OriginJson;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanFormatException;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.plan.Step;
import dev.confext.mount.plan.Upper;
import dev.confext.core.api.PartitionDesignator;
import dev.confext.core.api.PolicyFlag;
import dev.confext.mount.origin.InvalidRootHashException;
import dev.confext.mount.origin.VeritySidecar;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VeritySignature;
import java.util.OptionalInt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one merge or refresh plan: a single-use, stateful run. Images and overlays are assembled in the
 * private namespace of a {@link MountNamespaceWorker} (staging tmpfs at {@code /run/systemd/sysext}, as
 * upstream), the finished overlay of each hierarchy is cloned into a detached mount tree, and only then is
 * the caller's namespace changed, by one {@code move_mount}: beneath our old overlay when there is one
 * (then the old one is detached), so no reader ever sees the hierarchy without its extensions.
 */
public final class MergeSession {
    private static final String STAGING = PlanPath.STAGING_DIRECTORY;
    private static final int MAX_STACKED = 16;

    private final MergePlan plan;
    private final Root root;
    private final ImageValidator validator;
    private final ExecutionListener listener;
    private final StepHook hook;
    private final boolean skipBroken;
    /** Whether the host itself is merged on an initrd: then {@code /.extra/} images get the strict policy. */
    private final boolean initrdWithoutRoot;
    private final boolean userspaceVerity;
    private final boolean atomicReplacement;
    private final ExtensionKind kind;
    private final VerityActivator verityActivator;
    private final DissectEnvironment dissectEnvironment;
    private final Path staging = Path.of(STAGING);
    /** Why dm-verity cannot be used here (empty: it can), asked once per run. */
    private Optional<String> deviceMapperMissing;

    /** Images that are mounted in the staging area and accepted, by name. */
    private final Map<String, ImageVerdict> accepted = new LinkedHashMap<>();
    private int ignored;
    private boolean used;

    /**
     * A session for one plan.
     *
     * @param dissectEnvironment where verity data is looked for and how signatures are checked
     *                           ({@code $SYSTEMD_DISSECT_VERITY_*}, {@code $SYSTEMD_ALLOW_USERSPACE_VERITY})
     */
    public MergeSession(MergePlan plan, Root root, ImageValidator validator, ExecutionListener listener,
            StepHook hook, boolean skipBroken, boolean userspaceVerity, boolean atomicReplacement,
            DissectEnvironment dissectEnvironment) {
        this(plan, root, validator, listener, hook, skipBroken, userspaceVerity, atomicReplacement,
                DeviceMapperVerity.SYSTEM, dissectEnvironment);
    }

    /** As the public constructor, with the given way of activating dm-verity (tests pass a fake). */
    MergeSession(MergePlan plan, Root root, ImageValidator validator, ExecutionListener listener, StepHook hook,
            boolean skipBroken, boolean userspaceVerity, boolean atomicReplacement, VerityActivator verityActivator,
            DissectEnvironment dissectEnvironment) {
        this.verityActivator = verityActivator;
        this.dissectEnvironment = dissectEnvironment;
        this.plan = plan;
        this.root = root;
        this.validator = validator;
        this.listener = listener;
        this.hook = hook;
        this.skipBroken = skipBroken;
        this.initrdWithoutRoot = root.isHost() && PolicyConstraints.runningInInitrd();
        this.userspaceVerity = userspaceVerity;
        this.atomicReplacement = atomicReplacement;
        this.kind = plan.kind();
    }

    /**
     * Runs the plan.
     *
     * @throws MountException when an image or overlay cannot be mounted; what was merged before stays
     */
    public MergeOutcome run() throws MountException {
        if (used) {
            throw new IllegalStateException("a merge session runs once");
        }
        used = true;
        ignored = plan.images(ImageVerdict.Status.REJECTED).size();
        if (plan.decision() == Decision.SKIP) {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.REPLACE_HIERARCHY, "",
                    "refresh skipped: " + plan.skipCheck().reason()));
            return new MergeOutcome(MergeOutcome.Status.SKIPPED, List.of(), List.of(), names(plan), ignored);
        }
        if (plan.decision() == Decision.NOTHING || plan.decision() == Decision.UNMERGE) {
            // Nothing to merge: a refresh removes what is merged now, a merge leaves everything alone.
            List<String> unmerged = new ArrayList<>();
            Unmerger unmerger = new Unmerger(kind, root, listener, hook);
            for (HierarchyPlan h : plan.hierarchies()) {
                if (h.decision() == Decision.UNMERGE && unmerger.unmerge(h.hierarchy())) {
                    unmerged.add(h.hierarchy());
                }
            }
            return new MergeOutcome(MergeOutcome.Status.NOTHING_FOUND, List.of(), unmerged, List.of(), ignored);
        }
        List<Assembled> assembled = new ArrayList<>();
        try (MountNamespaceWorker worker = MountNamespaceWorker.start()) {
            worker.call(() -> {
                prepareStaging();
                mountImages();
                return null;
            });
            List<String> names = sortedAcceptedNames();
            boolean mutableMode = plan.mutable().mode() != MutableMode.NO;
            if (names.isEmpty() && !mutableMode) {
                return new MergeOutcome(MergeOutcome.Status.NOTHING_FOUND, List.of(), List.of(), List.of(), ignored);
            }
            Optional<String> originText = originText(names);
            if (refreshUnchanged(originText)) {
                listener.on(new ExecutionEvent.StepSkipped(Step.Kind.REPLACE_HIERARCHY, "",
                        "the accepted images give the same origin as the current merge"));
                return new MergeOutcome(MergeOutcome.Status.SKIPPED, List.of(), List.of(), names, ignored);
            }
            listener.on(new ExecutionEvent.ExtensionsSelected(sortedFileNames(), names));
            // A hierarchy configured more than once gets one overlay, mounted again at each further mention (as
            // systemd mounts the same overlay once per mention): the first mention is assembled, later ones clone it.
            Map<Path, Optional<Assembled>> byTarget = new HashMap<>();
            List<Assembled> mentions = new ArrayList<>(); // per mention with an overlay, in configured order
            try {
                for (HierarchyPlan h : plan.hierarchies()) {
                    if (h.overlay().isEmpty()) {
                        continue;
                    }
                    Path target = h.resolved().toHostPath(root.path(), staging);
                    Optional<Assembled> first = byTarget.get(target);
                    if (first == null) {
                        first = worker.call(() -> assemble(h, h.overlay().get(), names, originText));
                        byTarget.put(target, first);
                        first.ifPresent(assembled::add);
                    } else if (first.isPresent()) {
                        Path point = overlayPoint(first.get().plan().hierarchy());
                        first.get().copies().add(worker.call(() -> Kernel.cloneTree(point.toString(), true)));
                    }
                    first.ifPresent(mentions::add);
                }
            } catch (MountException | RuntimeException e) {
                // Nothing was attached yet: the old merge stays, the finished trees are dropped.
                assembled.forEach(Assembled::close);
                throw e;
            }
            // The caller's namespace changes only from here on.
            List<String> merged = new ArrayList<>();
            List<String> unmerged = new ArrayList<>();
            try {
                Map<Assembled, Integer> seen = new java.util.IdentityHashMap<>();
                for (Assembled a : mentions) {
                    int mention = seen.merge(a, 1, Integer::sum);
                    if (mention == 1) {
                        replace(a);
                    } else {
                        Kernel.attach(a.copies().get(mention - 2), a.target().toString());
                        listener.on(new ExecutionEvent.HierarchyMerged(a.plan().hierarchy(), a.target(), true,
                                false));
                    }
                    merged.add(a.plan().hierarchy());
                }
            } finally {
                assembled.forEach(Assembled::close);
            }
            Set<String> mergedSet = new HashSet<>(merged);
            Unmerger unmerger = new Unmerger(kind, root, listener, hook);
            for (HierarchyPlan h : plan.hierarchies()) {
                if (!mergedSet.contains(h.hierarchy()) && unmerger.unmerge(h.hierarchy())) {
                    unmerged.add(h.hierarchy());
                }
            }
            return new MergeOutcome(MergeOutcome.Status.MERGED, merged, unmerged, names, ignored);
        }
    }

    private static List<String> names(MergePlan plan) {
        return plan.images(ImageVerdict.Status.ACCEPTED).stream().map(ImageVerdict::name).toList();
    }

    // ---- step: prepare-staging (private namespace) ----------------------------------------------------

    private void prepareStaging() throws MountException {
        listener.on(new ExecutionEvent.StepStarted(Step.Kind.PREPARE_STAGING, "", STAGING));
        int stale = 0;
        while (MountTable.read().isMountPoint(staging) && stale++ < MAX_STACKED) {
            Kernel.detach(STAGING);
        }
        ImageMounter.mkdirs(staging);
        try (Fd context = Kernel.fsopen("tmpfs")) {
            Kernel.setString(context, "source", kind.word());
            Kernel.setString(context, "mode", "0700");
            Kernel.create(context);
            try (Fd mount = Kernel.fsmount(context, MountAttributes.NODEV | MountAttributes.NOSUID)) {
                Kernel.attach(mount, STAGING);
            }
        }
        hook.afterStep(Step.Kind.PREPARE_STAGING, "");
    }

    // ---- steps: mount-image, validate-image (private namespace) -------------------------------------

    private Path imageMountPoint(String name) {
        return staging.resolve(kind.stagingDirectory()).resolve(name);
    }

    /** The image's path, resolved again inside the root (it is the resolved target already, so no link is left). */
    private ResolvedPath inRoot(ImageVerdict image) throws ImageMountException {
        try {
            return root.resolve(image.path().path());
        } catch (ResolveException e) {
            throw new ImageMountException(image.name(), e.getMessage());
        }
    }

    private void mountImages() throws MountException {
        for (ImageVerdict image : plan.images()) {
            if (image.status() != ImageVerdict.Status.ACCEPTED && image.status() != ImageVerdict.Status.PENDING) {
                continue;
            }
            Path target = imageMountPoint(image.name());
            Path source = image.path().toHostPath(root.path(), staging);
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.MOUNT_IMAGE, image.name(), source.toString()));
            try {
                ImageMounter.mkdirs(target);
                boolean raw = image.type().equals(ImageType.RAW.word()) || image.type().equals(ImageType.BLOCK.word());
                if (raw && image.type().equals(ImageType.RAW.word()) && isDiskImage(source)) {
                    mountDiskImage(image, target);
                } else if (raw) {
                    checkBareImage(image, source);
                    if (!image.type().equals(ImageType.RAW.word())
                            || !mountBareImageWithVerity(image, inRoot(image), target)) {
                        mountBareImage(image, source, target);
                    }
                } else {
                    ImageMounter.mountDirectory(source, target);
                }
            } catch (MountException e) {
                if (!skipBroken) {
                    throw e;
                }
                listener.on(new ExecutionEvent.ImageBroken(image.name(), e.getMessage()));
                continue;
            }
            hook.afterStep(Step.Kind.MOUNT_IMAGE, image.name());
            // Validated under --force too: a raw image with no (or ambiguous) release data is fatal even then
            // (systemd fails reading its metadata); only the compatibility verdict is overridden.
            if (image.status() == ImageVerdict.Status.PENDING) {
                listener.on(new ExecutionEvent.StepStarted(Step.Kind.VALIDATE_IMAGE, image.name(), target.toString()));
                Verdict verdict;
                try {
                    verdict = validator.validate(image.name(), Root.of(target));
                } catch (ConfextException e) {
                    if (!skipBroken) {
                        throw new ImageMountException(image.name(), e.getMessage());
                    }
                    listener.on(new ExecutionEvent.ImageBroken(image.name(), e.getMessage()));
                    continue;
                }
                hook.afterStep(Step.Kind.VALIDATE_IMAGE, image.name());
                if (!verdict.compatible() && !plan.options().force()) {
                    ignored++;
                    listener.on(new ExecutionEvent.ImageIgnored(image.name(), verdict.reason()));
                    continue;
                }
            }
            accepted.put(image.name(), image);
        }
    }

    /** The image-policy rules for a bare image (or block device), before anything is activated or mounted. */
    private void checkBareImage(ImageVerdict image, Path source) throws MountException {
        Optional<PolicyFlag> verity = Optional.empty();
        if (image.type().equals(ImageType.RAW.word())) {
            ResolvedPath inRoot = inRoot(image);
            if (UserspaceVerity.available(inRoot, dissectEnvironment)
                    && sidecarDesignator(image.name(), inRoot) == PartitionDesignator.ROOT) {
                try {
                    verity = Optional.of(VeritySidecar.sidecar(inRoot, ".roothash.p7s").isPresent()
                            ? PolicyFlag.SIGNED : PolicyFlag.VERITY);
                } catch (InvalidRootHashException e) {
                    throw new ImageMountException(image.name(), e.getMessage());
                }
            }
        }
        PolicyConstraints.checkBareImage(image.name(), appliedPolicy(image.name()), source, verity);
    }

    /** The image policy for a raw image: the one that applies to it ({@link #configuredPolicy}), else the kind's default. */
    private PolicyConstraints.Applied appliedPolicy(String name) throws MountException {
        return PolicyConstraints.applied(name, kind, configuredPolicy(name));
    }

    /**
     * The policy configured for image {@code name}, or the strict one systemd applies to {@code /.extra/} images in an
     * initrd ({@link PolicyConstraints#forImage}); empty for the kind's default.
     */
    private Optional<String> configuredPolicy(String name) {
        Optional<String> configured = plan.options().imagePolicy();
        if (!initrdWithoutRoot) {
            return configured;
        }
        return plan.images().stream().filter(i -> i.name().equals(name)).findFirst()
                .flatMap(i -> PolicyConstraints.forImage(kind, configured, true, i.path().path()));
    }

    /**
     * Mounts a bare image (or block device) without device-mapper: verified in userspace first when that was
     * opted into and it has sidecars, else only when the policy allows it unprotected.
     */
    private void mountBareImage(ImageVerdict image, Path source, Path target) throws MountException {
        boolean verified = false;
        ResolvedPath inRoot = inRoot(image);
        if (!userspaceVerity && !deviceMapperUsable() && UserspaceVerity.available(inRoot, dissectEnvironment)
                && VerityActivation.wantsVerity(image.name(), configuredPolicy(image.name()), sidecarDesignator(image.name(),
                        inRoot))) {
            throw new ImageMountException(image.name(), VerityActivation.withoutDeviceMapper("The image",
                    deviceMapperMissing.orElse("no device-mapper")));
        }
        if (userspaceVerity && UserspaceVerity.available(inRoot, dissectEnvironment)) {
            UserspaceVerity.verify(image.name(), inRoot);
            verified = true;
            listener.on(new ExecutionEvent.Notice("Verified image " + image.name()
                    + " against its verity root hash in userspace."));
        }
        if (!verified) {
            checkPolicyAllowsUnprotected(image.name(), UserspaceVerity.available(inRoot, dissectEnvironment)
                    && sidecarDesignator(image.name(), inRoot) == PartitionDesignator.USR);
        }
        ImageMounter.mountRaw(image.name(), source, target, Optional.of(appliedPolicy(image.name())),
                dissectEnvironment);
    }

    /** The partition a bare image's sidecar root hash is for: usr for a {@code usrhash}, else root. */
    private static PartitionDesignator sidecarDesignator(String name, ResolvedPath inRoot) throws ImageMountException {
        try {
            return VeritySidecar.designatedRootHash(inRoot).map(h -> h.designator().equals("usr")
                    ? PartitionDesignator.USR : PartitionDesignator.ROOT).orElse(PartitionDesignator.ROOT);
        } catch (InvalidRootHashException e) {
            throw new ImageMountException(name, e.getMessage());
        }
    }

    /** Whether raw image {@code source} starts with a GPT (unreadable files are left to the mounter to report). */
    private static boolean isDiskImage(Path source) {
        try {
            return FilesystemType.probe(source).filter(t -> t == FilesystemType.GPT).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Mounts the root (else usr) partition of a GPT disk image, after the policy check and, when opted into,
     * userspace verification of the partition. The image is opened once inside the root; the table is read,
     * the partition verified and the loop device attached through that descriptor.
     */
    private void mountDiskImage(ImageVerdict image, Path target) throws MountException {
        ResolvedPath inRoot = inRoot(image);
        try (OpenedPath opened = root.open(inRoot.path(), ResolveOption.REGULAR)) {
            DdiImage ddi = DiskImagePartitions.read(image.name(), opened.procPath(), dissectEnvironment);
            PolicyConstraints.Applied policy = appliedPolicy(image.name());
            PolicyConstraints.checkDefaultPolicyUses(image.name(), kind, ddi);
            PolicyConstraints.checkPartitionTable(image.name(), policy, ddi);
            if (mountDiskImageWithVerity(image, ddi, target)) {
                return;
            }
            DiskImageProtection.Outcome outcome = DiskImageProtection.check(image.name(), ddi,
                    configuredPolicy(image.name()), userspaceVerity, root,
                    deviceMapperUsable() ? Optional.empty() : deviceMapperMissing, dissectEnvironment);
            if (outcome != DiskImageProtection.Outcome.UNCHECKED) {
                listener.on(new ExecutionEvent.Notice("Verified the " + DiskImagePartitions.designatorOf(
                        DiskImagePartitions.dataPartition(image.name(), ddi)) + " partition of image " + image.name()
                        + " against its verity root hash" + (outcome == DiskImageProtection.Outcome.SIGNED
                                ? " and its signature" : "") + " in userspace."));
            }
            ImageMounter.mountRaw(image.name(), opened.procPath(), target, Optional.of(policy), dissectEnvironment);
        } catch (ResolveException e) {
            throw new ImageMountException(image.name(), e.getMessage());
        }
    }

    /** Whether dm-verity devices can be activated here; when not, the reason is told once as a debug notice. */
    private boolean deviceMapperUsable() {
        if (deviceMapperMissing == null) {
            deviceMapperMissing = verityActivator.unavailableReason();
        }
        return deviceMapperMissing.isEmpty();
    }

    /**
     * With device-mapper, activates dm-verity for the data partition of a disk image that has a verity partition
     * for it (as the policy asks) and mounts the verity device.
     *
     * @return false when this does not apply (no device-mapper, no verity partition for the data partition, or
     *         a policy that wants the partition unprotected): the caller mounts it as before
     */
    private boolean mountDiskImageWithVerity(ImageVerdict image, DdiImage ddi, Path target) throws MountException {
        if (!deviceMapperUsable()) {
            return false;
        }
        dev.confext.verity.api.PartitionDesignator designator = DiskImagePartitions.designatorOf(
                DiskImagePartitions.dataPartition(image.name(), ddi));
        Optional<VerityInfo> verity = ddi.verity().filter(v -> v.designator() == designator);
        if (verity.isEmpty()) {
            return false;
        }
        VerityActivator.Volume volume = new VerityActivator.Volume(verity.get().rootHash(), verity.get().data(),
                verity.get().hash());
        Optional<VerityActivation.Result> activated = VerityActivation.activate(image.name(), volume,
                verity.get().signature().map(VeritySignature::der), designator == dev.confext.verity.api
                        .PartitionDesignator.USR ? PartitionDesignator.USR : PartitionDesignator.ROOT,
                configuredPolicy(image.name()), root, verityActivator, dissectEnvironment);
        if (activated.isEmpty()) {
            return false;
        }
        mountActivated(image.name(), activated.get(), target, PolicyConstraints.designatorOf(designator));
        return true;
    }

    /**
     * With device-mapper, activates dm-verity for a bare file system image with a root hash
     * ({@code user.verity.roothash} or {@code <image>.roothash}, else the same for {@code usrhash}) and a
     * {@code <image>.verity} tree next to it (and optionally {@code <image>.roothash.p7s}, else
     * {@code <image>.usrhash.p7s}), as the policy asks for that partition, and mounts the verity device. All of them are
     * opened inside the root.
     *
     * @return false when this does not apply: the caller mounts the image as before
     */
    private boolean mountBareImageWithVerity(ImageVerdict image, ResolvedPath inRoot, Path target)
            throws MountException {
        if (!deviceMapperUsable() || !UserspaceVerity.available(inRoot, dissectEnvironment)) {
            return false;
        }
        String name = image.name();
        try {
            VeritySidecar.DesignatedHash hash = VeritySidecar.designatedRootHash(inRoot).orElseThrow();
            RootHash rootHash = RootHash.parseHex(hash.hex());
            PartitionDesignator designator = hash.designator().equals("usr") ? PartitionDesignator.USR
                    : PartitionDesignator.ROOT;
            ResolvedPath tree = VeritySidecar.sidecar(inRoot, ".verity").orElseThrow();
            Optional<byte[]> signature = Optional.empty();
            Optional<ResolvedPath> signatureFile = VeritySidecar.sidecar(inRoot, ".roothash.p7s");
            if (signatureFile.isEmpty()) {
                signatureFile = VeritySidecar.sidecar(inRoot, ".usrhash.p7s");
            }
            if (signatureFile.isPresent()) {
                try (OpenedPath p7s = root.open(signatureFile.get().path(), ResolveOption.REGULAR)) {
                    byte[] der = Files.readAllBytes(p7s.procPath());
                    if (der.length == 0) {
                        throw new ImageMountException(name, "Root hash signature file "
                                + signatureFile.get().fileName() + " is empty");
                    }
                    signature = Optional.of(der);
                }
            }
            try (OpenedPath data = root.open(inRoot.path(), ResolveOption.REGULAR);
                    OpenedPath hashes = root.open(tree.path(), ResolveOption.REGULAR)) {
                VerityActivator.Volume volume = new VerityActivator.Volume(rootHash,
                        new ImageExtent(data.procPath(), 0, Files.size(data.procPath()), OptionalInt.empty()),
                        new ImageExtent(hashes.procPath(), 0, Files.size(hashes.procPath()), OptionalInt.empty()));
                Optional<VerityActivation.Result> activated = VerityActivation.activate(name, volume, signature,
                        designator, configuredPolicy(name), root, verityActivator, dissectEnvironment);
                if (activated.isEmpty()) {
                    return false;
                }
                mountActivated(name, activated.get(), target, PartitionDesignator.ROOT);
                return true;
            }
        } catch (InvalidRootHashException | ResolveException | VerityException e) {
            throw new ImageMountException(name, e.getMessage());
        } catch (IOException e) {
            throw new ImageMountException(name, "Failed to read verity data: " + e.getMessage());
        }
    }

    /**
     * Mounts an activated verity device, then marks it for removal once unused (also when mounting failed), so
     * that it goes away when the merge is undone. {@code designator} is the partition whose image-policy rule
     * may fix the file system type (root for a bare image, as upstream).
     */
    private void mountActivated(String name, VerityActivation.Result activated, Path target,
            PartitionDesignator designator) throws MountException {
        VerityActivator.Device device = activated.device();
        try {
            ImageMounter.mountBlockDevice(name, device.node(), target, Optional.of(appliedPolicy(name)), designator);
        } finally {
            try {
                verityActivator.release(device);
            } catch (MountException e) {
                listener.on(new ExecutionEvent.Notice("Could not mark verity device " + device.node()
                        + " for removal when unused: " + e.getMessage()));
            }
        }
        String trust = switch (activated.trust()) {
            case SIGNATURE_BY_KERNEL -> "its root hash signature verified by the kernel";
            case SIGNATURE_IN_USERSPACE -> "its root hash signature verified against verity.d in userspace";
            case ROOT_HASH -> "its root hash without a signature";
        };
        listener.on(new ExecutionEvent.Notice("Mounted image " + name + " through dm-verity device " + device.node()
                + (device.reused() ? " (reused)" : "") + ", trusting " + trust
                + activated.refused().map(r -> " (" + r + ")").orElse("") + "."));
    }

    /**
     * Without device-mapper a raw image can only be mounted unprotected; say so when the policy forbids it. A bare
     * file system is the root partition for the policy, as upstream dissects it (its {@code usr} rule is never
     * consulted, so {@code root=verity:usr=unprotected} refuses it); only a sysext image whose sidecar root hash is
     * a {@code usrhash} may fall back to the usr rule.
     */
    private void checkPolicyAllowsUnprotected(String name, boolean usrSidecar) throws MountException {
        Optional<String> configured = configuredPolicy(name);
        Optional<dev.confext.core.api.ImagePolicy> policy = PolicyConstraints.configured(name, configured);
        if (policy.isEmpty()) {
            return;
        }
        dev.confext.core.api.PartitionDesignator designator = kind == ExtensionKind.SYSEXT && usrSidecar
                && !policy.get().allows(PartitionDesignator.ROOT, PolicyFlag.UNPROTECTED)
                ? PartitionDesignator.USR : PartitionDesignator.ROOT;
        if (!policy.get().allows(designator, PolicyFlag.UNPROTECTED)) {
            throw new ImageMountException(name, "Image policy '" + configured.get() + "' requires a"
                    + " protected (verity, signed or encrypted) image, but this system has no device-mapper to"
                    + " activate one (allow userspace verification of the whole image with"
                    + " CONFEXT_USERSPACE_VERITY=yes, which needs <image>.roothash and <image>.verity)");
        }
    }

    private List<String> sortedAcceptedNames() {
        List<String> names = new ArrayList<>(accepted.keySet());
        names.sort(Versions::compare);
        return names;
    }

    private List<String> sortedFileNames() {
        List<String> files = new ArrayList<>();
        for (ImageVerdict v : accepted.values()) {
            files.add(v.fileName());
        }
        files.sort(Versions::compare);
        return files;
    }

    // ---- origin and the refresh-skip after validation ------------------------------------------------

    /** The origin document for the accepted images (the plan's, narrowed to the images actually merged). */
    private Optional<String> originText(List<String> names) {
        if (plan.origin().isEmpty()) {
            return Optional.empty();
        }
        Origin planned = plan.origin().get();
        Map<String, OriginEntry> entries = new LinkedHashMap<>();
        for (String n : names) {
            OriginEntry e = planned.extensions().get(n);
            if (e == null) {
                Optional<OriginEntry> fromVerdict = accepted.get(n).identity();
                if (fromVerdict.isPresent()) {
                    entries.put(n, fromVerdict.get());
                }
            } else {
                entries.put(n, e);
            }
        }
        Origin origin = new Origin(planned.mode(), planned.mutableDirs(), planned.mountOptions(), entries);
        return Optional.of(origin.toJson());
    }

    private boolean refreshUnchanged(Optional<String> originText) throws MountException {
        if (plan.skipCheck().status() != SkipCheck.Status.AFTER_VALIDATION || originText.isEmpty()) {
            return false;
        }
        for (HierarchyPlan h : plan.hierarchies()) {
            if (h.current().isPresent() && h.current().get().origin().isPresent()) {
                try {
                    return OriginJson.sameDocument(h.current().get().origin().get(), originText.get());
                } catch (PlanFormatException e) {
                    throw new MountException("Failed to parse origin of " + h.hierarchy() + ": " + e.getMessage(), e);
                }
            }
        }
        return false;
    }

    // ---- steps: create dirs, mount-overlay, write-metadata, make-read-only, move-submounts ------------

    /**
     * A finished overlay of one hierarchy, cloned into a detached tree that the caller attaches, and into one more
     * for each further mention of the hierarchy in the configuration (added as they come, attached on top of it).
     */
    private record Assembled(HierarchyPlan plan, Path target, Fd tree, List<Fd> copies, Optional<Path> oldWorkDir,
            Optional<Path> newWorkDir) {
        void close() {
            tree.close();
            copies.forEach(Fd::close);
        }
    }

    private Optional<Assembled> assemble(HierarchyPlan h, Overlay overlay, List<String> names,
            Optional<String> originText) throws MountException {
        String hierarchy = h.hierarchy();
        Path target = h.resolved().toHostPath(root.path(), staging);
        Path overlayPoint = overlayPoint(hierarchy);
        Path submounts = staging.resolve("submounts" + hierarchy);

        // What of ours is there now (in this private copy of the namespace): note its workdir, put its
        // sub-mounts aside and take it away here, so that the host layer resolves to the bare directory.
        Optional<Path> oldWorkDir = Optional.empty();
        int removed = 0;
        ImageMounter.mkdirs(submounts);
        List<Path> parked = parkSubmounts(hierarchy, target, submounts);
        while (Hierarchy.isOurs(kind, target) && removed < MAX_STACKED) {
            if (oldWorkDir.isEmpty()) {
                oldWorkDir = Hierarchy.recordedWorkDir(kind, target, root);
            }
            Kernel.tryDetach(target.resolve(kind.metadataDirectory()).toString());
            Kernel.detach(target.toString());
            removed++;
            parked.addAll(parkSubmounts(hierarchy, target, submounts));
        }

        List<Path> lowers = usedLayers(hierarchy, overlay, names);
        boolean extensionLayers = overlay.layers().stream().anyMatch(l -> l.kind() == Layer.Kind.EXTENSION
                && names.contains(l.extension().orElse("")) && lowers.contains(layerPath(hierarchy, l)));
        boolean importLayer = overlay.layers().stream().anyMatch(l -> l.kind() == Layer.Kind.IMPORTED);
        if (!extensionLayers && overlay.upper().isEmpty() && !importLayer
                && plan.mutable().mode() == MutableMode.NO) {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.MOUNT_OVERLAY, hierarchy,
                    "no merged extension has anything in " + hierarchy));
            return Optional.empty();
        }

        // Mutable directories.
        Optional<Path> upper = Optional.empty();
        Optional<Path> work = Optional.empty();
        if (overlay.upper().isPresent()) {
            Upper u = overlay.upper().get();
            Path upperPath = u.path().toHostPath(root.path(), staging);
            if (u.create() || u.kind() == Upper.Kind.EPHEMERAL) {
                createMutableDir(hierarchy, u, upperPath);
            }
            Path planned = u.workdir().toHostPath(root.path(), staging);
            Path chosen = planned;
            if (u.persistent() && oldWorkDir.isPresent() && oldWorkDir.get().equals(planned)) {
                // The old overlay still uses that workdir in the caller's namespace until it is replaced.
                chosen = planned.resolveSibling(planned.getFileName() + "-" + randomHex());
            }
            createWorkDir(hierarchy, chosen);
            upper = Optional.of(upperPath);
            work = Optional.of(chosen);
        }

        Path meta = staging.resolve("meta" + hierarchy);
        ImageMounter.mkdirs(meta.resolve(kind.metadataDirectory()));
        ImageMounter.mkdirs(overlayPoint);
        chmod(upper.orElse(meta), overlay.upper().map(Upper::mode).orElse(overlay.metaMode()));

        listener.on(new ExecutionEvent.StepStarted(Step.Kind.MOUNT_OVERLAY, hierarchy, lowers.toString()));
        OverlayMount spec = new OverlayMount(kind.word(), lowers, upper, work, overlay.flags().readOnly(),
                overlay.flags().nodev(), overlay.flags().nosuid(), overlay.flags().noexec(), overlay.extraOptions());
        spec.mountAt(overlayPoint);
        hook.afterStep(Step.Kind.MOUNT_OVERLAY, hierarchy);
        writeMetadata(hierarchy, overlay, meta, overlayPoint, lowers, names, originText, work);
        if (upper.isPresent()) {
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.MAKE_READ_ONLY, hierarchy,
                    kind.metadataDirectory()));
            Path metaInMerged = overlayPoint.resolve(kind.metadataDirectory());
            try (Fd bind = Kernel.cloneTree(metaInMerged.toString(), false)) {
                Kernel.setAttributes(bind, MountAttributes.RDONLY, 0, false);
                Kernel.attach(bind, metaInMerged.toString());
            }
        } else {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.MAKE_READ_ONLY, hierarchy,
                    "the overlay is mounted read-only as a whole"));
        }
        hook.afterStep(Step.Kind.MAKE_READ_ONLY, hierarchy);
        restoreSubmounts(hierarchy, parked, submounts, overlayPoint);
        Fd tree = Kernel.cloneTree(overlayPoint.toString(), true);
        return Optional.of(new Assembled(h, target, tree, new ArrayList<>(), oldWorkDir, work));
    }

    /** Where the overlay of {@code hierarchy} is put together in the private namespace. */
    private Path overlayPoint(String hierarchy) {
        return staging.resolve("overlay" + hierarchy);
    }

    private Path layerPath(String hierarchy, Layer layer) {
        if (layer.kind() == Layer.Kind.EXTENSION) {
            Path mountPoint = imageMountPoint(layer.extension().orElseThrow());
            try {
                ResolvedPath inImage = Root.of(mountPoint).resolve(hierarchy, ResolveOption.NONEXISTENT);
                return inImage.hostPath();
            } catch (ResolveException e) {
                return layer.path().toHostPath(root.path(), staging);
            }
        }
        return layer.path().toHostPath(root.path(), staging);
    }

    /** The lower directories, top to bottom, without extensions that are not merged or have nothing here. */
    private List<Path> usedLayers(String hierarchy, Overlay overlay, List<String> names) throws MountException {
        List<Path> lowers = new ArrayList<>();
        for (Layer layer : overlay.layers()) {
            if (layer.kind() != Layer.Kind.EXTENSION) {
                lowers.add(layerPath(hierarchy, layer));
                continue;
            }
            String name = layer.extension().orElseThrow();
            if (!names.contains(name)) {
                continue;
            }
            Path mountPoint = imageMountPoint(name);
            ResolvedPath inImage;
            try {
                inImage = Root.of(mountPoint).resolve(hierarchy, ResolveOption.NONEXISTENT);
            } catch (ResolveException e) {
                throw new MountException("Failed to resolve " + hierarchy + " in extension " + name + ": "
                        + e.errno().text(), e);
            }
            Path dir = inImage.hostPath();
            if (!inImage.exists()) {
                continue;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new MountException("Extension " + name + " contains " + hierarchy + ", but it is not a directory");
            }
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    continue;
                }
            } catch (IOException e) {
                throw new MountException("Failed to read " + dir + ": " + e.getMessage(), e);
            }
            lowers.add(dir);
        }
        // Extensions are layered highest-sorting name first.
        return lowers;
    }

    private void createMutableDir(String hierarchy, Upper upper, Path upperPath) throws MountException {
        listener.on(new ExecutionEvent.StepStarted(Step.Kind.CREATE_MUTABLE_DIR, hierarchy, upperPath.toString()));
        try {
            if (upper.kind() == Upper.Kind.EPHEMERAL) {
                Files.createDirectories(upperPath);
            } else {
                root.resolve(upper.path().path(), ResolveOption.MKDIR);
            }
        } catch (IOException | ResolveException e) {
            throw new MountException("Failed to create mutable directory " + upperPath + ": " + e.getMessage(), e);
        }
        chmod(upperPath, upper.mode());
        hook.afterStep(Step.Kind.CREATE_MUTABLE_DIR, hierarchy);
    }

    private void createWorkDir(String hierarchy, Path work) throws MountException {
        listener.on(new ExecutionEvent.StepStarted(Step.Kind.CREATE_WORKDIR, hierarchy, work.toString()));
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new MountException("Failed to create workdir " + work + ": " + e.getMessage(), e);
        }
        chmod(work, 0700);
        hook.afterStep(Step.Kind.CREATE_WORKDIR, hierarchy);
    }

    private void writeMetadata(String hierarchy, Overlay overlay, Path meta, Path mounted, List<Path> lowers,
            List<String> names, Optional<String> originText, Optional<Path> work) throws MountException {
        listener.on(new ExecutionEvent.StepStarted(Step.Kind.WRITE_METADATA, hierarchy, meta.toString()));
        Path dir = meta.resolve(kind.metadataDirectory());
        StringBuilder list = new StringBuilder();
        for (String n : names) {
            list.append(n).append('\n');
        }
        write(dir.resolve(kind.listFile()), list.toString());
        write(dir.resolve("origin"), originText.orElse(overlay.metadata().origin()));
        write(dir.resolve("dev"), Kernel.statx(mounted.toString()).device() + "\n");
        if (work.isPresent() && overlay.upper().map(Upper::persistent).orElse(false)) {
            String relative = root.toInRootPath(work.get());
            if (relative.equals(work.get().toString()) && !root.isHost()) {
                throw new MountException("Workdir " + work.get() + " is outside of the root " + root);
            }
            while (relative.startsWith("/")) {
                relative = relative.substring(1);
            }
            write(dir.resolve("work_dir"), CEscape.escape(relative, false) + "\n");
        }
        Optional<Layer> host = overlay.layers().stream().filter(l -> l.kind() == Layer.Kind.HOST).findFirst();
        if (host.isPresent()) {
            Path hostPath = layerPath(hierarchy, host.get());
            if (lowers.contains(hostPath)) {
                Kernel.StatxResult st = Kernel.statx(hostPath.toString());
                if (st.devMajor() != 0 && Files.exists(Path.of("/sys/dev/block/" + st.device()))) {
                    write(dir.resolve("backing"), st.device() + "\n");
                }
            }
        }
        try {
            Files.setLastModifiedTime(meta, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new MountException("Failed to set the time of " + meta + ": " + e.getMessage(), e);
        }
        hook.afterStep(Step.Kind.WRITE_METADATA, hierarchy);
    }

    private static void write(Path file, String content) throws MountException {
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MountException("Failed to write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void chmod(Path path, int mode) throws MountException {
        Set<PosixFilePermission> perms = new HashSet<>();
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(path, perms);
        } catch (IOException e) {
            throw new MountException("Failed to chmod " + path + ": " + e.getMessage(), e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return hex.toString();
    }

    // ---- sub-mounts ---------------------------------------------------------------------------------

    /** Moves the mounts below {@code target} (not our metadata bind mount) to the parking area. */
    private List<Path> parkSubmounts(String hierarchy, Path target, Path parking) throws MountException {
        List<Path> parked = new ArrayList<>();
        Path ownMeta = target.resolve(kind.metadataDirectory());
        for (Path below : MountTable.read().topMountsBelow(target)) {
            if (below.equals(ownMeta) || below.startsWith(staging)) {
                continue;
            }
            Path relative = target.relativize(below);
            Path to = parking.resolve(relative);
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.MOVE_SUBMOUNTS, hierarchy, below + " (aside)"));
            makeMountPoint(below, to);
            Kernel.move(below.toString(), to.toString());
            parked.add(relative);
        }
        return parked;
    }

    private void restoreSubmounts(String hierarchy, List<Path> parked, Path parking, Path overlayPoint)
            throws MountException {
        if (parked.isEmpty()) {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.MOVE_SUBMOUNTS, hierarchy,
                    "nothing is mounted below " + hierarchy));
            return;
        }
        for (Path relative : parked) {
            Path to = overlayPoint.resolve(relative);
            if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                listener.on(new ExecutionEvent.Notice("Not carrying over the mount at " + hierarchy + "/" + relative
                        + ": its mount point does not exist in the merged tree"));
                continue;
            }
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.MOVE_SUBMOUNTS, hierarchy, relative.toString()));
            Kernel.move(parking.resolve(relative).toString(), to.toString());
        }
        hook.afterStep(Step.Kind.MOVE_SUBMOUNTS, hierarchy);
    }

    private static void makeMountPoint(Path source, Path to) throws MountException {
        try {
            Files.createDirectories(to.getParent());
            if (Files.isDirectory(source)) {
                Files.createDirectories(to);
            } else if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(to);
            }
        } catch (IOException e) {
            throw new MountException("Failed to create mount point " + to + ": " + e.getMessage(), e);
        }
    }

    // ---- steps: replace-hierarchy, unmount-old, remove-workdir (caller's namespace) -----------------

    /**
     * Puts {@code a} at its target in place of what of ours is there; with copies (a hierarchy configured several
     * times, the caller attaches them), everything of ours there is unmounted first.
     */
    private void replace(Assembled a) throws MountException {
        String hierarchy = a.plan().hierarchy();
        Path target = a.target();
        ImageMounter.mkdirsWithMode(target, 0755);
        listener.on(new ExecutionEvent.StepStarted(Step.Kind.REPLACE_HIERARCHY, hierarchy, target.toString()));
        boolean replaced = false;
        boolean atomic = true;
        boolean stacked = Hierarchy.isOurs(kind, target) && MountTable.read().overlaysAt(target, kind.word()) > 1;
        if (!a.copies().isEmpty() || stacked) {
            // Several mounts to replace or to make: unmount everything of ours, then mount the new overlay.
            replaced = Hierarchy.isOurs(kind, target);
            atomic = false;
            if (stacked && a.copies().isEmpty()) {
                // Left stacked by an interrupted run: only the top one could be replaced; start clean instead.
                listener.on(new ExecutionEvent.Notice("Several overlays of ours are stacked at '" + target
                        + "' (an earlier run was interrupted); replacing them non-atomically"));
            }
            new Unmerger(kind, root, listener, hook).unmergeAt(hierarchy, target);
            Kernel.attach(a.tree(), target.toString());
            hook.afterStep(Step.Kind.REPLACE_HIERARCHY, hierarchy);
        } else if (Hierarchy.isOurs(kind, target)) {
            replaced = true;
            boolean beneath = false;
            if (atomicReplacement) {
                try {
                    Kernel.attachBeneath(a.tree(), target.toString());
                    beneath = true;
                } catch (KernelException e) {
                    if (e.errno() != 22 && e.errno() != 38 && e.errno() != 95) {
                        throw e;
                    }
                    listener.on(new ExecutionEvent.Notice("Cannot put the new overlay beneath the old one at '"
                            + target + "' (" + e.getMessage() + "); replacing it non-atomically"));
                }
            }
            if (beneath) {
                hook.afterStep(Step.Kind.REPLACE_HIERARCHY, hierarchy);
                listener.on(new ExecutionEvent.StepStarted(Step.Kind.UNMOUNT_OLD, hierarchy, target.toString()));
                Kernel.detach(target.toString());
                listener.on(new ExecutionEvent.HierarchyUnmerged(hierarchy, target));
                hook.afterStep(Step.Kind.UNMOUNT_OLD, hierarchy);
            } else {
                atomic = false;
                new Unmerger(kind, root, listener, hook).unmergeAt(hierarchy, target);
                Kernel.attach(a.tree(), target.toString());
                hook.afterStep(Step.Kind.REPLACE_HIERARCHY, hierarchy);
            }
        } else {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.UNMOUNT_OLD, hierarchy,
                    "nothing of ours is mounted at " + target));
            Kernel.attach(a.tree(), target.toString());
            hook.afterStep(Step.Kind.REPLACE_HIERARCHY, hierarchy);
        }
        listener.on(new ExecutionEvent.HierarchyMerged(hierarchy, target, replaced, atomic));
        if (a.oldWorkDir().isPresent() && !a.oldWorkDir().equals(a.newWorkDir())) {
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.REMOVE_WORKDIR, hierarchy,
                    a.oldWorkDir().get().toString()));
            try {
                Hierarchy.removeTree(a.oldWorkDir().get());
            } catch (IOException e) {
                listener.on(new ExecutionEvent.Notice("Failed to remove old workdir " + a.oldWorkDir().get() + ": "
                        + e.getMessage()));
            }
            hook.afterStep(Step.Kind.REMOVE_WORKDIR, hierarchy);
        }
        // Ephemeral workdirs live in the staging tmpfs, which only the private namespace had.
        a.newWorkDir().filter(w -> !w.startsWith(staging)).ifPresent(this::removeStaleWorkDirs);
    }

    /**
     * Removes workdirs of ours next to {@code current} ({@code .systemd-<n>-workdir} and its per-merge
     * variants) that no mounted overlay uses any more, e.g. left behind by an interrupted run.
     */
    private void removeStaleWorkDirs(Path current) {
        String base = current.getFileName().toString().replaceFirst("-[0-9a-f]{16}$", "");
        Path parent = current.getParent();
        try (var siblings = Files.list(parent)) {
            MountTable table = MountTable.read();
            for (Path p : siblings.toList()) {
                String name = p.getFileName().toString();
                boolean ours = name.equals(base) || name.matches(java.util.regex.Pattern.quote(base) + "-[0-9a-f]{16}");
                if (ours && !p.equals(current) && !table.mentions(p)) {
                    listener.on(new ExecutionEvent.StepStarted(Step.Kind.REMOVE_WORKDIR, "", p.toString()));
                    Hierarchy.removeTree(p);
                }
            }
        } catch (IOException | MountException e) {
            listener.on(new ExecutionEvent.Notice("Failed to clean up old workdirs in " + parent + ": "
                    + e.getMessage()));
        }
    }
}
