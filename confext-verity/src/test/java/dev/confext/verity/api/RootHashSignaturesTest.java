package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Root;
import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.SignatureVerificationException.Reason;
import dev.confext.verity.signature.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root-hash signatures against certificates in a temporary root. Fixture roots are drawn per test; the
 * signatures are the real ones from {@code vectors/ddi} (systemd-repart, certificate embedded) and
 * {@code vectors/sidecar} (openssl smime -nocerts).
 */
class RootHashSignaturesTest {
    private static final String DDI_ROOT_HASH = "2757364e46ea06e82ad2b7ffceebffea0e8ab27d6f49dc813405cdb1a83f2d46";
    private static final String SIDECAR_ROOT_HASH = "235fede29376f3c8b3c9e705f9426b84a5f44963784a891d0e4668489de3556c";

    @TempDir
    Path temp;

    private Path root() throws Exception {
        Path root = temp.resolve("root");
        Files.createDirectories(root);
        return root;
    }

    private static byte[] ddiSignature() throws Exception {
        return Files.readAllBytes(TestEnvironment.vector("ddi/testconf-x86-64.roothash.p7s.der"));
    }

    private static byte[] testCertificate() throws Exception {
        return Files.readAllBytes(TestEnvironment.vector("ddi/test-signing-cert.pem"));
    }

    private static void put(Path root, String inRoot, byte[] content) throws Exception {
        Path file = root.resolve(inRoot.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    // R/etc/verity.d/test.crt = test-signing-cert.pem
    @Test
    void verify_ddiSignatureWithCertificateInEtc() throws Exception {
        Path root = root();
        put(root, "/etc/verity.d/test.crt", testCertificate());

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));
        VerifiedSignature verified = RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(), trusted);

        assertEquals("/etc/verity.d/test.crt", verified.signer().source());
        assertEquals("afccca589aeb1b6cb6f232c0b1c5567ab3fe3807ee22c35d975f055251e9dd55", verified.signer().fingerprint());
        assertEquals("CN=verity test key", verified.signer().certificate().getSubjectX500Principal().getName());
    }

    // R/usr/lib/verity.d/sidecar.crt = test-signing-cert.pem; the signature has no embedded certificate
    @Test
    void verify_sidecarSignatureWithoutEmbeddedCertificate() throws Exception {
        Path root = root();
        put(root, "/usr/lib/verity.d/sidecar.crt", testCertificate());
        byte[] signature = Files.readAllBytes(TestEnvironment.vector("sidecar/sidecar.roothash.p7s"));

        VerifiedSignature verified = RootHashSignatures.verify(RootHash.parseHex(SIDECAR_ROOT_HASH), signature,
                TrustedCertificates.load(Root.of(root)));

        assertEquals("/usr/lib/verity.d/sidecar.crt", verified.signer().source());
    }

    @Test
    void verify_uppercaseHexInputIsTheSameHash() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.of(List.of(
                dev.confext.verity.signature.PemCertificate.first(testCertificate()).orElseThrow()));

        VerifiedSignature verified = RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH.toUpperCase()),
                ddiSignature(), trusted);

        assertEquals(DDI_ROOT_HASH, verified.rootHash().hex());
    }

    @Test
    void verify_otherRootHash_badSignature() throws Exception {
        Path root = root();
        put(root, "/etc/verity.d/test.crt", testCertificate());

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(SIDECAR_ROOT_HASH), ddiSignature(),
                        TrustedCertificates.load(Root.of(root))));

        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("does not match the root hash"), e.getMessage());
    }

    @Test
    void verify_corruptedSignatureValue_badSignature() throws Exception {
        Path root = root();
        put(root, "/etc/verity.d/test.crt", testCertificate());
        byte[] signature = ddiSignature();
        signature[signature.length - 1] ^= 0x01;

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), signature,
                        TrustedCertificates.load(Root.of(root))));

        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void verify_garbage_malformed() throws Exception {
        Path root = root();
        put(root, "/etc/verity.d/test.crt", testCertificate());

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH),
                        "not a signature".getBytes(StandardCharsets.US_ASCII), TrustedCertificates.load(Root.of(root))));

        assertEquals(Reason.MALFORMED, e.reason());
    }

    // R/etc/verity.d/other.crt = a certificate that did not sign; the signature embeds its real signer
    @Test
    void verify_otherCertificate_signerNotTrustedEvenThoughEmbedded() throws Exception {
        Path root = root();
        TestKeys.KeyPair other = TestKeys.make(temp, "other", "rsa:2048");
        put(root, "/etc/verity.d/other.crt", Files.readAllBytes(other.certificateFile()));

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(),
                        TrustedCertificates.load(Root.of(root))));

        assertEquals(Reason.SIGNER_NOT_TRUSTED, e.reason());
        assertTrue(e.getMessage().contains("370FAEBA576FD31CA3580A07C1EE557FD49C9284"), e.getMessage());
    }

    @Test
    void verify_emptyRoot_noTrustedCertificates() throws Exception {
        Path root = root();

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(),
                        TrustedCertificates.load(Root.of(root))));

        assertEquals(Reason.NO_TRUSTED_CERTIFICATES, e.reason());
    }

    // temp/outside/test.crt = the right certificate, outside the root
    // R/etc/verity.d/abs.crt -> /../outside/test.crt      (absolute: restarts at R, .. clamps)
    // R/etc/verity.d/rel.crt -> ../../../../outside/test.crt
    @Test
    void load_symlinkEscapingTheRoot_isNotFollowedOutside() throws Exception {
        Path root = root();
        put(temp, "/outside/test.crt", testCertificate());
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.createSymbolicLink(root.resolve("etc/verity.d/abs.crt"), Path.of("/../outside/test.crt"));
        Files.createSymbolicLink(root.resolve("etc/verity.d/rel.crt"), Path.of("../../../../outside/test.crt"));

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(), trusted));

        assertEquals(Reason.NO_TRUSTED_CERTIFICATES, e.reason());
        assertEquals(List.of("/etc/verity.d/abs.crt", "/etc/verity.d/rel.crt"),
                trusted.skipped().stream().map(SkippedCertificateFile::path).toList());
    }

    // R/etc/verity.d/real.crt -> /usr/share/keys/test.pem   (inside the root: allowed)
    @Test
    void load_symlinkInsideTheRoot_isFollowed() throws Exception {
        Path root = root();
        put(root, "/usr/share/keys/test.pem", testCertificate());
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.createSymbolicLink(root.resolve("etc/verity.d/real.crt"), Path.of("/usr/share/keys/test.pem"));

        VerifiedSignature verified = RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(),
                TrustedCertificates.load(Root.of(root)));

        assertEquals("/etc/verity.d/real.crt", verified.signer().source());
    }

    // R/etc/verity.d/test.crt -> /dev/null      (masks)
    // R/usr/lib/verity.d/test.crt = the right certificate
    @Test
    void load_devNullSymlinkMasksLaterDirectory() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.createSymbolicLink(root.resolve("etc/verity.d/test.crt"), Path.of("/dev/null"));
        put(root, "/usr/lib/verity.d/test.crt", testCertificate());

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));

        assertTrue(trusted.isEmpty());
        assertEquals(List.of(new SkippedCertificateFile("/etc/verity.d/test.crt", "masked (symlink to /dev/null)")),
                trusted.skipped());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(), trusted));
        assertEquals(Reason.NO_TRUSTED_CERTIFICATES, e.reason());
    }

    // R/run/verity.d/test.crt = empty            (masks)
    // R/usr/local/lib/verity.d/test.crt = the right certificate
    @Test
    void load_emptyFileMasksLaterDirectory() throws Exception {
        Path root = root();
        put(root, "/run/verity.d/test.crt", new byte[0]);
        put(root, "/usr/local/lib/verity.d/test.crt", testCertificate());

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));

        assertTrue(trusted.isEmpty());
        assertEquals("masked (empty file)", trusted.skipped().get(0).reason());
    }

    // R/etc/verity.d/test.crt = another certificate (hides the next one)
    // R/usr/lib/verity.d/test.crt = the right certificate
    @Test
    void load_earlierDirectoryHidesSameName() throws Exception {
        Path root = root();
        TestKeys.KeyPair other = TestKeys.make(temp, "other", "rsa:2048");
        put(root, "/etc/verity.d/test.crt", Files.readAllBytes(other.certificateFile()));
        put(root, "/usr/lib/verity.d/test.crt", testCertificate());

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));

        assertEquals(1, trusted.certificates().size());
        assertEquals("/etc/verity.d/test.crt", trusted.certificates().get(0).source());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(), trusted));
        assertEquals(Reason.SIGNER_NOT_TRUSTED, e.reason());
    }

    // R/etc/verity.d/test.pem = right certificate (wrong suffix), R/etc/verity.d/junk.crt = text,
    // R/etc/verity.d/dir.crt/ = a directory
    @Test
    void load_onlyCrtFilesWithPemCertificatesCount() throws Exception {
        Path root = root();
        put(root, "/etc/verity.d/test.pem", testCertificate());
        put(root, "/etc/verity.d/junk.crt", "hello\n".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(root.resolve("etc/verity.d/dir.crt"));

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));

        assertTrue(trusted.isEmpty());
        assertEquals(List.of(new SkippedCertificateFile("/etc/verity.d/dir.crt", "not a regular file"),
                new SkippedCertificateFile("/etc/verity.d/junk.crt", "no PEM certificate")), trusted.skipped());
    }

    // The same bytes as openssl smime -sign -binary -noattr -md sha256 -outform DER, with and without -nocerts.
    @Test
    void sign_rsa_sameBytesAsOpenssl() throws Exception {
        Path openssl = TestEnvironment.requireTool("openssl");
        TestKeys.KeyPair pair = TestKeys.make(temp, "signer", "rsa:2048");
        RootHash rootHash = RootHash.parseHex(SIDECAR_ROOT_HASH);
        Path content = temp.resolve("roothash");
        Files.write(content, RootHashSignatures.signedContent(rootHash));

        for (boolean embed : new boolean[] {true, false}) {
            Path out = temp.resolve("openssl-" + embed + ".p7s");
            List<String> command = new java.util.ArrayList<>(List.of(openssl.toString(), "smime", "-sign", "-in",
                    content.toString(), "-binary", "-noattr", "-md", "sha256", "-signer", pair.certificateFile().toString(),
                    "-inkey", pair.keyFile().toString(), "-outform", "DER", "-out", out.toString()));
            if (!embed) {
                command.add("-nocerts");
            }
            TestEnvironment.run(temp, command.toArray(String[]::new));

            byte[] ours = RootHashSignatures.sign(rootHash, pair.key(), pair.certificate(), embed);

            assertArrayEquals(Files.readAllBytes(out), ours, "embedCertificate=" + embed);
        }
    }

    // Our EC signature verifies with openssl (-nointern: only the given certificate) and with ourselves.
    @Test
    void sign_ec_opensslAndWeVerify() throws Exception {
        Path openssl = TestEnvironment.requireTool("openssl");
        TestKeys.KeyPair pair = TestKeys.make(temp, "ec", "ec");
        RootHash rootHash = RootHash.parseHex(DDI_ROOT_HASH);
        Path content = temp.resolve("roothash");
        Files.write(content, RootHashSignatures.signedContent(rootHash));
        Path signature = temp.resolve("ec.p7s");
        Files.write(signature, RootHashSignatures.sign(rootHash, pair.key(), pair.certificate(), false));

        TestEnvironment.run(temp, openssl.toString(), "smime", "-verify", "-binary", "-inform", "DER", "-in",
                signature.toString(), "-content", content.toString(), "-certfile", pair.certificateFile().toString(),
                "-nointern", "-noverify", "-out", "/dev/null");
        VerifiedSignature verified = RootHashSignatures.verify(rootHash, Files.readAllBytes(signature),
                TrustedCertificates.of(List.of(pair.certificate())));

        assertEquals(pair.certificate(), verified.signer().certificate());
    }

    @Test
    void sign_ed25519_roundTrips() throws Exception {
        TestKeys.KeyPair pair = TestKeys.make(temp, "ed", "ed25519");
        RootHash rootHash = RootHash.parseHex(DDI_ROOT_HASH);

        byte[] signature = RootHashSignatures.sign(rootHash, pair.key(), pair.certificate(), true);
        VerifiedSignature verified = RootHashSignatures.verify(rootHash, signature,
                TrustedCertificates.of(List.of(pair.certificate())));

        assertEquals(pair.certificate(), verified.signer().certificate());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(RootHash.parseHex(SIDECAR_ROOT_HASH), signature,
                        TrustedCertificates.of(List.of(pair.certificate()))));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void verify_imageWithoutSignature_unsigned() throws Exception {
        Path image = dev.confext.verity.ddi.SampleImages.sidecar(temp);
        Files.delete(temp.resolve("sidecar.roothash.p7s"));
        VerityInfo verity = DdiReader.create().read(image).verity().orElseThrow();

        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> RootHashSignatures.verify(verity, TrustedCertificates.of(List.of())));

        assertEquals(Reason.UNSIGNED, e.reason());
    }

    @Test
    void verifyAndSign_neverInstallBouncyCastleGlobally() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.of(List.of(
                dev.confext.verity.signature.PemCertificate.first(testCertificate()).orElseThrow()));
        RootHashSignatures.verify(RootHash.parseHex(DDI_ROOT_HASH), ddiSignature(), trusted);

        assertNull(Security.getProvider("BC"));
        assertEquals("SUN", java.security.MessageDigest.getInstance("SHA-256").getProvider().getName());
    }
}
