package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.Root;
import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.RootHashSignatures;
import dev.confext.verity.api.TrustedCertificates;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerifiedSignature;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VerityInfo.RootHashSource;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VeritySignature;
import dev.confext.verity.api.VeritySuperblock;
import dev.confext.verity.signature.TestKeys;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading whole images: the signed repart sample of {@code vectors/ddi}, the bare image with sidecar files of
 * {@code vectors/sidecar}, and DDIs built here by {@code systemd-repart}, with {@code veritysetup verify} and
 * repart's own reported root hash as oracles.
 */
class DdiReaderTest {
    private static final DdiReader READER = DdiReader.forArchitecture(Architecture.X86_64);

    @TempDir
    Path temp;

    private Root rootTrusting(byte[] certificate) throws Exception {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.write(root.resolve("etc/verity.d/test.crt"), certificate);
        return Root.of(root);
    }

    @Test
    void read_sampleDdi_partitionsRolesAndVerity() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf-x86-64.confext.raw");

        DdiImage ddi = READER.read(image);

        assertEquals(DdiImage.Layout.GPT, ddi.layout());
        assertEquals(512, ddi.sectorSize());
        assertEquals(3, ddi.partitions().size());
        assertEquals(1, ddi.selected(PartitionDesignator.ROOT).orElseThrow().number());
        assertEquals(2, ddi.selected(PartitionDesignator.ROOT_VERITY).orElseThrow().number());
        assertEquals(3, ddi.selected(PartitionDesignator.ROOT_VERITY_SIG).orElseThrow().number());
        assertEquals(List.of(), ddi.notes());
        VerityInfo verity = ddi.verity().orElseThrow();
        assertEquals(PartitionDesignator.ROOT, verity.designator());
        assertEquals(SampleImages.DDI_ROOT_HASH, verity.rootHash().hex());
        assertEquals(RootHashSource.SIGNATURE_PARTITION, verity.rootHashSource());
        assertEquals(1048576, verity.data().offset());
        assertEquals(10_485_760, verity.data().length());
        assertEquals(22528L * 512, verity.hash().offset());
        VeritySuperblock superblock = verity.superblock();
        assertEquals(UUID.fromString("aa4627f1-8327-45c8-9dc0-9f65a7d41295"), superblock.uuid());
        assertEquals(1, superblock.hashType());
        assertEquals(HashAlgorithm.SHA256, superblock.algorithm());
        assertEquals(512, superblock.dataBlockSize());
        assertEquals(512, superblock.hashBlockSize());
        assertEquals(20480, superblock.dataBlocks());
        assertEquals("64f03c1f5db25aa7a4c5aca7b7bbfc991be3ab3a24d5282194a41dcda47e6df3",
                HexFormat.of().formatHex(superblock.salt()));
        assertEquals(4, verity.parameters().geometry(superblock.dataBlocks()).levels());
        assertEquals(699_904, verity.parameters().geometry(superblock.dataBlocks()).treeEnd());
    }

    @Test
    void read_sampleDdi_signatureIsTheSampleAndVerifies() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf-x86-64.confext.raw");

        VerityInfo verity = READER.read(image).verity().orElseThrow();
        VeritySignature signature = verity.signature().orElseThrow();
        VerifiedSignature verified = RootHashSignatures.verify(verity.rootHash(), signature.der(),
                TrustedCertificates.load(rootTrusting(SampleImages.certificate())));

        assertArrayEquals(Files.readAllBytes(TestEnvironment.vector("ddi/testconf-x86-64.roothash.p7s.der")),
                signature.der());
        assertEquals(VeritySignature.Source.SIGNATURE_PARTITION, signature.source());
        assertEquals(Optional.of("afccca589aeb1b6cb6f232c0b1c5567ab3fe3807ee22c35d975f055251e9dd55"),
                signature.certificateFingerprint());
        assertEquals(signature.certificateFingerprint().orElseThrow(), verified.signer().fingerprint());
        // The JSON file of the vectors carries the same root hash.
        String json = Files.readString(TestEnvironment.vector("ddi/testconf-x86-64.verity-sig.json"));
        assertTrue(json.startsWith("{\"rootHash\":\"" + verity.rootHash().hex() + "\""), json);
    }

    @Test
    void read_sampleDdi_wholeHashTreeVerifies() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf-x86-64.confext.raw");
        VerityInfo verity = READER.read(image).verity().orElseThrow();
        Path data = extract(image, verity.data().offset(), verity.data().length(), "p1");

        VerificationResult result = VerityFormat.defaults().verifyWithSuperblock(data, image, verity.hash().offset(),
                verity.rootHash().bytes(), VerityProgressListener.NONE);

        assertTrue(result.intact(), () -> result.failure().orElseThrow().message());
        byte[] changed = verity.rootHash().bytes();
        changed[0] ^= 1;
        assertTrue(!VerityFormat.defaults().verifyWithSuperblock(data, image, verity.hash().offset(), changed,
                VerityProgressListener.NONE).intact());
    }

    @Test
    void read_sampleDdi_corruptSignatureJson_clearError() throws Exception {
        Path image = SampleImages.ddi(temp, "broken.raw");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(43008L * 512 + 1798 + 100);
            file.write('x'); // data after the NUL padding started
        }

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(image));

        assertEquals("Partition 3: Verity signature partition has non-NUL data at byte 1898 after the NUL padding"
                + " that starts at byte 1798", e.getMessage());
    }

    @Test
    void read_sampleDdi_matchingRootHashSidecar() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.writeString(temp.resolve("testconf.roothash"), " " + SampleImages.DDI_ROOT_HASH.toUpperCase() + "\n");

        VerityInfo verity = READER.read(image).verity().orElseThrow();

        assertEquals(RootHashSource.SIDECAR_FILE, verity.rootHashSource());
        assertEquals(VeritySignature.Source.SIGNATURE_PARTITION, verity.signature().orElseThrow().source());
    }

    @Test
    void read_sampleDdi_otherRootHashSidecar_fails() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.writeString(temp.resolve("testconf.roothash"), SampleImages.SIDECAR_ROOT_HASH);

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(image));

        assertEquals("No root partition has the UUID 235fede2-9376-f3c8-b3c9-e705f9426b84 that the root hash "
                + SampleImages.SIDECAR_ROOT_HASH + " asks for", e.getMessage());
    }

    @Test
    void read_sampleDdi_usrhashSidecarForRootImage_fails() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.writeString(temp.resolve("testconf.usrhash"), SampleImages.DDI_ROOT_HASH);

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(image));

        assertTrue(e.getMessage().endsWith("testconf.usrhash is for a usr partition but the image has root verity"),
                e.getMessage());
    }

    @Test
    void read_sampleDdi_verityFileNextToGpt_fails() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.write(temp.resolve("testconf.verity"), new byte[4096]);

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(image));

        assertTrue(e.getMessage().contains("is only supported for images without a partition table"), e.getMessage());
    }

    @Test
    void read_sidecarSample() throws Exception {
        Path image = SampleImages.sidecar(temp);

        DdiImage ddi = READER.read(image);

        assertEquals(DdiImage.Layout.BARE, ddi.layout());
        VerityInfo verity = ddi.verity().orElseThrow();
        assertEquals(SampleImages.SIDECAR_ROOT_HASH, verity.rootHash().hex());
        assertEquals(RootHashSource.SIDECAR_FILE, verity.rootHashSource());
        assertEquals(UUID.fromString("11111111-2222-3333-4444-555555555555"), verity.superblock().uuid());
        assertEquals(17, verity.superblock().dataBlocks());
        assertEquals(temp.resolve("sidecar.verity"), verity.hash().file());
        VerifiedSignature verified = RootHashSignatures.verify(verity.rootHash(),
                verity.signature().orElseThrow().der(), TrustedCertificates.load(rootTrusting(SampleImages.certificate())));
        assertEquals("/etc/verity.d/test.crt", verified.signer().source());
        assertTrue(VerityFormat.defaults().verifyWithSuperblock(image, verity.hash().file(), 0,
                verity.rootHash().bytes(), VerityProgressListener.NONE).intact());
    }

    @Test
    void read_sidecarWithWhitespaceAndUppercase_isTolerated() throws Exception {
        Path image = SampleImages.sidecar(temp);
        String hex = SampleImages.SIDECAR_ROOT_HASH.toUpperCase();
        Files.writeString(temp.resolve("sidecar.roothash"), "  " + hex.substring(0, 10) + " \t" + hex.substring(10)
                + "\n# second line is not read\n");

        assertEquals(SampleImages.SIDECAR_ROOT_HASH, READER.read(image).verity().orElseThrow().rootHash().hex());
    }

    @Test
    void read_sidecarWithNonHexCharacter_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.writeString(temp.resolve("sidecar.roothash"), SampleImages.SIDECAR_ROOT_HASH.replace('e', 'g'));

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(image));

        assertTrue(e.getMessage().startsWith("Failed to read verity artifacts"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid character 'g'"), e.getMessage());
    }

    @Test
    void read_sidecarWithOddDigits_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.writeString(temp.resolve("sidecar.roothash"), SampleImages.SIDECAR_ROOT_HASH.substring(1));

        assertTrue(assertThrows(InvalidImageException.class, () -> READER.read(image)).getMessage()
                .contains("odd number of hex digits (63)"));
    }

    @Test
    void read_sidecarShorterThan16Bytes_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.writeString(temp.resolve("sidecar.roothash"), "00112233445566778899aabbccddee");

        assertTrue(assertThrows(InvalidImageException.class, () -> READER.read(image)).getMessage()
                .contains("Root hash is 15 bytes long, at least 16 are needed"));
    }

    @Test
    void read_emptySignatureSidecar_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.write(temp.resolve("sidecar.roothash.p7s"), new byte[0]);

        assertTrue(assertThrows(InvalidImageException.class, () -> READER.read(image)).getMessage()
                .endsWith("sidecar.roothash.p7s is empty"));
    }

    @Test
    void read_verityWithoutRootHash_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.delete(temp.resolve("sidecar.roothash"));

        assertTrue(assertThrows(InvalidImageException.class, () -> READER.read(image)).getMessage()
                .contains("exists but there is no .roothash/.usrhash file or xattr"));
    }

    @Test
    void read_rootHashWithoutVerity_fails() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.delete(temp.resolve("sidecar.verity"));

        assertTrue(assertThrows(InvalidImageException.class, () -> READER.read(image)).getMessage()
                .contains("but no .verity hash tree next to the image"));
    }

    @Test
    void read_usrhashSidecar_designatesUsr() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.move(temp.resolve("sidecar.roothash"), temp.resolve("sidecar.usrhash"));
        Files.move(temp.resolve("sidecar.roothash.p7s"), temp.resolve("sidecar.usrhash.p7s"));

        VerityInfo verity = READER.read(image).verity().orElseThrow();

        assertEquals(PartitionDesignator.USR, verity.designator());
        assertEquals(VeritySignature.Source.SIDECAR_FILE, verity.signature().orElseThrow().source());
    }

    @Test
    void read_imageNotEndingInRaw_hasNoSidecars() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Path other = Files.move(image, temp.resolve("sidecar.img"));

        DdiImage ddi = READER.read(other);

        assertEquals(DdiImage.Layout.BARE, ddi.layout());
        assertEquals(Optional.empty(), ddi.verity());
    }

    @Test
    void read_rootHashXattr_winsOverSidecar() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.writeString(temp.resolve("sidecar.roothash"), "not even hex");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(image, UserDefinedFileAttributeView.class);
        try {
            view.write("verity.roothash", StandardCharsets.US_ASCII.encode(SampleImages.SIDECAR_ROOT_HASH));
        } catch (java.io.IOException e) {
            TestEnvironment.require(false, "no user xattrs on the temp file system: " + e);
        }

        VerityInfo verity = READER.read(image).verity().orElseThrow();

        assertEquals(RootHashSource.XATTR, verity.rootHashSource());
        assertEquals(SampleImages.SIDECAR_ROOT_HASH, verity.rootHash().hex());
    }

    @Test
    void read_repartSignedRootDdi_matchesRepartAndVeritysetup() throws Exception {
        TestKeys.KeyPair key = TestKeys.make(temp, "signer", "rsa:2048");
        RepartImage.Built built = RepartImage.build(temp, "signedroot", "root", Optional.of(key));

        VerityInfo verity = READER.read(built.image()).verity().orElseThrow();

        assertEquals(built.rootHash(), verity.rootHash().hex());
        assertEquals(RootHashSource.SIGNATURE_PARTITION, verity.rootHashSource());
        VerifiedSignature verified = RootHashSignatures.verify(verity.rootHash(), verity.signature().orElseThrow().der(),
                TrustedCertificates.load(rootTrusting(Files.readAllBytes(key.certificateFile()))));
        assertEquals(key.certificate(), verified.signer().certificate());
        veritysetupVerifies(built.image(), verity);
    }

    @Test
    void read_repartUnsignedDdi_rootHashFromPartitionUuids() throws Exception {
        RepartImage.Built built = RepartImage.build(temp, "unsigned", "root", Optional.empty());

        DdiImage ddi = READER.read(built.image());
        VerityInfo verity = ddi.verity().orElseThrow();

        assertEquals(RootHashSource.PARTITION_UUIDS, verity.rootHashSource());
        assertEquals(built.rootHash(), verity.rootHash().hex());
        assertEquals(Optional.empty(), verity.signature());
        assertEquals(Optional.empty(), ddi.selected(PartitionDesignator.ROOT_VERITY_SIG));
        veritysetupVerifies(built.image(), verity);
    }

    @Test
    void read_repartSignedUsrDdi_designatesUsr() throws Exception {
        TestKeys.KeyPair key = TestKeys.make(temp, "signer", "ec");
        RepartImage.Built built = RepartImage.build(temp, "usrimage", "usr", Optional.of(key));

        DdiImage ddi = READER.read(built.image());
        VerityInfo verity = ddi.verity().orElseThrow();

        assertEquals(PartitionDesignator.USR, verity.designator());
        assertEquals("usr-x86-64-verity-sig", ddi.selected(PartitionDesignator.USR_VERITY_SIG).orElseThrow().type().name());
        assertEquals(built.rootHash(), verity.rootHash().hex());
        RootHashSignatures.verify(verity.rootHash(), verity.signature().orElseThrow().der(),
                TrustedCertificates.load(rootTrusting(Files.readAllBytes(key.certificateFile()))));
    }

    @Test
    void read_repartArm64Ddi_onX86Host_isStillFound() throws Exception {
        RepartImage.Built built = RepartImage.build(temp, "foreign", "root-arm64", Optional.empty());

        DdiImage ddi = READER.read(built.image());

        assertEquals(Optional.of(Architecture.ARM64),
                ddi.selected(PartitionDesignator.ROOT).orElseThrow().type().architecture());
        assertEquals(built.rootHash(), ddi.verity().orElseThrow().rootHash().hex());
    }

    private void veritysetupVerifies(Path image, VerityInfo verity) throws Exception {
        Path veritysetup = TestEnvironment.requireTool("veritysetup");
        Path data = extract(image, verity.data().offset(), verity.data().length(), "data");
        Path hash = extract(image, verity.hash().offset(), verity.hash().length(), "hash");
        TestEnvironment.run(temp, veritysetup.toString(), "verify", data.toString(), hash.toString(),
                verity.rootHash().hex());
        assertTrue(VerityFormat.defaults().verifyWithSuperblock(data, hash, 0, verity.rootHash().bytes(),
                VerityProgressListener.NONE).intact());
    }

    private Path extract(Path image, long offset, long length, String name) throws Exception {
        Path out = temp.resolve(name + "-" + offset + ".img");
        try (var in = java.nio.channels.FileChannel.open(image);
                var o = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(offset + done, length - done, o);
            }
        }
        return out;
    }

    @Test
    void rootHash_ofPartitionUuids_isDataThenVerity() throws Exception {
        RootHash hash = RootHash.ofPartitionUuids(UUID.fromString("2757364e-46ea-06e8-2ad2-b7ffceebffea"),
                UUID.fromString("0e8ab27d-6f49-dc81-3405-cdb1a83f2d46"));

        assertEquals(SampleImages.DDI_ROOT_HASH, hash.hex());
    }
}
