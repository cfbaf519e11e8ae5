package dev.confext.mount.exec;

import dev.confext.core.api.PolicyFlag;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ImagePolicy;
import dev.confext.core.api.PartitionDesignator;
import dev.confext.mount.api.ImageMountException;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.PartitionType;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The image-policy rules checked before mounting, on disk images described in memory (no file is read).
 * The fake images:
 * <pre>
 *   plain     GPT: 1 root-x86-64 (erofs, attributes as given)
 *   withHome  GPT: 1 root-x86-64 (erofs), 2 home (ext4)
 *   verity    GPT: 1 root-x86-64 (erofs), 2 root-x86-64-verity
 *   usrOnly   GPT: 1 usr-x86-64 (erofs)
 *   luksRoot  GPT: 1 root-x86-64 (crypto_LUKS)
 * </pre>
 */
class PolicyConstraintsTest {
    private static final String NAME = "img";

    private static DdiPartition partition(int number, dev.confext.verity.api.PartitionDesignator role,
            long attributes) {
        Optional<Architecture> arch = role.isArchitectureSpecific() ? Optional.of(Architecture.X86_64)
                : Optional.empty();
        return new DdiPartition(number, PartitionType.of(PartitionType.uuidOf(role, arch)), UUID.randomUUID(),
                2048L * number, 2048L * number + 2047, 2048L * 512 * number, 2048L * 512, attributes, role.text());
    }

    /** A GPT image of the given partitions, each with the given file system ("" for none). */
    private static DdiImage image(Map<DdiPartition, String> partitions) {
        Map<dev.confext.verity.api.PartitionDesignator, DdiPartition> selected =
                new EnumMap<>(dev.confext.verity.api.PartitionDesignator.class);
        Map<dev.confext.verity.api.PartitionDesignator, String> fileSystems =
                new EnumMap<>(dev.confext.verity.api.PartitionDesignator.class);
        partitions.forEach((p, fs) -> {
            selected.put(p.type().designator().orElseThrow(), p);
            if (!fs.isEmpty()) {
                fileSystems.put(p.type().designator().orElseThrow(), fs);
            }
        });
        return new DdiImage(Path.of("img.raw"), DdiImage.Layout.GPT, 512, Optional.of(UUID.randomUUID()),
                List.copyOf(partitions.keySet()), selected, Optional.empty(), fileSystems, List.of());
    }

    private static DdiImage plain(long rootAttributes) {
        return image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, rootAttributes), "erofs"));
    }

    private static PolicyConstraints.Applied policy(String text) throws Exception {
        return new PolicyConstraints.Applied(ImagePolicy.parse(text, true), text);
    }

    private static String refusal(String policy, DdiImage image) {
        return assertThrows(ImageMountException.class,
                () -> PolicyConstraints.checkPartitionTable(NAME, policy(policy), image)).reason();
    }

    private static String bareRefusal(String policy, boolean luks) {
        return assertThrows(ImageMountException.class,
                () -> PolicyConstraints.checkBareImage(NAME, policy(policy), luks)).reason();
    }

    // ---- GPT flags ------------------------------------------------------------------------------------

    @Test
    void checkPartitionTable_readOnlyOnWithoutTheFlag_isRefused() {
        String reason = refusal("root=read-only-on", plain(0));
        assertEquals("Image does not match image policy: partition root has the GPT 'read-only' flag off, but policy"
                + " 'root=read-only-on' requires it on", reason);
    }

    @Test
    void checkPartitionTable_readOnlyOnWithTheFlag_passes() {
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME, policy("root=read-only-on"),
                plain(DdiPartition.FLAG_READ_ONLY)));
    }

    @Test
    void checkPartitionTable_readOnlyOffWithTheFlag_isRefused() {
        assertTrue(refusal("root=read-only-off", plain(DdiPartition.FLAG_READ_ONLY))
                .contains("'read-only' flag on, but policy 'root=read-only-off' requires it off"));
    }

    @Test
    void checkPartitionTable_growfsOnWithoutTheFlag_isRefused() {
        assertTrue(refusal("root=growfs-on", plain(DdiPartition.FLAG_READ_ONLY))
                .contains("'growfs' flag off, but policy 'root=growfs-on' requires it on"));
    }

    @Test
    void checkPartitionTable_growfsOffWithTheFlag_isRefused() {
        assertTrue(refusal("root=growfs-off", plain(DdiPartition.FLAG_GROWFS))
                .contains("'growfs' flag on, but policy 'root=growfs-off' requires it off"));
    }

    @Test
    void checkPartitionTable_bothReadOnlyWords_meanDontCare() {
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME,
                policy("root=read-only-on+read-only-off"), plain(0)));
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME,
                policy("root=read-only-on+read-only-off"), plain(DdiPartition.FLAG_READ_ONLY)));
    }

    @Test
    void checkPartitionTable_defaultRuleFlags_applyToAnUnlistedPartitionThatIsUsed() {
        DdiImage withReadOnlyHome = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.HOME, DdiPartition.FLAG_READ_ONLY), "ext4"));
        assertTrue(refusal("=read-only-off", withReadOnlyHome).contains("partition home has the GPT 'read-only'"));
    }

    @Test
    void checkPartitionTable_flagsOfAnIgnoredPartition_areNotChecked() {
        DdiImage withReadOnlyHome = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.HOME, DdiPartition.FLAG_READ_ONLY), "ext4"));
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME, policy("root=read-only-off"),
                withReadOnlyHome));
    }

    @Test
    void checkPartitionTable_verityPartitionInheritsTheDataPartitionsFlagRule() {
        DdiImage verity = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, DdiPartition.FLAG_READ_ONLY), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.ROOT_VERITY, 0), ""));
        assertTrue(refusal("root=verity+read-only-on", verity).contains("partition root-verity has the GPT"
                + " 'read-only' flag off"));
    }

    // ---- absent / unused --------------------------------------------------------------------------------

    @Test
    void checkPartitionTable_absentOnlyPartitionThatExists_isRefused() {
        DdiImage withHome = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.HOME, 0), "ext4"));
        assertEquals("Image does not match image policy: partition home exists, but policy 'root=open:home=absent'"
                + " requires it to be absent", refusal("root=open:home=absent", withHome));
    }

    @Test
    void checkPartitionTable_requiredPartitionMissing_isRefused() {
        assertTrue(refusal("root=open:usr=unprotected", plain(0))
                .contains("partition usr is absent, but policy 'root=open:usr=unprotected' requires it (unprotected)"));
    }

    @Test
    void checkPartitionTable_verityPolicyWithoutVerityPartition_isRefusedForTheMissingVerityPartition() {
        assertTrue(refusal("root=verity", plain(0)).contains("partition root-verity is absent"));
    }

    @Test
    void checkPartitionTable_mountedPartitionIgnoredByThePolicy_isNoSuchDevice() {
        String reason = refusal("root=unused+absent", plain(0));
        assertTrue(reason.startsWith("No such device or address: "), reason);
    }

    @Test
    void checkPartitionTable_kindDefaults_passAPlainImage() {
        for (ExtensionKind kind : ExtensionKind.values()) {
            assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME,
                    PolicyConstraints.applied(NAME, kind, Optional.empty()), plain(DdiPartition.FLAG_GROWFS)));
        }
    }

    @Test
    void checkDefaultPolicyUses_confextUsrOnlyImage_isRefused() {
        DdiImage usrOnly = image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.USR, 0), "erofs"));
        ImageMountException e = assertThrows(ImageMountException.class,
                () -> PolicyConstraints.checkDefaultPolicyUses(NAME, ExtensionKind.CONFEXT, usrOnly));
        assertTrue(e.reason().startsWith("No such device or address: the confext default image policy"), e.reason());
    }

    @Test
    void checkDefaultPolicyUses_sysextUsrOnlyImage_passes() {
        DdiImage usrOnly = image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.USR, 0), "erofs"));
        assertDoesNotThrow(() -> PolicyConstraints.checkDefaultPolicyUses(NAME, ExtensionKind.SYSEXT, usrOnly));
    }

    // ---- LUKS ---------------------------------------------------------------------------------------------

    @Test
    void checkPartitionTable_luksRootWithPolicyWithoutEncrypted_saysThePolicyForbidsIt() {
        DdiImage luks = image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "crypto_LUKS"));
        assertEquals("Image does not match image policy: partition root is encrypted (LUKS), but policy"
                + " 'root=unprotected' does not allow 'encrypted' for it", refusal("root=unprotected", luks));
    }

    @Test
    void checkPartitionTable_luksRootWithDefaultPolicy_saysEncryptionIsNotSupported() throws Exception {
        DdiImage luks = image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "crypto_LUKS"));
        ImageMountException e = assertThrows(ImageMountException.class, () -> PolicyConstraints.checkPartitionTable(
                NAME, PolicyConstraints.applied(NAME, ExtensionKind.CONFEXT, Optional.empty()), luks));
        assertEquals("Required key not available: partition root is encrypted (LUKS), and encrypted partitions are"
                + " not supported (no LUKS unlocking)", e.reason());
    }

    @Test
    void checkPartitionTable_luksHomeIgnoredByThePolicy_passes() {
        DdiImage luksHome = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.HOME, 0), "crypto_LUKS"));
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME, policy("root=unprotected"), luksHome));
    }

    @Test
    void checkPartitionTable_luksHomeUsedByThePolicy_isRefused() {
        DdiImage luksHome = image(Map.of(
                partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, 0), "erofs",
                partition(2, dev.confext.verity.api.PartitionDesignator.HOME, 0), "crypto_LUKS"));
        assertTrue(refusal("root=unprotected:home=encrypted", luksHome).startsWith("Required key not available:"
                + " partition home is encrypted"));
    }

    // ---- bare images ------------------------------------------------------------------------------------

    @Test
    void checkBareImage_readOnlyOn_isRefusedAsABareImageHasNoFlags() {
        assertTrue(bareRefusal("root=squashfs+read-only-on", false)
                .contains("partition root has the GPT 'read-only' flag off"));
    }

    @Test
    void checkBareImage_growfsOn_isRefused() {
        assertTrue(bareRefusal("root=growfs-on", false).contains("'growfs' flag off"));
    }

    @Test
    void checkBareImage_readOnlyOffGrowfsOff_passes() {
        assertDoesNotThrow(() -> PolicyConstraints.checkBareImage(NAME, policy("root=read-only-off+growfs-off"),
                false));
    }

    @Test
    void checkBareImage_rootAbsentOnly_isRefused() {
        assertTrue(bareRefusal("root=absent", false).contains("partition root exists, but policy 'root=absent'"
                + " requires it to be absent"));
    }

    @Test
    void checkBareImage_ignoreEverything_isRefused() {
        assertTrue(bareRefusal("-", false).contains("policy '-' ignores partition root"));
        assertTrue(bareRefusal("", false).contains("policy '' ignores partition root"));
    }

    @Test
    void checkBareImage_luksWithUnprotectedOnlyPolicy_saysThePolicyForbidsIt() {
        assertTrue(bareRefusal("root=unprotected", true).contains("does not allow 'encrypted'"));
    }

    @Test
    void checkBareImage_luksWithEncryptedPolicy_saysEncryptionIsNotSupported() {
        assertTrue(bareRefusal("root=encrypted", true).startsWith("Required key not available"));
    }

    @Test
    void checkBareImage_luksPolicyCheckComesBeforeTheFlagCheck() {
        assertTrue(bareRefusal("root=unprotected+read-only-on", true).contains("does not allow 'encrypted'"));
    }

    private static String bareVerityRefusal(Path dir, String policy, PolicyFlag found) throws Exception {
        Path image = Files.write(dir.resolve("img.raw"), new byte[4096]);
        return assertThrows(ImageMountException.class, () -> PolicyConstraints.checkBareImage(NAME, policy(policy),
                image, Optional.of(found))).reason();
    }

    @Test
    void checkBareImage_signedSidecarsUnprotectedOnlyPolicy_isRefusedAsUpstreamSeesSigned(@TempDir Path dir)
            throws Exception {
        assertEquals("Image does not match image policy: partition root is signed (its root hash, .verity tree and"
                + " signature are next to the image), but policy 'root=unprotected' allows it only as: unprotected",
                bareVerityRefusal(dir, "root=unprotected", PolicyFlag.SIGNED));
    }

    @Test
    void checkBareImage_signedSidecarsVerityOnlyPolicy_isRefused(@TempDir Path dir) throws Exception {
        assertTrue(bareVerityRefusal(dir, "root=verity", PolicyFlag.SIGNED).contains("partition root is signed"));
        assertTrue(bareVerityRefusal(dir, "root=signed", PolicyFlag.VERITY)
                .contains("partition root is verity-protected"));
    }

    @Test
    void checkBareImage_verityDataThePolicyAllows_passes(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("img.raw"), new byte[4096]);
        assertDoesNotThrow(() -> PolicyConstraints.checkBareImage(NAME, policy("root=signed"), image,
                Optional.of(PolicyFlag.SIGNED)));
        assertDoesNotThrow(() -> PolicyConstraints.checkBareImage(NAME, policy("root=verity+unprotected"), image,
                Optional.of(PolicyFlag.VERITY)));
        assertDoesNotThrow(() -> PolicyConstraints.checkBareImage(NAME, policy("root=unprotected"), image,
                Optional.empty()));
        assertDoesNotThrow(() -> PolicyConstraints.checkBareImage(NAME,
                new PolicyConstraints.Applied(ImagePolicy.defaultFor(ExtensionKind.CONFEXT), "default"), image,
                Optional.of(PolicyFlag.SIGNED)));
    }

    // ---- file systems -------------------------------------------------------------------------------------

    @Test
    void checkFileSystem_singleFileSystemOther_isRefused() throws Exception {
        ImageMountException e = assertThrows(ImageMountException.class, () -> PolicyConstraints.checkFileSystem(NAME,
                policy("root=unprotected+erofs"), PartitionDesignator.ROOT, "squashfs"));
        assertEquals("Invalid argument: partition root holds squashfs, but policy 'root=unprotected+erofs' requires"
                + " erofs", e.reason());
    }

    @Test
    void checkFileSystem_singleFileSystemSame_passes() {
        assertDoesNotThrow(() -> PolicyConstraints.checkFileSystem(NAME, policy("root=unprotected+squashfs"),
                PartitionDesignator.ROOT, "squashfs"));
    }

    @Test
    void checkFileSystem_severalFileSystems_constrainNothingAsUpstream() {
        assertDoesNotThrow(() -> PolicyConstraints.checkFileSystem(NAME, policy("root=erofs+ext4"),
                PartitionDesignator.ROOT, "squashfs"));
    }

    @Test
    void checkFileSystem_defaultRuleFileSystem_appliesToUsr() {
        assertThrows(ImageMountException.class, () -> PolicyConstraints.checkFileSystem(NAME, policy("=erofs"),
                PartitionDesignator.USR, "squashfs"));
    }

    @Test
    void checkFileSystem_otherPartitionsRule_doesNotApply() {
        assertDoesNotThrow(() -> PolicyConstraints.checkFileSystem(NAME, policy("root=open:usr=erofs"),
                PartitionDesignator.ROOT, "squashfs"));
    }

    @Test
    void checkPartitionTable_fileSystemPin_isLeftToTheMountStep() {
        assertDoesNotThrow(() -> PolicyConstraints.checkPartitionTable(NAME, policy("root=squashfs"), plain(0)));
    }

    // ---- properties ---------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> flagRules() {
        return Arbitraries.of("", "read-only-on", "read-only-off", "read-only-on+read-only-off", "growfs-on",
                "growfs-off", "read-only-on+growfs-off", "read-only-off+growfs-on");
    }

    /** A partition passes the flag rules exactly when each flag's state is one the rule allows. */
    @Property(tries = 200)
    void checkPartitionTable_flagRuleAgreesWithTheBits(@ForAll("flagRules") String rule, @ForAll boolean readOnly,
            @ForAll boolean growfs) throws Exception {
        long attributes = (readOnly ? DdiPartition.FLAG_READ_ONLY : 0) | (growfs ? DdiPartition.FLAG_GROWFS : 0);
        String text = rule.isEmpty() ? "root=open" : "root=open+" + rule;
        boolean readOnlyOk = !rule.contains("read-only-") || rule.contains(readOnly ? "read-only-on" : "read-only-off");
        boolean growfsOk = !rule.contains("growfs-") || rule.contains(growfs ? "growfs-on" : "growfs-off");
        boolean passed;
        try {
            PolicyConstraints.checkPartitionTable(NAME, policy(text), plain(attributes));
            passed = true;
        } catch (ImageMountException e) {
            assertTrue(e.reason().startsWith("Image does not match image policy: partition root has the GPT"),
                    e.reason());
            passed = false;
        }
        assertEquals(readOnlyOk && growfsOk, passed, text + " with read-only=" + readOnly + " growfs=" + growfs);
    }

    /** Any policy string that parses gives a verdict on any image, never an unchecked exception. */
    @Property(tries = 300)
    void checkPartitionTable_anyPolicy_givesAVerdict(@ForAll("policies") String text, @ForAll boolean luks,
            @ForAll long attributes) throws Exception {
        DdiImage image = image(Map.of(partition(1, dev.confext.verity.api.PartitionDesignator.ROOT, attributes),
                luks ? "crypto_LUKS" : "erofs"));
        try {
            PolicyConstraints.checkPartitionTable(NAME, policy(text), image);
            PolicyConstraints.checkBareImage(NAME, policy(text), luks);
            PolicyConstraints.checkFileSystem(NAME, policy(text), PartitionDesignator.ROOT, "erofs");
        } catch (ImageMountException e) {
            assertTrue(!e.reason().isEmpty() && !e.reason().contains("\n"), e.reason());
        }
    }

    @Provide
    Arbitrary<String> policies() {
        Arbitrary<String> flag = Arbitraries.of("verity", "signed", "encrypted", "unprotected", "unused", "absent",
                "open", "ignore", "read-only-on", "read-only-off", "growfs-on", "growfs-off", "erofs", "squashfs",
                "ext4");
        Arbitrary<String> flags = flag.list().ofMinSize(0).ofMaxSize(4).uniqueElements()
                .map(l -> l.isEmpty() ? "-" : String.join("+", l));
        Arbitrary<String> designator = Arbitraries.of("root", "usr", "home", "root-verity", "");
        return Arbitraries.entries(designator, flags).list().ofMinSize(1).ofMaxSize(3)
                .uniqueElements(e -> e.getKey())
                .map(l -> String.join(":", l.stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    @Test
    void forImage_configuredPolicy_winsEverywhere() {
        assertEquals(Optional.of("root=unprotected"), PolicyConstraints.forImage(ExtensionKind.SYSEXT,
                Optional.of("root=unprotected"), true, "/.extra/sysext/a.raw"));
    }

    @Test
    void forImage_notAnInitrdOrNotBelowExtra_kindsDefault() {
        assertEquals(Optional.empty(),
                PolicyConstraints.forImage(ExtensionKind.SYSEXT, Optional.empty(), false, "/.extra/sysext/a.raw"));
        assertEquals(Optional.empty(), PolicyConstraints.forImage(ExtensionKind.SYSEXT, Optional.empty(), true,
                "/var/lib/extensions/a.raw"));
    }

    /** systemd-stub's directories get the strict policy: a signed image, or no such partition. */
    @Test
    void forImage_initrdExtensionBelowExtra_signedOnly() throws Exception {
        for (String path : List.of("/.extra/sysext/a.raw", "/.extra/global_sysext/a.raw", "/.extra/confext/a.raw",
                "/.extra/global_confext/a.raw")) {
            ImagePolicy policy = ImagePolicy.parse(PolicyConstraints.forImage(ExtensionKind.CONFEXT, Optional.empty(),
                    true, path).orElseThrow(), true);
            assertTrue(policy.allows(PartitionDesignator.ROOT, PolicyFlag.SIGNED), path);
            assertTrue(!policy.allows(PartitionDesignator.ROOT, PolicyFlag.VERITY)
                    && !policy.allows(PartitionDesignator.ROOT, PolicyFlag.UNPROTECTED), path);
        }
    }

    /** Anything else below /.extra is refused whatever it is. */
    @Test
    void forImage_initrdOtherDirectoryBelowExtra_deniesEverything() throws Exception {
        ImagePolicy policy = ImagePolicy.parse(PolicyConstraints.forImage(ExtensionKind.SYSEXT, Optional.empty(), true,
                "/.extra/elsewhere/a.raw").orElseThrow(), true);
        for (PolicyFlag flag : List.of(PolicyFlag.SIGNED, PolicyFlag.VERITY, PolicyFlag.UNPROTECTED,
                PolicyFlag.ENCRYPTED)) {
            assertTrue(!policy.allows(PartitionDesignator.ROOT, flag) && !policy.allows(PartitionDesignator.USR, flag),
                    flag.toString());
        }
    }
}
