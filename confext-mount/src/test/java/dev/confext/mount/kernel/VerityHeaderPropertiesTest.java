package dev.confext.mount.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.mount.api.PlanTestEnvironment;
import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For generated parameters, the superblock {@link VerityFormat} writes reads back through libcryptsetup
 * ({@code crypt_load(CRYPT_VERITY)}, {@code crypt_get_verity_info}) with exactly those parameters.
 */
class VerityHeaderPropertiesTest {
    @Property(tries = 60)
    void readHeader_generatedParameters_roundTrip(@ForAll HashAlgorithm algorithm, @ForAll @IntRange(max = 1) int format,
            @ForAll @IntRange(min = 9, max = 13) int dataBlockBits, @ForAll @IntRange(min = 9, max = 13) int hashBlockBits,
            @ForAll @Size(max = 256) byte[] salt, @ForAll @IntRange(max = 3) int offsetBlocks,
            @ForAll @IntRange(min = 1, max = 40) int dataBlocks) throws Exception {
        PlanTestEnvironment.require(CryptSetupLibrary.Holder.INSTANCE != null,
                "libcryptsetup.so.12 (libcryptsetup12) is not installed");
        int dataBlockSize = 1 << dataBlockBits;
        int hashBlockSize = 1 << hashBlockBits;
        if (hashBlockSize / algorithm.digestSize() < 2) {
            return; // not a valid combination (the builder refuses it)
        }
        long offset = offsetBlocks * 4096L;
        Path dir = Files.createTempDirectory("verity-header");
        try {
            Path data = dir.resolve("data");
            Path hash = dir.resolve("hash");
            Files.write(data, new byte[dataBlocks * dataBlockSize]);
            if (offset > 0) {
                Files.write(hash, new byte[(int) offset]);
            }
            VerityParameters parameters = VerityParameters.builder().algorithm(algorithm).format(format)
                    .dataBlockSize(dataBlockSize).hashBlockSize(hashBlockSize).salt(salt).hashOffset(offset).build();
            VerityFormat.defaults().newTreeBuilder(parameters, data, hash).build();

            VerityHeader header = VerityDevices.readHeader(hash.toString(), offset);

            assertEquals(new VerityHeader(algorithm.veritySetupName(), format, dataBlockSize, hashBlockSize,
                    dataBlocks, salt, offset, 0), header);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
