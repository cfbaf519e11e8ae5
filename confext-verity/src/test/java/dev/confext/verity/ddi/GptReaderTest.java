package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The GPT reader on the real repart-built sample, on tables made by {@link GptImageBuilder}, and on damage. */
class GptReaderTest {
    private static final UUID ROOT_X86_64 = UUID.fromString("4f68bce3-e8cd-4db1-96e7-fbcaf984b709");
    private static final UUID LINUX = UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4");

    private static GptTable read(byte[] image) throws Exception {
        return GptReader.read(ImageSource.of(image)).orElseThrow();
    }

    private static InvalidImageException failure(byte[] image) {
        return assertThrows(InvalidImageException.class, () -> GptReader.read(ImageSource.of(image)));
    }

    @Test
    void read_sampleDdi() throws Exception {
        GptTable table = read(SampleImages.ddiBytes());

        assertEquals(512, table.sectorSize());
        assertEquals(UUID.fromString("2fb9b48a-9b18-4064-8cd5-f2294145c1ee"), table.diskGuid());
        assertEquals(2048, table.firstUsableLba());
        assertEquals(43046, table.lastUsableLba());
        assertFalse(table.usedBackup());
        assertEquals(List.of(), table.notes());
        List<DdiPartition> p = table.partitions();
        assertEquals(3, p.size());
        assertEquals(new DdiPartition(1, dev.confext.verity.api.PartitionType.of(ROOT_X86_64),
                UUID.fromString("2757364e-46ea-06e8-2ad2-b7ffceebffea"), 2048, 22527, 2048L * 512, 10_485_760,
                1L << 59, "root-x86-64"), p.get(0));
        assertEquals(Optional.of(PartitionDesignator.ROOT_VERITY), p.get(1).type().designator());
        assertEquals(Optional.of(Architecture.X86_64), p.get(1).type().architecture());
        assertEquals(UUID.fromString("0e8ab27d-6f49-dc81-3405-cdb1a83f2d46"), p.get(1).uuid());
        assertEquals(22528, p.get(1).firstLba());
        assertEquals(43007, p.get(1).lastLba());
        assertTrue(p.get(1).readOnly());
        assertEquals("root-x86-64-verity", p.get(1).label());
        assertEquals("root-x86-64-verity-sig", p.get(2).type().name());
        assertEquals(UUID.fromString("a419a3a5-f72f-4394-9906-43790156c18d"), p.get(2).uuid());
        assertEquals(16_384, p.get(2).size());
        assertEquals(0, p.get(2).attributes());
    }

    @Test
    void read_bareFilesystem_isNotGpt() throws Exception {
        byte[] erofs = Files.readAllBytes(TestEnvironment.vector("sidecar/sidecar.raw"));

        assertEquals(Optional.empty(), GptReader.read(ImageSource.of(erofs)));
    }

    @Test
    void read_emptyAndTinyInputs_areNotGpt() throws Exception {
        assertEquals(Optional.empty(), GptReader.read(ImageSource.of(new byte[0])));
        assertEquals(Optional.empty(), GptReader.read(ImageSource.of(new byte[700])));
    }

    @Test
    void read_primaryHeaderCrcBroken_usesBackup() throws Exception {
        byte[] image = SampleImages.ddiBytes();
        image[512 + 60] ^= 0x01; // inside the disk GUID

        GptTable table = read(image);

        assertTrue(table.usedBackup());
        assertEquals(3, table.partitions().size());
        assertEquals(UUID.fromString("2fb9b48a-9b18-4064-8cd5-f2294145c1ee"), table.diskGuid());
        assertTrue(table.notes().get(0).contains("header CRC32 mismatch (stored 0x28a6cad6"), table.notes().toString());
    }

    @Test
    void read_primaryEntryArrayCorrupt_usesBackup() throws Exception {
        byte[] image = SampleImages.ddiBytes();
        image[1024 + 56] ^= 0x01; // first entry's label

        GptTable table = read(image);

        assertTrue(table.usedBackup());
        assertEquals("root-x86-64", table.partitions().get(0).label());
        assertTrue(table.notes().get(0).contains("partition entry array CRC32 mismatch (stored 0x23b45f6f"),
                table.notes().toString());
    }

    @Test
    void read_backupHeaderBroken_readsPrimaryWithNote() throws Exception {
        byte[] image = SampleImages.ddiBytes();
        image[image.length - 512 + 60] ^= 0x01;

        GptTable table = read(image);

        assertFalse(table.usedBackup());
        assertTrue(table.notes().get(0).startsWith("Backup GPT header: header CRC32 mismatch"), table.notes().toString());
    }

    @Test
    void read_bothHeadersBroken_fails() throws Exception {
        byte[] image = SampleImages.ddiBytes();
        image[512 + 60] ^= 0x01;
        image[image.length - 512 + 60] ^= 0x01;

        InvalidImageException e = failure(image);

        assertTrue(e.getMessage().startsWith("Invalid GPT: primary header: header CRC32 mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("; backup header: header CRC32 mismatch"), e.getMessage());
    }

    @Test
    void read_truncatedImage_fails() throws Exception {
        byte[] image = Arrays.copyOf(SampleImages.ddiBytes(), 1024 * 1024);

        InvalidImageException e = failure(image);

        assertTrue(e.getMessage().contains("usable area LBA 2048-43046 does not fit the image's 2048 sectors"),
                e.getMessage());
        assertTrue(e.getMessage().contains("backup header: no \"EFI PART\" signature at LBA 2047"), e.getMessage());
    }

    @Test
    void read_truncatedInsideEntryArray_fails() throws Exception {
        byte[] image = Arrays.copyOf(SampleImages.ddiBytes(), 4096);

        InvalidImageException e = failure(image);

        assertTrue(e.getMessage().contains("does not fit the image's 8 sectors"), e.getMessage());
    }

    @Test
    void read_overlappingPartitions_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 400)
                .partition(LINUX, UUID.randomUUID(), 40, 199, 0, "a")
                .partition(LINUX, UUID.randomUUID(), 199, 300, 0, "b")
                .build();

        InvalidImageException e = failure(image);

        assertEquals("Partitions 1 (LBA 40-199) and 2 (LBA 199-300) overlap", e.getMessage());
    }

    @Test
    void read_partitionEndsBeforeItStarts_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).partition(LINUX, UUID.randomUUID(), 100, 99, 0, "a").build();

        assertEquals("Partition 1: first LBA 100 is after its last LBA 99", failure(image).getMessage());
    }

    @Test
    void read_partitionOutsideUsableArea_fails() throws Exception {
        GptImageBuilder builder = new GptImageBuilder(512, 400);
        byte[] image = builder.partition(LINUX, UUID.randomUUID(), 34, builder.lastUsable() + 1, 0, "a").build();

        assertTrue(failure(image).getMessage().contains("lies outside the usable area"));
    }

    @Test
    void read_headerSizeTooSmall_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).headerSize(91).build();

        // With a header size under 92 the sector-size probe finds nothing at LBA 1; the backup is checked.
        InvalidImageException e = failure(image);
        assertTrue(e.getMessage().contains("header size 91 is not between 92 and the sector size 512"), e.getMessage());
    }

    @Test
    void read_entrySizeNotPowerOfTwoTimes128_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).entrySize(136).entryCount(4).build();

        assertTrue(failure(image).getMessage().contains("partition entry size 136 is not 128 times a power of two"));
    }

    @Test
    void read_noProtectiveMbr_fails() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).noProtectiveMbr().build();

        assertEquals("The image has a GPT header but its MBR has no protective (type 0xEE) partition",
                failure(image).getMessage());
    }

    @Test
    void read_4096ByteSectors() throws Exception {
        UUID uuid = UUID.randomUUID();
        byte[] image = new GptImageBuilder(4096, 64).entryCount(128)
                .partition(ROOT_X86_64, uuid, 10, 19, DdiPartition.FLAG_READ_ONLY, "root_1.2").build();

        GptTable table = read(image);

        assertEquals(4096, table.sectorSize());
        DdiPartition p = table.partitions().get(0);
        assertEquals(uuid, p.uuid());
        assertEquals(10L * 4096, p.offset());
        assertEquals(10L * 4096, p.size());
        assertEquals("root_1.2", p.label());
    }

    @Test
    void read_headersForTwoSectorSizes_refused() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).build();
        System.arraycopy(image, 512, image, 4096, 92);

        assertEquals("GPT headers found for both 512- and 4096-byte sectors, refusing", failure(image).getMessage());
    }

    @Test
    void read_hugeEntryCountTimesSize_failsCleanly() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).build();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : new int[] {512, image.length - 512}) {
            b.putInt(at + 80, -1);           // 4294967295 entries
            b.putInt(at + 84, 1 << 31);      // of 2 GiB each
        }
        GptImageBuilder.fixHeaderCrcs(image, 512);

        InvalidImageException e = failure(image);

        assertTrue(e.getMessage().contains("partition entry size 2147483648 is not 128 times a power of two"),
                e.getMessage());
    }

    @Test
    void read_largerEntries_areRead() throws Exception {
        UUID uuid = UUID.randomUUID();
        byte[] image = new GptImageBuilder(512, 400).entrySize(256).entryCount(16)
                .partition(LINUX, uuid, 40, 41, 0, "x").build();

        assertEquals(uuid, read(image).partitions().get(0).uuid());
    }

    @Test
    void read_myLbaWrong_usesBackup() throws Exception {
        byte[] image = new GptImageBuilder(512, 400).partition(LINUX, UUID.randomUUID(), 40, 41, 0, "x").build();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(512 + 24, 5);
        GptImageBuilder.fixHeaderCrcs(image, 512);

        // MyLBA != 1 also fails the sector-size probe; the backup is found at the last sector.
        GptTable table = read(image);

        assertTrue(table.usedBackup());
        assertTrue(table.notes().get(0).contains("says it is at LBA 5"), table.notes().toString());
    }
}
