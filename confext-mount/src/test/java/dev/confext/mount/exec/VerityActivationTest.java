package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.PartitionDesignator;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.PlanTestEnvironment;
import dev.confext.mount.api.SampleDiskImage;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VeritySignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which dm-verity activation the image policy leads to (spec §8.2), with a fake activator that records the calls
 * and mounts nothing. Fixture:
 * <pre>
 *   testconf.raw                   the shared signed repart DDI (root, root-verity, root-verity-sig)
 *   root/etc/verity.d/test.crt     its signing certificate (scenarios "certificate trusted")
 *   root/etc/verity.d/other.crt    a self-signed certificate of another key (scenarios "wrong certificate")
 * </pre>
 */
class VerityActivationTest {
    @TempDir
    Path temp;

    private Root root;
    private VerityActivator.Volume volume;
    private Optional<byte[]> signature;

    @BeforeEach
    void readImage() throws Exception {
        Path image = SampleDiskImage.unpack(temp.resolve("testconf.raw"));
        DdiImage ddi = DiskImagePartitions.read("testconf", image, DissectEnvironment.defaults());
        VerityInfo verity = ddi.verity().orElseThrow();
        volume = new VerityActivator.Volume(verity.rootHash(), verity.data(), verity.hash());
        signature = verity.signature().map(VeritySignature::der);
        Files.createDirectories(temp.resolve("root/etc/verity.d"));
        root = Root.of(temp.resolve("root"));
    }

    private void trustSigningCertificate() throws Exception {
        Files.copy(SampleDiskImage.certificate(), temp.resolve("root/etc/verity.d/test.crt"));
    }

    private void trustAnotherCertificate() throws Exception {
        PlanTestEnvironment.requireTool("openssl");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=other",
                "-days", "2", "-keyout", temp.resolve("other.key").toString(), "-out",
                temp.resolve("root/etc/verity.d/other.crt").toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    private Optional<VerityActivation.Result> activate(String policy, FakeVerityActivator activator)
            throws ImageMountException {
        return VerityActivation.activate("testconf", volume, signature, PartitionDesignator.ROOT,
                policy.isEmpty() ? Optional.empty() : Optional.of(policy), root, activator,
                DissectEnvironment.defaults());
    }

    @Test
    void activate_defaultPolicyKernelTrustsSigner_signedByKernel() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        VerityActivation.Result result = activate("", dm).orElseThrow();

        assertEquals(VerityActivation.Trust.SIGNATURE_BY_KERNEL, result.trust());
        assertEquals("/dev/mapper/" + SampleDiskImage.ROOT_HASH + "-verity", result.device().node());
        assertEquals(List.of("activate signed"), dm.calls());
    }

    @Test
    void activate_kernelRefusesCertificateTrusted_signatureCheckedInUserspace() throws Exception {
        trustSigningCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(false);

        VerityActivation.Result result = activate("root=signed", dm).orElseThrow();

        assertEquals(VerityActivation.Trust.SIGNATURE_IN_USERSPACE, result.trust());
        assertEquals(List.of("activate signed", "activate unsigned"), dm.calls());
    }

    @Test
    void activate_signedOnlyPolicyWrongCertificate_isRefusedWithoutActivating() throws Exception {
        trustAnotherCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(false);

        ImageMountException e = assertThrows(ImageMountException.class, () -> activate("root=signed", dm));

        assertTrue(e.getMessage().contains("Image policy 'root=signed' requires a signed root partition, but its"
                + " root hash signature was accepted neither by the kernel (crypt_activate_by_signed_key("), e.getMessage());
        assertTrue(e.getMessage().contains("Required key not available (ENOKEY)) nor by a certificate in verity.d ("),
                e.getMessage());
        assertEquals(List.of("activate signed"), dm.calls());
    }

    @Test
    void activate_noCertificateAtAll_signedOnlyPolicyIsRefused() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(false);
        assertThrows(ImageMountException.class, () -> activate("root=signed", dm));
        assertEquals(List.of("activate signed"), dm.calls());
    }

    @Test
    void activate_verityOrSignedPolicyWrongCertificate_fallsBackToTheRootHash() throws Exception {
        trustAnotherCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(false);

        VerityActivation.Result result = activate("root=verity+signed", dm).orElseThrow();

        assertEquals(VerityActivation.Trust.ROOT_HASH, result.trust());
        assertTrue(result.refused().orElseThrow().contains("accepted neither by the kernel"), result.refused().get());
        assertEquals(List.of("activate signed", "activate unsigned"), dm.calls());
    }

    @Test
    void activate_verityOnlyPolicy_ignoresTheSignature() throws Exception {
        trustSigningCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        VerityActivation.Result result = activate("root=verity", dm).orElseThrow();

        assertEquals(VerityActivation.Trust.ROOT_HASH, result.trust());
        assertEquals(Optional.of("the policy does not allow signed for it"), result.refused());
        assertEquals(List.of("activate unsigned"), dm.calls());
    }

    @Test
    void activate_signedPolicyUnsignedImage_isRefused() throws Exception {
        signature = Optional.empty();
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        ImageMountException e = assertThrows(ImageMountException.class, () -> activate("root=signed+absent", dm));

        assertTrue(e.getMessage().endsWith("Image policy 'root=signed+absent' requires a signed root partition, but"
                + " the image has no root hash signature"), e.getMessage());
        assertEquals(List.of(), dm.calls());
    }

    @Test
    void activate_unprotectedOnlyPolicy_leavesTheImageUnprotected() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true);
        assertEquals(Optional.empty(), activate("root=unprotected", dm));
        assertEquals(List.of(), dm.calls());
    }

    @Test
    void activate_encryptedOnlyPolicy_isRefused() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true);
        ImageMountException e = assertThrows(ImageMountException.class, () -> activate("root=encrypted", dm));
        assertTrue(e.getMessage().contains("allows neither a verity-protected nor an unprotected root partition"),
                e.getMessage());
        assertEquals(List.of(), dm.calls());
    }

    @Test
    void activate_activationFails_namesTheDeviceAndTheCause() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true)
                .failingWith(new MountException("crypt_activate_by_volume_key(x): No such device (ENODEV)"));

        ImageMountException e = assertThrows(ImageMountException.class, () -> activate("root=verity", dm));

        assertTrue(e.getMessage().endsWith("Failed to activate verity device " + SampleDiskImage.ROOT_HASH
                + "-verity: crypt_activate_by_volume_key(x): No such device (ENODEV)"), e.getMessage());
    }

    @Test
    void activate_tamperedData_isRefusedByTheDevice() throws Exception {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(volume.data().file().toFile(), "rw")) {
            f.seek(SampleDiskImage.ROOT_OFFSET + 1200);
            f.write('X');
        }
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        ImageMountException e = assertThrows(ImageMountException.class, () -> activate("root=verity", dm));

        assertTrue(e.getMessage().contains("Failed to activate verity device"), e.getMessage());
    }

    private Optional<VerityActivation.Result> activateUnder(String variable, String policy,
            FakeVerityActivator activator) throws ImageMountException {
        return VerityActivation.activate("testconf", volume, signature, PartitionDesignator.ROOT, Optional.of(policy),
                root, activator, DissectEnvironment.of(Map.of(variable, "0")));
    }

    @Test
    void activate_signatureChecksOffVerityAllowed_activatesByRootHashAlone() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        VerityActivation.Result result = activateUnder("SYSTEMD_DISSECT_VERITY_SIGNATURE", "root=verity+signed", dm)
                .orElseThrow();

        assertEquals(VerityActivation.Trust.ROOT_HASH, result.trust());
        assertEquals(Optional.of("signatures are not checked ($SYSTEMD_DISSECT_VERITY_SIGNATURE is off)"),
                result.refused());
        assertEquals(List.of("activate unsigned"), dm.calls());
    }

    @Test
    void activate_signatureChecksOffSignedOnly_isRefusedWithoutActivating() throws Exception {
        trustSigningCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        ImageMountException e = assertThrows(ImageMountException.class,
                () -> activateUnder("SYSTEMD_DISSECT_VERITY_SIGNATURE", "root=signed", dm));

        assertTrue(e.getMessage().contains("requires a signed root partition, but signatures are not checked"),
                e.getMessage());
        assertEquals(List.of(), dm.calls());
    }

    @Test
    void activate_userspaceSignaturesOffKernelTrustsSigner_stillSignedByKernel() throws Exception {
        FakeVerityActivator dm = FakeVerityActivator.recording(true);

        VerityActivation.Result result = activateUnder("SYSTEMD_ALLOW_USERSPACE_VERITY", "root=signed", dm)
                .orElseThrow();

        assertEquals(VerityActivation.Trust.SIGNATURE_BY_KERNEL, result.trust());
    }

    @Test
    void activate_userspaceSignaturesOffKernelRefuses_certificateInVerityDIsNotConsulted() throws Exception {
        trustSigningCertificate();
        FakeVerityActivator dm = FakeVerityActivator.recording(false);

        ImageMountException e = assertThrows(ImageMountException.class,
                () -> activateUnder("SYSTEMD_ALLOW_USERSPACE_VERITY", "root=signed", dm));
        assertTrue(e.getMessage().contains("and with $SYSTEMD_ALLOW_USERSPACE_VERITY off verity.d is not consulted"),
                e.getMessage());
        assertEquals(List.of("activate signed"), dm.calls());

        FakeVerityActivator fallback = FakeVerityActivator.recording(false);
        VerityActivation.Result result = activateUnder("SYSTEMD_ALLOW_USERSPACE_VERITY", "root=verity+signed", fallback)
                .orElseThrow();
        assertEquals(VerityActivation.Trust.ROOT_HASH, result.trust());
        assertEquals(List.of("activate signed", "activate unsigned"), fallback.calls());
    }
}
