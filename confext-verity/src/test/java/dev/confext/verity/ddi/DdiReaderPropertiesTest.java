package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.PartitionType;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VeritySuperblock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whole small DDIs (root + verity superblock + signature JSON) with bytes changed anywhere in the table, the
 * superblock or the JSON: reading gives an image or a {@link VerityException}, never anything else.
 */
class DdiReaderPropertiesTest {
    private static final Optional<Architecture> X86_64 = Optional.of(Architecture.X86_64);
    private static Path directory;
    private static byte[] base;
    /** Byte ranges worth mutating: tables, the superblock, the JSON, and the backup structures. */
    private static List<int[]> regions;

    @BeforeContainer
    static void setUp() throws Exception {
        directory = Files.createTempDirectory("ddi-props");
        String json = "{\"rootHash\":\"" + SampleImages.DDI_ROOT_HASH + "\",\"certificateFingerprint\":\"ab\","
                + "\"signature\":\"MIIBAQ==\"}";
        VerityParameters parameters = VerityParameters.builder().dataBlockSize(512).hashBlockSize(512)
                .salt(new byte[32]).uuid(UUID.randomUUID()).build();
        GptImageBuilder builder = new GptImageBuilder(512, 200).entryCount(16);
        base = builder
                .partition(PartitionType.uuidOf(PartitionDesignator.ROOT, X86_64),
                        UUID.fromString("2757364e-46ea-06e8-2ad2-b7ffceebffea"), 40, 79, 0, "root")
                .partition(PartitionType.uuidOf(PartitionDesignator.ROOT_VERITY, X86_64),
                        UUID.fromString("0e8ab27d-6f49-dc81-3405-cdb1a83f2d46"), 80, 119, 0, "verity",
                        VeritySuperblock.of(parameters, 40).toBytes())
                .partition(PartitionType.uuidOf(PartitionDesignator.ROOT_VERITY_SIG, X86_64), UUID.randomUUID(),
                        120, 127, 0, "sig", json.getBytes(StandardCharsets.US_ASCII))
                .build();
        regions = List.of(new int[] {0, 512 + 512 + 16 * 128}, new int[] {80 * 512, 81 * 512},
                new int[] {120 * 512, 120 * 512 + json.length() + 8}, new int[] {base.length - 5 * 512, base.length});
    }

    @AfterContainer
    static void tearDown() throws Exception {
        try (var files = Files.list(directory)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(directory);
    }

    @Property(tries = 400)
    void read_mutatedDdi_imageOrDocumentedException(@ForAll("mutations") byte[] image) throws Exception {
        Path file = directory.resolve("image.raw");
        Files.write(file, image);
        try {
            DdiImage ddi = DdiReader.forArchitecture(Architecture.X86_64).read(file);
            assertTrue(ddi.partitions().size() <= 16);
        } catch (VerityException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<int[]> change = Combinators.combine(Arbitraries.integers().between(0, regions.size() - 1),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as((region, at, value) -> {
                    int[] r = regions.get(region);
                    return new int[] {r[0] + at % (r[1] - r[0]), value};
                });
        return Combinators.combine(change.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(true, false))
                .as((changes, fixCrcs) -> {
                    byte[] copy = Arrays.copyOf(base, base.length);
                    for (int[] c : changes) {
                        copy[c[0]] = (byte) c[1];
                    }
                    if (fixCrcs) {
                        GptImageBuilder.fixHeaderCrcs(copy, 512);
                    }
                    return copy;
                });
    }
}
