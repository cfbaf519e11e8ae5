package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerityParameters;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The block digest helper: built and loaded where a C compiler built this module (required in CI), used for the
 * SHA-1 and SHA-2 algorithms only, and giving the digests of the block-by-block {@code EVP_Digest} path; batches
 * are read to page-aligned memory.
 */
class NativeBlockDigestsTest {
    @Example
    void unavailableReason_moduleBuiltWithACompiler_isEmpty() {
        Optional<String> reason = NativeBlockDigests.unavailableReason();
        TestEnvironment.require(reason.isEmpty(), "block digest helper unavailable: " + reason.orElse(""));
    }

    @Example
    void functions_algorithmWithoutLowLevelFunctions_isEmpty() {
        assertEquals(Optional.empty(), NativeBlockDigests.functions(HashAlgorithm.SHA3_256));
        assertEquals(Optional.empty(), NativeBlockDigests.functions(HashAlgorithm.SHA512_256));
    }

    @Property
    void pageAlignedOffset_anyAddressAndSlack_leastAlignedOffsetAfterTheSlack(
            @ForAll @LongRange(min = 0, max = 1L << 47) long address,
            @ForAll @IntRange(min = 0, max = 256) int slack) {
        int offset = OpenSslBlockHasher.pageAlignedOffset(address, slack);

        assertEquals(0, (address + offset) % OpenSslBlockHasher.PAGE);
        assertTrue(offset >= slack && offset < slack + OpenSslBlockHasher.PAGE, "offset " + offset);
    }

    /** What needs the helper: skipped where it was not built, except under {@code confext.requireAll} (CI). */
    @Group
    @AddLifecycleHook(SkipWithoutTheHelper.class)
    class WithTheHelper {
        @BeforeProperty
        void requireTheHelper() {
            requireHelper();
        }

        @Example
        void functions_shaFamilies_foundInLibcrypto() {
            for (HashAlgorithm algorithm : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA224,
                    HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512}) {
                assertTrue(NativeBlockDigests.functions(algorithm).isPresent(), algorithm.toString());
            }
        }

        /**
         * One file of {@code skip + count} random blocks; the batch of {@code count} blocks after the first
         * {@code skip} is hashed in one helper call and block by block, with the same hasher parameters.
         */
        @Property(tries = 150)
        void hashBlocks_helperAndBlockByBlock_sameDigests(@ForAll("shaFamilies") HashAlgorithm algorithm,
                @ForAll @IntRange(min = 0, max = 1) int format, @ForAll @Size(max = 256) byte[] salt,
                @ForAll @IntRange(min = 9, max = 13) int blockSizeBits, @ForAll @IntRange(min = 1, max = 40) int count,
                @ForAll @IntRange(min = 0, max = 3) int skip, @ForAll long seed) throws Exception {
            int blockSize = 1 << blockSizeBits;
            VerityParameters parameters = VerityParameters.builder().algorithm(algorithm.veritySetupName())
                    .format(format).salt(salt).build();
            byte[] content = new byte[(skip + count) * blockSize];
            new Random(seed).nextBytes(content);
            Path file = Files.createTempFile("block-digests", ".data");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                channel.write(ByteBuffer.wrap(content), 0);
                Region region = new Region(channel, 0, "Data file");
                long md = OpenSslDigests.md(algorithm);
                byte[] inOneCall = new byte[count * algorithm.digestSize()];
                byte[] blockByBlock = new byte[inOneCall.length];

                new OpenSslBlockHasher(md, NativeBlockDigests.functions(algorithm).orElseThrow(), parameters, blockSize)
                        .hashBlocks(region, (long) skip * blockSize, count, blockSize, inOneCall);
                new OpenSslBlockHasher(md, null, parameters, blockSize)
                        .hashBlocks(region, (long) skip * blockSize, count, blockSize, blockByBlock);

                assertArrayEquals(blockByBlock, inOneCall);
                byte[] first = new byte[algorithm.digestSize()];
                new JdkBlockHasher(parameters).hash(content, skip * blockSize, blockSize, first, 0);
                assertArrayEquals(first, Arrays.copyOf(inOneCall, first.length));
            } finally {
                Files.delete(file);
            }
        }

        @Provide
        Arbitrary<HashAlgorithm> shaFamilies() {
            return Arbitraries.of(HashAlgorithm.SHA1, HashAlgorithm.SHA224, HashAlgorithm.SHA256,
                    HashAlgorithm.SHA384, HashAlgorithm.SHA512);
        }
    }

    /**
     * Skips a property when the helper is unavailable and skipping is allowed (jqwik counts an assumption that fails
     * inside a property as a rejected try, and one in a lifecycle method as an error).
     */
    static final class SkipWithoutTheHelper implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<String> reason = LibCrypto.unavailableReason().or(NativeBlockDigests::unavailableReason);
            if (reason.isEmpty() || Boolean.getBoolean("confext.requireAll")) {
                return SkipResult.doNotSkip();
            }
            return SkipResult.skip("block digest helper unavailable: " + reason.get());
        }
    }

    private static void requireHelper() {
        TestEnvironment.require(LibCrypto.unavailableReason().isEmpty(), "libcrypto unavailable");
        TestEnvironment.require(NativeBlockDigests.unavailableReason().isEmpty(),
                "block digest helper unavailable: " + NativeBlockDigests.unavailableReason().orElse(""));
    }
}
