package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.InvalidImageException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated input for the GPT reader: it must return a table, "no GPT", or throw {@link InvalidImageException};
 * nothing else. Valid generated tables must read back exactly.
 */
class GptReaderPropertiesTest {
    private static final UUID LINUX = UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4");

    @Property(tries = 1000)
    void read_arbitraryBytes_valueOrDocumentedException(@ForAll("smallImages") byte[] image) throws IOException {
        readOrInvalid(image);
    }

    @Property(tries = 1000)
    void read_mutatedValidTable_valueOrDocumentedException(@ForAll("mutatedTables") byte[] image) throws IOException {
        readOrInvalid(image);
    }

    @Property(tries = 300)
    void read_generatedTable_readsBack(@ForAll("sectorSizes") int sectorSize,
            @ForAll("partitionLayouts") List<long[]> layout) throws Exception {
        GptImageBuilder builder = new GptImageBuilder(sectorSize, 256).entryCount(sectorSize == 512 ? 128 : 32);
        long lba = builder.firstUsable();
        int added = 0;
        for (long[] p : layout) {
            long first = lba + p[0];
            long last = first + p[1];
            if (last > builder.lastUsable()) {
                break;
            }
            builder.partition(LINUX, new UUID(p[2], p[3]), first, last, p[4], "p" + added);
            lba = last + 1;
            added++;
        }

        GptTable table = GptReader.read(ImageSource.of(builder.build())).orElseThrow();

        assertEquals(sectorSize, table.sectorSize());
        assertEquals(added, table.partitions().size());
        for (int i = 0; i < added; i++) {
            DdiPartition p = table.partitions().get(i);
            assertEquals(new UUID(layout.get(i)[2], layout.get(i)[3]), p.uuid());
            assertEquals(layout.get(i)[4], p.attributes());
            assertEquals("p" + i, p.label());
            assertEquals(p.firstLba() * sectorSize, p.offset());
        }
    }

    @Provide
    Arbitrary<Integer> sectorSizes() {
        return Arbitraries.of(512, 4096);
    }

    @Provide
    Arbitrary<List<long[]>> partitionLayouts() {
        Arbitrary<long[]> one = Combinators.combine(Arbitraries.longs().between(0, 10), Arbitraries.longs().between(0, 40),
                Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
                .as((gap, length, msb, lsb, attributes) -> new long[] {gap, length, msb, lsb, attributes});
        return one.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> smallImages() {
        // Random bytes, sometimes with an MBR signature and "EFI PART" at a candidate header position.
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(12_000),
                Arbitraries.of(0, 512, 1024, 2048, 4096), Arbitraries.of(true, false))
                .as((bytes, at, mbr) -> {
                    byte[] image = bytes.clone();
                    if (at > 0 && image.length >= at + 8) {
                        System.arraycopy("EFI PART".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, image, at, 8);
                    }
                    if (mbr && image.length >= 512) {
                        image[510] = 0x55;
                        image[511] = (byte) 0xAA;
                        image[450] = (byte) 0xEE;
                    }
                    return image;
                });
    }

    @Provide
    Arbitrary<byte[]> mutatedTables() {
        byte[] base = new GptImageBuilder(512, 128).entryCount(16)
                .partition(LINUX, UUID.randomUUID(), 40, 60, 0, "a")
                .partition(LINUX, UUID.randomUUID(), 61, 90, 0, "b").build();
        Arbitrary<Integer> headerBytes = Arbitraries.integers().between(0, 1024 + 16 * 128 - 1);
        Arbitrary<Integer> backupBytes = Arbitraries.integers().between(base.length - 512 - 4 * 512, base.length - 1);
        return Combinators.combine(Arbitraries.oneOf(headerBytes, backupBytes).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, base.length))
                .as((positions, values, fixCrcs, cut) -> {
                    byte[] copy = base.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    if (fixCrcs) {
                        GptImageBuilder.fixHeaderCrcs(copy, 512);
                    }
                    return cut % 5 == 0 ? java.util.Arrays.copyOf(copy, cut) : copy;
                });
    }

    private static void readOrInvalid(byte[] image) throws IOException {
        try {
            Optional<GptTable> table = GptReader.read(ImageSource.of(image));
            if (table.isPresent()) {
                for (DdiPartition p : table.get().partitions()) {
                    assertTrue(p.offset() + p.size() <= image.length, "partition inside the image");
                    assertTrue(p.firstLba() <= p.lastLba());
                }
            }
        } catch (InvalidImageException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }
}
