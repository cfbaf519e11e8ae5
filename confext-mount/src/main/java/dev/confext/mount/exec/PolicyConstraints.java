package dev.confext.mount.exec;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ImagePolicy;
import dev.confext.core.api.PartitionDesignator;
import dev.confext.core.api.PolicyFlag;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The image-policy rules other than verity and signatures, checked where systemd's image dissection checks
 * them (systemd 262): which partitions may exist at all, the GPT read-only and grow-file-system flags, LUKS
 * encryption, and the file-system constraint. Stateless.
 *
 * <ul>
 *   <li>A partition whose only use flag is {@code absent} must not exist; one that is only {@code unused} (or
 *       {@code ignore}d) is left alone; one the policy wants but the image lacks is refused.</li>
 *   <li>{@code read-only-on}/{@code -off} and {@code growfs-on}/{@code -off} are compared with GPT attribute
 *       bits 60 and 59 of every partition used; a bare file system has no partition entry and counts as
 *       having both bits off.</li>
 *   <li>A LUKS volume ({@code crypto_LUKS}) is refused: for a policy that does not allow {@code encrypted}
 *       because of the policy, otherwise because this library does not unlock LUKS.</li>
 *   <li>File systems: as upstream, a policy that names exactly one file system for the partition fixes its type
 *       (upstream mounts it as that type without probing, so other contents fail to mount; here another type is
 *       refused when the device is about to be mounted); a policy that names several, or none, constrains
 *       nothing.</li>
 * </ul>
 */
final class PolicyConstraints {
    /** The summary systemd prints for every policy violation found while dissecting. */
    static final String MISMATCH = "Image does not match image policy";

    private static final String LUKS = "crypto_LUKS";
    private static final Set<PolicyFlag> IGNORED = EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT);
    /** What a partition that is present may be used as, as far as the table alone tells (verity added if found). */
    private static final Set<PolicyFlag> PRESENT = EnumSet.of(PolicyFlag.ENCRYPTED,
            PolicyFlag.ENCRYPTED_WITH_INTEGRITY, PolicyFlag.UNPROTECTED, PolicyFlag.UNUSED);

    /**
     * A parsed policy and the text to name it by in messages.
     *
     * @param policy the policy
     * @param text   as configured, or the kind's default spelled out
     */
    record Applied(ImagePolicy policy, String text) {}

    private PolicyConstraints() {}

    /**
     * The policy a merge applies to a raw image: the configured one, else the kind's default.
     *
     * @throws ImageMountException when the configured policy does not parse
     */
    static Applied applied(String name, ExtensionKind kind, Optional<String> configured) throws ImageMountException {
        Optional<ImagePolicy> parsed = configured(name, configured);
        if (parsed.isEmpty()) {
            ImagePolicy policy = ImagePolicy.defaultFor(kind);
            return new Applied(policy, policy.toString());
        }
        return new Applied(parsed.get(), configured.get());
    }

    /**
     * The policy text that applies to one image, as systemd picks it: the configured one; else, when the running
     * system is an initrd and the merge is of the host itself (no {@code --root}), for an image below
     * {@code /.extra/} (where systemd-stub puts extensions it found on the unprotected ESP), the strict policy of
     * {@link ImagePolicy#select} (signed images only, or nothing at all outside the four extension directories);
     * else empty, meaning the kind's default.
     *
     * @param imagePath the image's resolved path inside the root
     */
    static Optional<String> forImage(ExtensionKind kind, Optional<String> configured, boolean initrdWithoutRoot,
            String imagePath) {
        if (configured.isPresent() || !initrdWithoutRoot || !imagePath.startsWith("/.extra/")) {
            return configured;
        }
        return Optional.of(ImagePolicy.select(kind, Optional.empty(), true, false, imagePath).toString());
    }

    /**
     * Whether the running system is an initrd, as systemd decides it: {@code $SYSTEMD_IN_INITRD} when it is a
     * boolean, else whether {@code /etc/initrd-release} exists (on the running system, not inside a root).
     */
    static boolean runningInInitrd() {
        String forced = System.getenv("SYSTEMD_IN_INITRD");
        if (forced != null) {
            switch (forced.toLowerCase(java.util.Locale.ROOT)) {
                case "1", "yes", "y", "true", "t", "on":
                    return true;
                case "0", "no", "n", "false", "f", "off":
                    return false;
                default:
                    break;
            }
        }
        return java.nio.file.Files.exists(java.nio.file.Path.of("/etc/initrd-release"));
    }

    /**
     * The configured policy, parsed strictly as the command line's is; empty when none is configured.
     *
     * @throws ImageMountException when it does not parse
     */
    static Optional<ImagePolicy> configured(String name, Optional<String> text) throws ImageMountException {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImagePolicy.parse(text.get(), true));
        } catch (ConfextException e) {
            throw new ImageMountException(name, e.getMessage());
        }
    }

    /**
     * Whether a configured policy allows {@code flag} for {@code designator}; without one, whether the default
     * does, which for the root and usr partitions of a merged image is every protection and none.
     */
    static boolean allows(Optional<ImagePolicy> configured, PartitionDesignator designator, PolicyFlag flag) {
        return configured.isEmpty() || configured.get().allows(designator, flag);
    }

    /**
     * Checks that the kind's default policy uses the partition a merge would mount. Upstream reads every image's
     * metadata under that policy before merging, whatever policy is configured, so a confext disk image whose
     * only data partition is usr (which the confext default ignores) fails there.
     *
     * @throws ImageMountException when the default policy ignores that partition, or there is no root or usr
     *                             partition
     */
    static void checkDefaultPolicyUses(String name, ExtensionKind kind, DdiImage image) throws ImageMountException {
        PartitionDesignator mounted =
                designatorOf(DiskImagePartitions.designatorOf(DiskImagePartitions.dataPartition(name, image)));
        Set<PolicyFlag> use = useFlags(ImagePolicy.defaultFor(kind).flagsFor(mounted));
        if (IGNORED.containsAll(use)) {
            throw new ImageMountException(name, "No such device or address: the " + kind.word() + " default image"
                    + " policy, under which the image's metadata is read, ignores its " + mounted.word()
                    + " partition and it has no root partition");
        }
    }

    /**
     * Checks a partitioned image (GPT) as systemd's dissection does, before anything is activated or mounted:
     * partitions that must be absent or present, GPT flags of every partition used, and LUKS on the data
     * partitions used. The protection (verity, signature) of the partition a merge mounts is left to the caller,
     * and its file system to {@link #checkFileSystem} when it is mounted.
     *
     * @throws ImageMountException naming the first rule broken, or when the image has no root or usr partition
     */
    static void checkPartitionTable(String name, Applied applied, DdiImage image) throws ImageMountException {
        dev.confext.verity.api.PartitionDesignator mounted =
                DiskImagePartitions.designatorOf(DiskImagePartitions.dataPartition(name, image));
        for (PartitionDesignator designator : PartitionDesignator.values()) {
            dev.confext.verity.api.PartitionDesignator role = role(designator);
            Optional<DdiPartition> partition = image.selected(role);
            Set<PolicyFlag> flags = applied.policy().flagsFor(designator);
            if (partition.isEmpty()) {
                if (!flags.contains(PolicyFlag.ABSENT)) {
                    throw refused(name, "partition " + designator.word() + " is absent, but policy '" + applied.text()
                            + "' requires it (" + words(useFlags(flags)) + ")");
                }
                continue;
            }
            if (!used(name, applied, designator, flags)) {
                if (role == mounted) {
                    throw new ImageMountException(name, "No such device or address: policy '" + applied.text()
                            + "' ignores partition " + designator.word() + ", the one a merge would mount");
                }
                continue;
            }
            if (role != mounted) {
                Set<PolicyFlag> found = EnumSet.copyOf(PRESENT);
                role.verity().filter(v -> image.selected(v).isPresent()).ifPresent(v -> found.add(PolicyFlag.VERITY));
                role.signature().filter(s -> image.selected(s).isPresent()).ifPresent(s -> found.add(PolicyFlag.SIGNED));
                found.retainAll(flags);
                if (found.isEmpty()) {
                    throw refused(name, "partition " + designator.word() + " exists, but policy '" + applied.text()
                            + "' allows it only as: " + words(useFlags(flags)));
                }
            }
            checkGptFlags(name, applied, designator, partition.get().attributes());
        }
        for (PartitionDesignator designator : PartitionDesignator.values()) {
            if (designator.dataPartition().isEmpty()
                    && LUKS.equals(image.fileSystems().get(role(designator)))
                    && used(name, applied, designator, applied.policy().flagsFor(designator))) {
                checkEncrypted(name, applied, designator, true);
            }
        }
    }

    /**
     * As {@link #checkBareImage(String, Applied, boolean)}, reading the image's first bytes to tell a LUKS volume;
     * an unreadable image is left to the mounter to report. When the image comes with verity data for its root,
     * upstream sees the partition as exactly {@code signed} (with a signature sidecar) or {@code verity}
     * (without), so the policy must allow that one; an image policy allowing only {@code unprotected} refuses
     * it, as does {@code verity} alone for a signed one.
     *
     * @param verity {@link PolicyFlag#SIGNED} or {@link PolicyFlag#VERITY} when a root hash and a {@code .verity}
     *               tree for the root come with the image (and sidecars are looked for); empty otherwise
     */
    static void checkBareImage(String name, Applied applied, Path image, Optional<PolicyFlag> verity)
            throws ImageMountException {
        Optional<FilesystemType> type;
        try {
            type = FilesystemType.probe(image);
        } catch (IOException e) {
            type = Optional.empty();
        }
        if (verity.isPresent()) {
            Set<PolicyFlag> flags = applied.policy().flagsFor(PartitionDesignator.ROOT);
            if (used(name, applied, PartitionDesignator.ROOT, flags) && !flags.contains(verity.get())) {
                throw refused(name, "partition root is " + (verity.get() == PolicyFlag.SIGNED
                        ? "signed (its root hash, .verity tree and signature are next to the image)"
                        : "verity-protected (its root hash and .verity tree are next to the image)")
                        + ", but policy '" + applied.text() + "' allows it only as: " + words(useFlags(flags)));
            }
        }
        checkBareImage(name, applied, type.filter(t -> t == FilesystemType.LUKS).isPresent());
    }

    /**
     * Checks a bare image (a file system or LUKS volume without a partition table), which upstream treats as the
     * root partition with no GPT flags set.
     *
     * @param luks whether the image starts with a LUKS header
     * @throws ImageMountException naming the first rule broken
     */
    static void checkBareImage(String name, Applied applied, boolean luks) throws ImageMountException {
        PartitionDesignator root = PartitionDesignator.ROOT;
        Set<PolicyFlag> flags = applied.policy().flagsFor(root);
        if (!used(name, applied, root, flags)) {
            throw refused(name, "policy '" + applied.text() + "' ignores partition root, and a bare file system"
                    + " image has no other");
        }
        if (luks) {
            checkEncrypted(name, applied, root, false);
        }
        checkGptFlags(name, applied, root, 0);
        if (luks) {
            checkEncrypted(name, applied, root, true);
        }
    }

    /**
     * Checks the file system found on the partition (or verity device) about to be mounted against a policy that
     * fixes its type; upstream does this last, after protection and activation.
     *
     * @param type the file system's type name ({@code erofs}, {@code squashfs}, {@code ext4}: any ext2/3/4, as
     *             the ext4 driver that upstream's pin mounts with takes them all)
     * @throws ImageMountException when the policy names exactly one file system and it is another one
     */
    static void checkFileSystem(String name, Applied applied, PartitionDesignator designator, String type)
            throws ImageMountException {
        Set<PolicyFlag> fileSystems = applied.policy().flagsFor(designator).stream().filter(PolicyFlag::isFileSystem)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PolicyFlag.class)));
        if (fileSystems.size() != 1) {
            return;
        }
        String required = fileSystems.iterator().next().word();
        if (!required.equals(type)) {
            throw new ImageMountException(name, "Invalid argument: partition " + designator.word() + " holds "
                    + type + ", but policy '" + applied.text() + "' requires " + required);
        }
    }

    /**
     * The policy designator of the partition a merge mounts ({@code root} or {@code usr}).
     */
    static PartitionDesignator designatorOf(dev.confext.verity.api.PartitionDesignator mounted) {
        return mounted == dev.confext.verity.api.PartitionDesignator.USR ? PartitionDesignator.USR
                : PartitionDesignator.ROOT;
    }

    /** Whether a partition that exists is used: refused when only absent is allowed, skipped when only unused. */
    private static boolean used(String name, Applied applied, PartitionDesignator designator, Set<PolicyFlag> flags)
            throws ImageMountException {
        Set<PolicyFlag> use = useFlags(flags);
        if (use.equals(EnumSet.of(PolicyFlag.ABSENT))) {
            throw refused(name, "partition " + designator.word() + " exists, but policy '" + applied.text()
                    + "' requires it to be absent");
        }
        return !IGNORED.containsAll(use);
    }

    private static void checkGptFlags(String name, Applied applied, PartitionDesignator designator, long attributes)
            throws ImageMountException {
        Set<PolicyFlag> flags = applied.policy().flagsFor(designator);
        checkGptFlag(name, applied, designator, "read-only", (attributes & DdiPartition.FLAG_READ_ONLY) != 0,
                flags.contains(PolicyFlag.READ_ONLY_ON), flags.contains(PolicyFlag.READ_ONLY_OFF));
        checkGptFlag(name, applied, designator, "growfs", (attributes & DdiPartition.FLAG_GROWFS) != 0,
                flags.contains(PolicyFlag.GROWFS_ON), flags.contains(PolicyFlag.GROWFS_OFF));
    }

    private static void checkGptFlag(String name, Applied applied, PartitionDesignator designator, String flag,
            boolean set, boolean onAllowed, boolean offAllowed) throws ImageMountException {
        if (set ? onAllowed : offAllowed) {
            return;
        }
        if (!onAllowed && !offAllowed) {
            return; // an absent-only rule says nothing about flags; reaching here means the partition is not used
        }
        throw refused(name, "partition " + designator.word() + " has the GPT '" + flag + "' flag " + (set ? "on" : "off")
                + ", but policy '" + applied.text() + "' requires it " + (set ? "off" : "on"));
    }

    /**
     * A LUKS volume: refused by a policy that does not allow encryption ({@code unlock == false} checks only
     * that), else refused because this library cannot unlock it.
     */
    private static void checkEncrypted(String name, Applied applied, PartitionDesignator designator, boolean unlock)
            throws ImageMountException {
        Set<PolicyFlag> flags = applied.policy().flagsFor(designator);
        if (!flags.contains(PolicyFlag.ENCRYPTED) && !flags.contains(PolicyFlag.ENCRYPTED_WITH_INTEGRITY)) {
            throw refused(name, "partition " + designator.word() + " is encrypted (LUKS), but policy '"
                    + applied.text() + "' does not allow 'encrypted' for it");
        }
        if (unlock) {
            throw new ImageMountException(name, "Required key not available: partition " + designator.word()
                    + " is encrypted (LUKS), and encrypted partitions are not supported (no LUKS unlocking)");
        }
    }

    private static ImageMountException refused(String name, String detail) {
        return new ImageMountException(name, MISMATCH + ": " + detail);
    }

    private static Set<PolicyFlag> useFlags(Set<PolicyFlag> flags) {
        return flags.stream().filter(PolicyFlag::isUseFlag)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PolicyFlag.class)));
    }

    private static String words(Set<PolicyFlag> flags) {
        if (flags.isEmpty()) {
            return "nothing";
        }
        return flags.stream().map(PolicyFlag::word).collect(Collectors.joining("+"));
    }

    /** The DDI role of a policy designator (the two enums share their words). */
    private static dev.confext.verity.api.PartitionDesignator role(PartitionDesignator designator) {
        for (dev.confext.verity.api.PartitionDesignator d : dev.confext.verity.api.PartitionDesignator.values()) {
            if (d.text().equals(designator.word())) {
                return d;
            }
        }
        throw new IllegalArgumentException("no partition role for " + designator.word());
    }
}
