package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VerityTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@code shared/vectors/vectors.tsv}, made by the real veritysetup, reproduced byte for
 * byte, with each {@link HashEngine}.
 */
class VectorsTest {
    @TempDir
    Path dir;

    static List<VectorRow> rows() throws Exception {
        return VectorRow.all();
    }

    /** Every row with each hash engine. */
    static Stream<Arguments> rowsAndEngines() throws Exception {
        return VectorRow.all().stream()
                .flatMap(row -> Stream.of(HashEngine.values()).map(engine -> Arguments.of(row, engine)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rowsAndEngines")
    void build_vector_matchesVeritysetupByteForByte(VectorRow row, HashEngine engine) throws Exception {
        EngineSelection.with(engine, algorithm(row), () -> build(row));
    }

    private void build(VectorRow row) throws Exception {
        Path data = dir.resolve("data");
        VectorData.write(row.pattern(), row.dataBytes(), data);
        assertEquals(row.dataSha256(), Sha256.of(data), "data generator " + row.pattern());
        Path hash = dir.resolve("hash");

        VerityTree tree = VerityFormat.withThreads(2).newTreeBuilder(parameters(row), data, hash).build();

        assertEquals(row.rootHash(), tree.rootHashHex(), "root hash");
        assertEquals(row.levels(), tree.geometry().levels(), "levels");
        assertEquals(row.dataBlocks(), tree.geometry().dataBlocks(), "data blocks");
        assertEquals(row.hashFileBytes(), Files.size(hash), "hash file size");
        assertEquals(row.hashFileSha256(), Sha256.of(hash), "hash file sha256");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rowsAndEngines")
    void verify_vector_isIntact(VectorRow row, HashEngine engine) throws Exception {
        EngineSelection.with(engine, algorithm(row), () -> verify(row));
    }

    private void verify(VectorRow row) throws Exception {
        Path data = dir.resolve("data");
        VectorData.write(row.pattern(), row.dataBytes(), data);
        Path hash = dir.resolve("hash");
        VerityFormat.withThreads(1).newTreeBuilder(parameters(row), data, hash).build();

        VerificationResult result = VerityFormat.withThreads(2).verifyWithSuperblock(data, hash, row.hashOffset(),
                HexFormat.of().parseHex(row.rootHash()), VerityProgressListener.NONE);

        assertTrue(result.intact(), () -> "failure: " + result.failure());
    }

    static HashAlgorithm algorithm(VectorRow row) {
        return parameters(row).algorithm();
    }

    static VerityParameters parameters(VectorRow row) {
        return VerityParameters.builder()
                .algorithm(row.hash())
                .format(row.format())
                .dataBlockSize(row.dataBlockSize())
                .hashBlockSize(row.hashBlockSize())
                .salt(row.saltHex())
                .superblock(row.superblock())
                .hashOffset(row.hashOffset())
                .uuid("11111111-2222-3333-4444-555555555555")
                .build();
    }
}
