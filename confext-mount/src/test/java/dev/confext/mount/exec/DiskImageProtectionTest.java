package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.SampleDiskImage;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DissectEnvironment;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor checks before mounting a disk image's data partition on a kernel without device-mapper.
 * Nothing is mounted. Fixture:
 * <pre>
 *   testconf.raw                       the shared signed repart DDI (root, root-verity, root-verity-sig)
 *   root/etc/verity.d/test.crt         its signing certificate (only in the scenarios that trust it)
 * </pre>
 */
class DiskImageProtectionTest {
    @TempDir
    Path temp;

    private Path image;
    private Root root;

    @BeforeEach
    void unpack() throws Exception {
        image = SampleDiskImage.unpack(temp.resolve("testconf.raw"));
        Files.createDirectories(temp.resolve("root/etc"));
        root = Root.of(temp.resolve("root"));
    }

    private DiskImageProtection.Outcome check(Optional<String> policy, boolean userspaceVerity) throws Exception {
        DdiImage ddi = DiskImagePartitions.read("testconf", image, DissectEnvironment.defaults());
        return DiskImageProtection.check("testconf", ddi, policy, userspaceVerity, root,
                Optional.of("no device-mapper on this kernel"), DissectEnvironment.defaults());
    }

    private void trustSigningCertificate() throws Exception {
        Files.createDirectories(temp.resolve("root/etc/verity.d"));
        Files.copy(SampleDiskImage.certificate(), temp.resolve("root/etc/verity.d/test.crt"));
    }

    private void tamperWithTheFileSystem() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(SampleDiskImage.ROOT_OFFSET + 1200);
            f.write('X');
        }
    }

    @Test
    void check_defaultPolicyWithoutDeviceMapper_refusesAsSystemdNamingTheOptIn() throws Exception {
        // systemd activates dm-verity for a partition with verity data whenever the policy allows it, and fails
        // the merge when it cannot
        ImageMountException e = assertThrows(ImageMountException.class, () -> check(Optional.empty(), false));
        assertTrue(e.getMessage().contains("no device-mapper on this kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("CONFEXT_USERSPACE_VERITY=yes"), e.getMessage());
    }

    @Test
    void check_unprotectedOnlyPolicy_mountsUnchecked() throws Exception {
        assertEquals(DiskImageProtection.Outcome.UNCHECKED, check(Optional.of("root=unprotected"), false));
    }

    @Test
    void check_defaultPolicyDeviceMapperDeclinedByPolicy_mountsUnchecked() throws Exception {
        DdiImage ddi = DiskImagePartitions.read("testconf", image, DissectEnvironment.defaults());
        assertEquals(DiskImageProtection.Outcome.UNCHECKED, DiskImageProtection.check("testconf", ddi,
                Optional.of("root=unprotected+absent"), false, root, Optional.empty(), DissectEnvironment.defaults()));
    }

    @Test
    void check_defaultPolicyWithUserspaceVerity_verifiesThePartition() throws Exception {
        assertEquals(DiskImageProtection.Outcome.VERIFIED, check(Optional.empty(), true));
    }

    @Test
    void check_verityPolicyWithoutOptIn_refusesNamingTheOptIn() throws Exception {
        ImageMountException e = assertThrows(ImageMountException.class, () -> check(Optional.of("root=verity"), false));
        assertTrue(e.getMessage().contains("no device-mapper"), e.getMessage());
        assertTrue(e.getMessage().contains("CONFEXT_USERSPACE_VERITY=yes"), e.getMessage());
    }

    @Test
    void check_verityPolicyWithOptIn_verifiesThePartition() throws Exception {
        assertEquals(DiskImageProtection.Outcome.VERIFIED, check(Optional.of("root=verity"), true));
    }

    @Test
    void check_tamperedPartition_isRefused() throws Exception {
        tamperWithTheFileSystem();
        ImageMountException e = assertThrows(ImageMountException.class, () -> check(Optional.of("root=verity"), true));
        assertTrue(e.getMessage().contains("verity verification failed"), e.getMessage());
    }

    @Test
    void check_signedPolicyWithoutTrustedCertificate_isRefused() throws Exception {
        ImageMountException e = assertThrows(ImageMountException.class, () -> check(Optional.of("root=signed"), true));
        assertTrue(e.getMessage().contains("requires a signed root partition"), e.getMessage());
    }

    @Test
    void check_signedPolicyWithTrustedCertificate_verifiesSignatureAndPartition() throws Exception {
        trustSigningCertificate();
        assertEquals(DiskImageProtection.Outcome.SIGNED, check(Optional.of("root=signed"), true));
    }

    @Test
    void check_signedPolicyTamperedPartition_isRefusedDespiteTheValidSignature() throws Exception {
        trustSigningCertificate();
        tamperWithTheFileSystem();
        assertThrows(ImageMountException.class, () -> check(Optional.of("root=signed"), true));
    }

    @Test
    void check_encryptedOnlyPolicy_isRefused() throws Exception {
        assertThrows(ImageMountException.class, () -> check(Optional.of("root=encrypted"), true));
        assertThrows(ImageMountException.class, () -> check(Optional.of("root=encrypted"), false));
    }

    @Test
    void dataPartition_sampleImage_isTheRootPartitionAtLba2048() throws Exception {
        DdiImage ddi = DiskImagePartitions.read("testconf", image, DissectEnvironment.defaults());
        assertEquals(SampleDiskImage.ROOT_OFFSET, DiskImagePartitions.dataPartition("testconf", ddi).offset());
        assertEquals(10L * 1024 * 1024, DiskImagePartitions.dataPartition("testconf", ddi).size());
    }

    private DiskImageProtection.Outcome checkUnder(Map<String, String> environment, Optional<String> policy,
            boolean userspaceVerity) throws Exception {
        DissectEnvironment dissect = DissectEnvironment.of(environment);
        DdiImage ddi = DiskImagePartitions.read("testconf", image, dissect);
        return DiskImageProtection.check("testconf", ddi, policy, userspaceVerity, root,
                Optional.of("no device-mapper on this kernel"), dissect);
    }

    private static final Map<String, String> NO_ROOT_HASH = Map.of("SYSTEMD_DISSECT_VERITY_EMBEDDED", "0",
            "SYSTEMD_DISSECT_VERITY_GUESS", "0");

    @Test
    void check_noRootHashKnown_mountsUncheckedUnderAnyPolicyAllowingSomeProtectionAsUpstream() throws Exception {
        // upstream: the table shows verity (and a signature partition), so the policy check passes, but with no
        // root hash no dm-verity is set up and the plain partition is mounted
        for (String policy : new String[] {"root=verity", "root=signed", "root=unprotected", "root=verity+signed"}) {
            assertEquals(DiskImageProtection.Outcome.UNCHECKED, checkUnder(NO_ROOT_HASH, Optional.of(policy), false),
                    policy);
        }
        assertEquals(DiskImageProtection.Outcome.UNCHECKED, checkUnder(NO_ROOT_HASH, Optional.empty(), true));
    }

    @Test
    void check_noRootHashKnownEncryptedOnlyPolicy_isRefused() throws Exception {
        assertThrows(ImageMountException.class, () -> checkUnder(NO_ROOT_HASH, Optional.of("root=encrypted"), false));
    }

    @Test
    void check_embeddedOffOnly_rootHashGuessedSoVerityDataIsStillThere() throws Exception {
        Map<String, String> environment = Map.of("SYSTEMD_DISSECT_VERITY_EMBEDDED", "0");
        ImageMountException e = assertThrows(ImageMountException.class,
                () -> checkUnder(environment, Optional.empty(), false));
        assertTrue(e.getMessage().contains("comes with dm-verity data"), e.getMessage());
        assertEquals(DiskImageProtection.Outcome.VERIFIED, checkUnder(environment, Optional.of("root=verity"), true));
    }

    @Test
    void check_embeddedOffSignedOnlyPolicy_hasNoSignatureToCheck() throws Exception {
        trustSigningCertificate();
        ImageMountException e = assertThrows(ImageMountException.class,
                () -> checkUnder(Map.of("SYSTEMD_DISSECT_VERITY_EMBEDDED", "0"), Optional.of("root=signed"), true));
        assertTrue(e.getMessage().contains("requires a signed root partition"), e.getMessage());
    }

    @Test
    void check_signatureChecksOffSignedOnlyPolicy_countsAsVerityOnlyAndIsRefused() throws Exception {
        trustSigningCertificate();
        ImageMountException e = assertThrows(ImageMountException.class, () -> checkUnder(
                Map.of("SYSTEMD_DISSECT_VERITY_SIGNATURE", "0"), Optional.of("root=signed"), true));
        assertEquals("Failed to read metadata for image testconf: Image policy 'root=signed' requires a signed root"
                + " partition, but signatures are not checked ($SYSTEMD_DISSECT_VERITY_SIGNATURE is off), so it"
                + " counts as verity-protected only", e.getMessage());
    }

    @Test
    void check_signatureChecksOffVerityAllowed_stillVerifiesThePartition() throws Exception {
        assertEquals(DiskImageProtection.Outcome.VERIFIED, checkUnder(Map.of("SYSTEMD_DISSECT_VERITY_SIGNATURE", "0"),
                Optional.of("root=verity+signed"), true));
    }

    @Test
    void check_userspaceSignaturesOffSignedOnlyPolicy_isRefusedDespiteTheTrustedCertificate() throws Exception {
        trustSigningCertificate();
        ImageMountException e = assertThrows(ImageMountException.class, () -> checkUnder(
                Map.of("SYSTEMD_ALLOW_USERSPACE_VERITY", "no"), Optional.of("root=signed"), true));
        assertTrue(e.getMessage().contains("$SYSTEMD_ALLOW_USERSPACE_VERITY is off, leaving its signature to the"
                + " kernel's keyrings"), e.getMessage());
        assertEquals(DiskImageProtection.Outcome.SIGNED, checkUnder(Map.of("SYSTEMD_ALLOW_USERSPACE_VERITY", "yes"),
                Optional.of("root=signed"), true));
    }
}
