package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.Root;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.PartitionProtection;
import dev.confext.verity.api.PartitionType;
import dev.confext.verity.api.RootHashSignatures;
import dev.confext.verity.api.TrustedCertificates;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VeritySuperblock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDIs laid out by {@link GptImageBuilder}: the sample's partitions re-packed with 4096-byte sectors, and
 * small images whose partitions or superblocks do not fit together.
 */
class DdiLayoutTest {
    private static final DdiReader READER = DdiReader.forArchitecture(Architecture.X86_64);
    private static final Optional<Architecture> X86_64 = Optional.of(Architecture.X86_64);

    @TempDir
    Path temp;

    private static UUID type(PartitionDesignator designator) {
        return PartitionType.uuidOf(designator, X86_64);
    }

    private Path write(String name, byte[] image) throws Exception {
        Path path = temp.resolve(name);
        Files.write(path, image);
        return path;
    }

    private static byte[] superblock(HashAlgorithm algorithm, int blockSize, long dataBlocks) {
        VerityParameters parameters = VerityParameters.builder().algorithm(algorithm).dataBlockSize(blockSize)
                .hashBlockSize(blockSize).salt(new byte[32]).uuid(UUID.randomUUID()).build();
        return Arrays.copyOf(VeritySuperblock.of(parameters, dataBlocks).toBytes(), blockSize);
    }

    // The sample's root, verity and signature partitions at LBA 256.., 2816.., 5376 of a 4096-byte-sector GPT.
    @Test
    void read_samplePartitionsWith4096ByteSectors() throws Exception {
        byte[] sample = SampleImages.ddiBytes();
        byte[] data = Arrays.copyOfRange(sample, 2048 * 512, 22528 * 512);
        byte[] hash = Arrays.copyOfRange(sample, 22528 * 512, 43008 * 512);
        byte[] signature = Arrays.copyOfRange(sample, 43008 * 512, 43040 * 512);
        byte[] image = new GptImageBuilder(4096, 5400)
                .partition(type(PartitionDesignator.ROOT), UUID.fromString("2757364e-46ea-06e8-2ad2-b7ffceebffea"),
                        256, 256 + 2560 - 1, DdiPartition.FLAG_GROWFS, "root-x86-64", data)
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.fromString("0e8ab27d-6f49-dc81-3405-cdb1a83f2d46"),
                        2816, 2816 + 2560 - 1, DdiPartition.FLAG_READ_ONLY, "root-x86-64-verity", hash)
                .partition(type(PartitionDesignator.ROOT_VERITY_SIG), UUID.randomUUID(), 5376, 5379, 0,
                        "root-x86-64-verity-sig", signature)
                .build();
        Path path = write("big-sectors.raw", image);

        DdiImage ddi = READER.read(path);
        VerityInfo verity = ddi.verity().orElseThrow();

        assertEquals(4096, ddi.sectorSize());
        assertEquals(SampleImages.DDI_ROOT_HASH, verity.rootHash().hex());
        assertEquals(256L * 4096, verity.data().offset());
        assertEquals(java.util.List.of(), ddi.notes());
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/verity.d"));
        Files.write(root.resolve("usr/lib/verity.d/sample.crt"), SampleImages.certificate());
        RootHashSignatures.verify(verity.rootHash(), verity.signature().orElseThrow().der(),
                TrustedCertificates.load(Root.of(root)));
        Path dataFile = write("data.img", data);
        assertTrue(VerityFormat.defaults().verifyWithSuperblock(dataFile, path, verity.hash().offset(),
                verity.rootHash().bytes(), VerityProgressListener.NONE).intact());
    }

    @Test
    void read_signaturePartitionNamesOtherUuids_isNoted() throws Exception {
        byte[] sample = SampleImages.ddiBytes();
        byte[] image = new GptImageBuilder(512, 43100)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 2048, 22527, 0, "root",
                        Arrays.copyOfRange(sample, 2048 * 512, 22528 * 512))
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 22528, 43007, 0, "verity",
                        Arrays.copyOfRange(sample, 22528 * 512, 43008 * 512))
                .partition(type(PartitionDesignator.ROOT_VERITY_SIG), UUID.randomUUID(), 43008, 43039, 0, "sig",
                        Arrays.copyOfRange(sample, 43008 * 512, 43040 * 512))
                .build();

        DdiImage ddi = READER.read(write("renamed.raw", image));

        assertEquals(SampleImages.DDI_ROOT_HASH, ddi.verity().orElseThrow().rootHash().hex());
        assertTrue(ddi.notes().get(0).contains("are not the halves of the signed root hash"), ddi.notes().toString());
    }

    @Test
    void read_superblockDigestDoesNotFitRootHash_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 80, 119, 0, "verity",
                        superblock(HashAlgorithm.SHA512, 512, 40))
                .build();

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image)));

        assertEquals("The root hash has 32 bytes but the superblock's sha512 digests have 64", e.getMessage());
    }

    @Test
    void read_verityPartitionWithoutSuperblock_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 80, 119, 0, "verity")
                .build();

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image)));

        assertTrue(e.getMessage().startsWith("Verity partition 2: Not a verity superblock"), e.getMessage());
    }

    @Test
    void read_superblockProtectsMoreThanTheDataPartition_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 80, 119, 0, "verity",
                        superblock(HashAlgorithm.SHA256, 512, 41))
                .build();

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image)));

        assertEquals("The superblock protects 41 blocks of 512 bytes but the data area (partition 1) has only 20480 bytes",
                e.getMessage());
    }

    @Test
    void read_hashTreeLargerThanTheVerityPartition_fails() throws Exception {
        // 1000 data blocks of 512 bytes need 1 superblock + 63 + 4 + 1 hash blocks; the partition has 10.
        byte[] image = new GptImageBuilder(512, 1200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 1039, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 1040, 1049, 0, "verity",
                        superblock(HashAlgorithm.SHA256, 512, 1000))
                .build();

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image)));

        assertTrue(e.getMessage().startsWith("The hash tree needs "), e.getMessage());
        assertTrue(e.getMessage().endsWith("but the hash area (partition 2) has only 5120"), e.getMessage());
    }

    @Test
    void read_signatureWithoutVerity_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY_SIG), UUID.randomUUID(), 80, 119, 0, "sig")
                .build();

        assertEquals("The image has a root-verity-sig partition but no root-verity partition",
                assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image))).getMessage());
    }

    @Test
    void read_verityWithoutData_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.USR_VERITY), UUID.randomUUID(), 80, 119, 0, "v").build();

        assertEquals("The image has a usr-verity partition but no usr partition",
                assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image))).getMessage());
    }

    @Test
    void read_verityRootWithSeparateUsr_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 80, 119, 0, "verity",
                        superblock(HashAlgorithm.SHA256, 512, 40))
                .partition(type(PartitionDesignator.USR), UUID.randomUUID(), 120, 159, 0, "usr")
                .build();

        assertEquals("The image has a verity-protected root partition and a separate usr partition",
                assertThrows(InvalidImageException.class, () -> READER.read(write("a.raw", image))).getMessage());
    }

    @Test
    void read_noAutoVerityPartition_isIgnored() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), UUID.randomUUID(), 80, 119, DdiPartition.FLAG_NO_AUTO,
                        "verity", superblock(HashAlgorithm.SHA256, 512, 40))
                .build();

        DdiImage ddi = READER.read(write("a.raw", image));

        assertEquals(Optional.empty(), ddi.verity());
        assertEquals(2, ddi.partitions().size());
        assertEquals(Optional.empty(), ddi.selected(PartitionDesignator.ROOT_VERITY));
    }

    @Test
    void protection_ofEachLayout() throws Exception {
        byte[] plain = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root").build();
        byte[] verity = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.USR), UUID.randomUUID(), 40, 79, 0, "usr")
                .partition(type(PartitionDesignator.USR_VERITY), UUID.randomUUID(), 80, 119, 0, "verity",
                        superblock(HashAlgorithm.SHA256, 512, 40)).build();

        DdiImage plainImage = READER.read(write("plain.raw", plain));
        DdiImage verityImage = READER.read(write("verity.raw", verity));
        DdiImage signedBare = READER.read(SampleImages.sidecar(Files.createDirectories(temp.resolve("bare"))));

        assertEquals(PartitionProtection.UNPROTECTED, plainImage.protection(PartitionDesignator.ROOT));
        assertEquals(PartitionProtection.ABSENT, plainImage.protection(PartitionDesignator.USR));
        assertEquals(PartitionProtection.VERITY, verityImage.protection(PartitionDesignator.USR));
        assertEquals(PartitionProtection.ABSENT, verityImage.protection(PartitionDesignator.ROOT));
        assertEquals(PartitionProtection.SIGNED, signedBare.protection(PartitionDesignator.ROOT));
    }

    @Test
    void read_sidecarRootHashWithZeroHalf_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), UUID.randomUUID(), 40, 79, 0, "root").build();
        Path path = write("zero.raw", image);
        Files.writeString(temp.resolve("zero.roothash"), "00".repeat(16) + "11".repeat(16));

        assertEquals("The root hash " + "00".repeat(16) + "11".repeat(16) + " has an all-zero half, which cannot name a"
                + " partition", assertThrows(InvalidImageException.class, () -> READER.read(path)).getMessage());
    }

    @Test
    void read_unsignedVerity_rootHashFromUuids() throws Exception {
        UUID data = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        UUID hash = UUID.fromString("ffeeddcc-bbaa-9988-7766-554433221100");
        byte[] image = new GptImageBuilder(512, 200)
                .partition(type(PartitionDesignator.ROOT), data, 40, 79, 0, "root")
                .partition(type(PartitionDesignator.ROOT_VERITY), hash, 80, 119, 0, "verity",
                        superblock(HashAlgorithm.SHA256, 512, 40))
                .build();

        VerityInfo verity = READER.read(write("a.raw", image)).verity().orElseThrow();

        assertEquals("00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100", verity.rootHash().hex());
        assertEquals(VerityInfo.RootHashSource.PARTITION_UUIDS, verity.rootHashSource());
        assertEquals(Optional.empty(), verity.signature());
    }

    @Test
    void read_symlinkedImage_findsSidecarsNextToTarget() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("store"));
        Path image = SampleImages.sidecar(directory);
        Path link = Files.createSymbolicLink(temp.resolve("alias.raw"), image);

        VerityInfo verity = READER.read(link).verity().orElseThrow();

        assertEquals(SampleImages.SIDECAR_ROOT_HASH, verity.rootHash().hex());
    }
}
