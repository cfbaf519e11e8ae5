package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.mount.api.PlanTestEnvironment;
import dev.confext.mount.api.SampleDiskImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor mounting verity-protected images through "device-mapper", in a child mount namespace. This kernel
 * has no device-mapper, so {@code --fake-dm} gives the executor a {@link FakeVerityActivator} that checks the data
 * against the root hash and hands out a read-only loop device of it, which the executor mounts for real. Fixture:
 * <pre>
 *   T/testconf.raw, T/other.crt             prepared here; the script copies what the scenario needs into R
 *   R/etc/hostfile
 *   R/etc/verity.d/{test.crt | other.crt}   the signing certificate, or one of another key
 *   R/var/lib/confexts/testconf.raw         the shared signed repart DDI: etc/testconf.conf
 *   R/var/lib/confexts/sidecar.{raw, verity, roothash, roothash.p7s}   the shared bare erofs with sidecars
 * </pre>
 */
class VerityMergeTest {
    private static final String SETUP = String.join("\n",
            "R=$T/r",
            "mkdir -p $R/etc/verity.d $R/var/lib/confexts",
            "echo host > $R/etc/hostfile",
            "read_etc() { cat $R/etc/hostfile; for f in testconf.conf blob.bin; do test -r $R/etc/$f && echo read $f;"
                    + " done; echo mounts: $(grep -c \" $R/etc \" /proc/self/mountinfo); }");

    @TempDir
    Path temp;

    @BeforeEach
    void prepare() throws Exception {
        ExecTestEnvironment.requireMounting();
        ExecTestEnvironment.requireTool("openssl", "openssl");
        SampleDiskImage.unpack(temp.resolve("testconf.raw"));
        Path sidecars = PlanTestEnvironment.shared().resolve("vectors/sidecar");
        for (String suffix : new String[] {".raw", ".verity", ".roothash", ".roothash.p7s"}) {
            Files.copy(sidecars.resolve("sidecar" + suffix), temp.resolve("sidecar" + suffix),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(SampleDiskImage.certificate(), temp.resolve("test.crt"));
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=other",
                "-days", "2", "-keyout", temp.resolve("other.key").toString(), "-out", temp.resolve("other.crt")
                        .toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    private NamespaceScript.Result run(String... lines) throws Exception {
        return NamespaceScript.run(temp, SETUP + "\n" + String.join("\n", lines), 120);
    }

    @Test
    void merge_signedDdiKernelRefusesTrustedCertificate_mountsTheVerityDeviceAfterUserspaceCheck() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/test.crt $R/etc/verity.d/",
                "$EXEC $R merge --fake-dm=untrusting --policy=root=signed || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("fake-dm: activate signed " + SampleDiskImage.ROOT_HASH + "-verity\n"
                + "fake-dm: activate unsigned " + SampleDiskImage.ROOT_HASH + "-verity\n"), out);
        assertTrue(out.matches("(?s).*Mounted image testconf through dm-verity device /dev/loop[0-9]+, trusting its root"
                + " hash signature verified against verity.d in userspace\\..*"), out);
        assertTrue(out.contains("fake-dm: release " + SampleDiskImage.ROOT_HASH + "-verity"), out);
        assertTrue(out.contains("outcome MERGED [testconf]"), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
    }

    @Test
    void merge_signedDdiKernelTrustsSigner_signatureCheckedByTheKernelOnly() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("fake-dm: activate signed"), out);
        assertFalse(out.contains("fake-dm: activate unsigned"), out);
        assertTrue(out.contains("trusting its root hash signature verified by the kernel."), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
    }

    @Test
    void merge_wrongCertificateSignedOnlyPolicy_refusesAndLeavesEtcAlone() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/other.crt $R/etc/verity.d/",
                "$EXEC $R merge --fake-dm=untrusting --policy=root=signed; echo exit=$?",
                "read_etc");
        String out = r.output();
        assertTrue(out.contains("error: Failed to read metadata for image testconf: Image policy 'root=signed' requires"
                + " a signed root partition, but its root hash signature was accepted neither by the kernel"), out);
        assertTrue(out.contains("exit=1"), out);
        assertFalse(out.contains("fake-dm: activate unsigned"), out);
        assertTrue(out.contains("host\nmounts: 0"), out);
    }

    @Test
    void merge_wrongCertificateVerityAllowed_mountsByRootHashAlone() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/other.crt $R/etc/verity.d/",
                "$EXEC $R merge --fake-dm=untrusting --policy=root=verity+signed || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("fake-dm: activate signed " + SampleDiskImage.ROOT_HASH + "-verity\n"
                + "fake-dm: activate unsigned " + SampleDiskImage.ROOT_HASH + "-verity\n"), out);
        assertTrue(out.contains("trusting its root hash without a signature (its root hash signature was accepted"
                + " neither by the kernel"), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
    }

    @Test
    void merge_bareImageWithSidecars_mountsTheVerityDevice() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/sidecar.raw $T/sidecar.verity $T/sidecar.roothash $T/sidecar.roothash.p7s $R/var/lib/confexts/",
                "cp $T/test.crt $R/etc/verity.d/",
                "$EXEC $R merge --fake-dm=untrusting --policy=root=signed || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("fake-dm: activate unsigned 235fede29376f3c8b3c9e705f9426b84a5f44963784a891d0e4668489de"
                + "3556c-verity"), out);
        assertTrue(out.contains("Mounted image sidecar through dm-verity device /dev/loop"), out);
        assertTrue(out.contains("host\nread blob.bin\nmounts: 1"), out);
    }

    @Test
    void merge_withoutDeviceMapper_refusesVerityDataUnlessUnprotectedOrVerifiedInUserspace() throws Exception {
        // systemd (whatever its build) fails an image with verity data when it cannot activate dm-verity
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/test.crt $R/etc/verity.d/",
                "$EXEC $R merge --fake-dm=absent --policy=root=verity; echo exit=$?",
                "read_etc",
                "$EXEC $R merge --fake-dm=absent; echo exit=$?",
                "read_etc",
                "$EXEC $R merge --fake-dm=absent --policy=root=unprotected || exit 10",
                "read_etc",
                "$EXEC $R unmerge || exit 11",
                "$EXEC $R merge --fake-dm=absent --userspace-verity || exit 12",
                "read_etc");
        String out = r.output();
        assertTrue(out.contains("comes with dm-verity data, so systemd would activate dm-verity for it, but this"
                + " system cannot"), out);
        assertTrue(out.contains("exit=1\nhost\nmounts: 0\n"), out);
        assertTrue(out.contains("outcome MERGED [testconf]"), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
        assertTrue(out.contains("Verified the root partition of image testconf against its verity root hash in"
                + " userspace."), out);
        assertFalse(out.contains("dm-verity device"), out);
        assertEquals(0, r.exitStatus(), out);
    }

    @Test
    void merge_signatureChecksOff_signatureIsNotUsedSoOnlyAVerityPolicyMerges() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/test.crt $R/etc/verity.d/",
                "export SYSTEMD_DISSECT_VERITY_SIGNATURE=0",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed; echo exit=$?",
                "read_etc",
                "$EXEC $R merge --fake-dm=trusting --policy=root=verity+signed || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("Image policy 'root=signed' requires a signed root partition, but signatures are not"
                + " checked ($SYSTEMD_DISSECT_VERITY_SIGNATURE is off)\nexit=1\nhost\nmounts: 0\n"), out);
        assertFalse(out.contains("fake-dm: activate signed"), out);
        assertTrue(out.contains("fake-dm: activate unsigned " + SampleDiskImage.ROOT_HASH + "-verity\n"), out);
        assertTrue(out.contains("trusting its root hash without a signature (signatures are not checked"), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
    }

    @Test
    void merge_userspaceSignaturesOff_onlyTheKernelMayAcceptTheSignature() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/ && cp $T/test.crt $R/etc/verity.d/",
                "SYSTEMD_ALLOW_USERSPACE_VERITY=0 $EXEC $R merge --fake-dm=untrusting --policy=root=signed; echo exit=$?",
                "read_etc");
        String out = r.output();
        assertTrue(out.contains("requires a signed root partition, but its root hash signature was not accepted by"
                + " the kernel ("), out);
        assertTrue(out.contains("and with $SYSTEMD_ALLOW_USERSPACE_VERITY off verity.d is not consulted"), out);
        assertTrue(out.contains("exit=1\nhost\nmounts: 0\n"), out);
        assertFalse(out.contains("fake-dm: activate unsigned"), out);
        assertEquals(0, r.exitStatus(), out);
    }

    @Test
    void merge_embeddedAndGuessOff_diskImageWithoutKnownRootHashMountsWithoutVerity() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/testconf.raw $R/var/lib/confexts/",
                "export SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "$EXEC $R merge --fake-dm=trusting --policy=root=verity || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertFalse(out.contains("fake-dm: activate"), out);
        assertTrue(out.contains("outcome MERGED [testconf]"), out);
        assertTrue(out.contains("host\nread testconf.conf\nmounts: 1"), out);
    }

    @Test
    void merge_sidecarsOff_bareImageHasNoVerityDataAndMountsUnprotected() throws Exception {
        NamespaceScript.Result r = run(
                "cp $T/sidecar.raw $T/sidecar.verity $T/sidecar.roothash $T/sidecar.roothash.p7s $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=absent; echo exit=$?",
                "read_etc",
                "SYSTEMD_DISSECT_VERITY_SIDECAR=0 $EXEC $R merge --fake-dm=absent --policy=root=verity; echo exit=$?",
                "read_etc",
                "SYSTEMD_DISSECT_VERITY_SIDECAR=0 $EXEC $R merge --fake-dm=trusting || exit 10",
                "read_etc");
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("comes with dm-verity data, so systemd would activate dm-verity for it, but this"
                + " system cannot"), out);
        assertTrue(out.contains("Image policy 'root=verity' requires a protected"), out);
        assertFalse(out.contains("fake-dm: activate"), out);
        assertTrue(out.contains("host\nread blob.bin\nmounts: 1"), out);
    }
}
