package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerityParameters;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Each hash engine computes {@code H(salt||block)} / {@code H(block||salt)} exactly like a plain JDK digest. */
class HashEngineTest {
    @Property(tries = 200)
    void hash_randomBlockSaltAndAlgorithm_equalsPlainDigest(@ForAll HashEngine engine, @ForAll HashAlgorithm algorithm,
            @ForAll @IntRange(min = 0, max = 1) int format, @ForAll @Size(max = 256) byte[] salt,
            @ForAll @Size(min = 1, max = 9000) byte[] input, @ForAll @IntRange(min = 0, max = 3) int offset)
            throws Exception {
        EngineSelection.with(engine, algorithm, () -> {
            VerityParameters parameters = VerityParameters.builder().algorithm(algorithm.veritySetupName())
                    .format(format).salt(salt).build();
            int length = Math.max(0, input.length - offset);
            BlockHasher hasher = engine.newHasher(parameters, input.length);
            byte[] out = new byte[algorithm.digestSize() + 5];

            hasher.hash(input, Math.min(offset, input.length), length, out, 5);

            MessageDigest plain = algorithm.newDigest();
            byte[] block = Arrays.copyOfRange(input, Math.min(offset, input.length), input.length);
            byte[] expected = format == 1 ? plain.digest(concat(salt, block)) : plain.digest(concat(block, salt));
            assertArrayEquals(expected, Arrays.copyOfRange(out, 5, out.length));
        });
    }

    @Property(tries = 60)
    void hashBlocks_randomBatch_equalsBlockByBlockDigests(@ForAll HashEngine engine, @ForAll HashAlgorithm algorithm,
            @ForAll @IntRange(min = 0, max = 1) int format, @ForAll @Size(max = 256) byte[] salt,
            @ForAll @IntRange(min = 1, max = 9) int count, @ForAll @IntRange(min = 0, max = 2) int skipBlocks,
            @ForAll long seed) throws Exception {
        EngineSelection.with(engine, algorithm, () -> {
            int blockSize = 512;
            VerityParameters parameters = VerityParameters.builder().algorithm(algorithm.veritySetupName())
                    .format(format).salt(salt).build();
            byte[] content = new byte[(count + skipBlocks) * blockSize];
            new java.util.Random(seed).nextBytes(content);
            Path file = Files.createTempFile("hash-blocks", ".data");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                channel.write(java.nio.ByteBuffer.wrap(content), 0);
                BlockHasher hasher = engine.newHasher(parameters, blockSize);
                int size = algorithm.digestSize();
                byte[] batch = new byte[count * size];

                hasher.hashBlocks(new Region(channel, 0, "Data file"), (long) skipBlocks * blockSize, count, blockSize,
                        batch);

                for (int b = 0; b < count; b++) {
                    byte[] one = new byte[size];
                    new JdkBlockHasher(parameters).hash(content, (skipBlocks + b) * blockSize, blockSize, one, 0);
                    assertArrayEquals(one, Arrays.copyOfRange(batch, b * size, (b + 1) * size), "block " + b);
                }
            } finally {
                Files.delete(file);
            }
        });
    }

    @Example
    void select_jdkProperty_isJdk() throws Exception {
        EngineSelection.with(HashEngine.JDK, HashAlgorithm.SHA256,
                () -> assertEquals(HashEngine.JDK, HashEngine.select(HashAlgorithm.SHA256)));
    }

    @Example
    void select_opensslProperty_isOpenSsl() throws Exception {
        EngineSelection.with(HashEngine.OPENSSL, HashAlgorithm.SHA256,
                () -> assertEquals(HashEngine.OPENSSL, HashEngine.select(HashAlgorithm.SHA256)));
    }

    @Example
    void select_unknownValue_isRefused() {
        String previous = System.getProperty(HashEngine.PROPERTY);
        System.setProperty(HashEngine.PROPERTY, "bouncycastle");
        try {
            assertThrows(IllegalStateException.class, () -> HashEngine.select(HashAlgorithm.SHA256));
        } finally {
            if (previous == null) {
                System.clearProperty(HashEngine.PROPERTY);
            } else {
                System.setProperty(HashEngine.PROPERTY, previous);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
