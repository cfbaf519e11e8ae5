package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VerityTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import dev.confext.verity.api.HashAlgorithm;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random parameter combinations (algorithms, formats, block sizes, salts including empty, no
 * superblock, hash offsets, explicit data block counts, data and hash in one file) formatted by the
 * real veritysetup and by this library, with either {@link HashEngine}, must give identical files
 * and root hashes.
 */
class VeritySetupOracleTest {
    @BeforeProperty
    void requireVeritysetup() {
        VeritySetup.require();
    }

    @Provide
    Arbitrary<RandomCase> cases() {
        return RandomCases.cases();
    }

    @Property(tries = 30)
    void build_randomParameters_identicalToVeritysetup(@ForAll("cases") RandomCase c, @ForAll HashEngine engine)
            throws Exception {
        EngineSelection.with(engine, c.parameters().algorithm(), () -> build(c));
    }

    /**
     * Every algorithm veritysetup takes, in both formats, through both engines: a two-level tree
     * over 600 blocks of 512 bytes with a 7-byte salt (so neither salt nor slot is aligned), the
     * superblock naming the algorithm.
     */
    @Example
    void build_everyAlgorithmBothFormats_identicalToVeritysetup() throws Exception {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            for (int format = 0; format <= 1; format++) {
                for (HashEngine engine : HashEngine.values()) {
                    RandomCase c = new RandomCase(algorithm.veritySetupName(), format, 512, 512,
                            new byte[] {1, 2, 3, 4, 5, 6, 7}, true, 0, 0, 600 * 512L, false, 42L * format);
                    EngineSelection.with(engine, algorithm, () -> build(c));
                }
            }
        }
    }

    private void build(RandomCase c) throws Exception {
        Path dir = Files.createTempDirectory("verity-oracle");
        try {
            byte[] content = new byte[(int) c.dataBytes()];
            new Random(c.seed()).nextBytes(content);
            Path theirData = dir.resolve("their.data");
            Path ourData = dir.resolve("our.data");
            Files.write(theirData, content);
            Files.write(ourData, content);
            Path theirHash = c.sameFile() ? theirData : dir.resolve("their.hash");
            Path ourHash = c.sameFile() ? ourData : dir.resolve("our.hash");

            List<String> args = new ArrayList<>(List.of("format", theirData.toString(), theirHash.toString()));
            args.addAll(c.options());
            VeritySetup.Run run = VeritySetup.run(dir, args);
            VerityParameters parameters = c.parameters();
            if (run.status() != 0) {
                assertThrows(VerityException.class,
                        () -> VerityFormat.withThreads(2).newTreeBuilder(parameters, ourData, ourHash).build(),
                        "veritysetup failed: " + run.stderr());
                return;
            }
            VerityTree tree = VerityFormat.withThreads(2).newTreeBuilder(parameters, ourData, ourHash).build();

            assertEquals(VeritySetup.field(run.stdout(), "Root hash"), tree.rootHashHex(), "root hash");
            assertEquals(Files.size(theirHash), Files.size(ourHash), "hash file size");
            assertArrayEquals(Files.readAllBytes(theirHash), Files.readAllBytes(ourHash), "hash file bytes");
            assertEquals(Long.parseLong(VeritySetup.field(run.stdout(), "Data blocks")), tree.geometry().dataBlocks());
            assertEquals(Long.parseLong(VeritySetup.field(run.stdout(), "Hash blocks")), tree.geometry().treeBlocks());

            // Verification agrees with veritysetup's (which fails when a tree without superblock, in the
            // data file, starts below the hash offset and overwrote data blocks).
            List<String> verifyArgs = new ArrayList<>(List.of("verify", theirData.toString(), theirHash.toString(),
                    tree.rootHashHex()));
            verifyArgs.addAll(c.options());
            VeritySetup.Run theirVerify = VeritySetup.run(dir, verifyArgs);
            VerificationResult ours = VerityFormat.withThreads(2).verify(tree.parameters(), ourData, ourHash,
                    HexFormat.of().parseHex(tree.rootHashHex()), VerityProgressListener.NONE);
            assertEquals(theirVerify.status() == 0, ours.intact(), () -> "veritysetup verify: " + theirVerify);
            ours.failure().ifPresent(f -> assertEquals(theirVerify.firstError(), f.message()));
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
