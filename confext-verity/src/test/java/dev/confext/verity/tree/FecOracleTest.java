package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.verity.api.FecCheck;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidFecParametersException;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VerityTree;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Forward error correction against the real veritysetup: the parity bytes this library writes are
 * the bytes {@code veritysetup format --fec-device} writes (for random roots, block sizes, data
 * sizes that end in a partial round, and the three device layouts), and after corrupting the data
 * the FEC check reaches {@code veritysetup verify --fec-device}'s verdict, exit status and message
 * (the number of repairable errors, or the first round it cannot repair), also when the FEC
 * device was cut short.
 *
 * <pre>
 * layouts:  SEPARATE   data | hash | fec          (three files)
 *           TWO_FILES  data+hash (hash offset) | fec
 *           ONE_FILE   data, hash at hash offset, fec at fec offset, all in one file
 * </pre>
 */
class FecOracleTest {
    private static final String SALT = "9e7457222290f1bac0d42ad2de2d602a87bb871c22ab70ca040bad450578a436";
    private static final String UUID = "a60c98d2-ae9b-4865-bfcb-b4e3ace11033";

    enum Layout { SEPARATE, TWO_FILES, ONE_FILE }

    /** One generated scenario. */
    record FecCase(Layout layout, int blockSize, int roots, long dataBlocks, boolean superblock, long seed,
            int corruptedBytes, boolean truncatedFec) {
        long hashOffset() {
            return layout == Layout.SEPARATE ? 0 : (dataBlocks + 3) * blockSize;
        }

        long fecOffset() {
            // after the tree (at most dataBlocks / 16 + 4 blocks for these sizes), plus some slack
            return layout == Layout.ONE_FILE ? hashOffset() + (dataBlocks / 8 + 8) * blockSize + 512L * (seed & 3) : 0;
        }

        /** The data file's size in blocks: up to the FEC offset when everything shares it (which it must reach). */
        long fileBlocks() {
            switch (layout) {
                case SEPARATE:
                    return dataBlocks;
                case TWO_FILES:
                    return dataBlocks + 3 + dataBlocks / 8 + 8;
                default:
                    return (fecOffset() + blockSize - 1) / blockSize;
            }
        }

        List<String> options() {
            List<String> o = new ArrayList<>(List.of("--data-block-size=" + blockSize, "--hash-block-size=" + blockSize,
                    "--fec-roots=" + roots, "--salt=" + SALT));
            if (layout != Layout.SEPARATE) {
                o.add("--data-blocks=" + dataBlocks);
                o.add("--hash-offset=" + hashOffset());
            }
            if (layout == Layout.ONE_FILE) {
                o.add("--fec-offset=" + fecOffset());
            }
            if (!superblock) {
                o.add("--no-superblock");
            }
            return o;
        }

        VerityParameters parameters() {
            VerityParameters.Builder b = VerityParameters.builder().dataBlockSize(blockSize).hashBlockSize(blockSize)
                    .salt(SALT).uuid(UUID).hashOffset(hashOffset()).superblock(superblock);
            if (layout != Layout.SEPARATE) {
                b.dataBlocks(dataBlocks);
            }
            return b.build();
        }
    }

    @BeforeProperty
    void requireVeritysetup() {
        VeritySetup.require();
    }

    @Provide
    Arbitrary<FecCase> cases() {
        return Combinators.combine(Arbitraries.of(Layout.values()), Arbitraries.of(512, 1024, 4096),
                Arbitraries.integers().between(2, 24), Arbitraries.oneOf(Arbitraries.longs().between(1, 1200), Arbitraries.of(1L, 253L, 254L, 506L, 507L)),
                Arbitraries.of(true, false), Arbitraries.longs(), Arbitraries.integers().between(1, 400),
                Arbitraries.of(false, false, true)).as(FecCase::new);
    }

    @Property(tries = 40)
    void format_randomCase_sameParityBytesAsVeritysetup(@ForAll("cases") FecCase c) throws Exception {
        Path dir = Files.createTempDirectory("verity-fec");
        try {
            Files.createDirectories(dir.resolve("theirs"));
            Files.createDirectories(dir.resolve("ours"));
            Devices theirs = devices(dir.resolve("theirs"), c);
            Devices ours = devices(dir.resolve("ours"), c);
            List<String> format = new ArrayList<>(List.of("format", theirs.data.toString(), theirs.hash.toString(),
                    "--fec-device=" + theirs.fec, "--uuid=" + UUID));
            format.addAll(c.options());
            VeritySetup.Run run = VeritySetup.run(dir, format);
            assertEquals(0, run.status(), run.toString());

            VerityTree tree = VerityFormat.withThreads(2).newTreeBuilder(c.parameters(), ours.data, ours.hash)
                    .withFec(new FecParameters(ours.fec, c.roots(), c.fecOffset())).build();
            assertEquals(VeritySetup.field(run.stdout(), "Root hash"), tree.rootHashHex());
            assertEquals(VeritySetup.field(run.stdout(), "FEC blocks"),
                    Long.toString(tree.fec().orElseThrow().parityBlocks()));
            assertEquals(Sha256.of(theirs.fec), Sha256.of(ours.fec), "FEC device of " + c);
            assertEquals(Sha256.of(theirs.hash), Sha256.of(ours.hash), "hash device of " + c);
        } finally {
            VeritySetupOracleTest.deleteTree(dir);
        }
    }

    @Property(tries = 80)
    void verify_corruptedData_sameVerdictAsVeritysetup(@ForAll("cases") FecCase c) throws Exception {
        Path dir = Files.createTempDirectory("verity-fec");
        try {
            Devices d = devices(dir, c);
            List<String> format = new ArrayList<>(List.of("format", d.data.toString(), d.hash.toString(),
                    "--fec-device=" + d.fec, "--uuid=" + UUID));
            format.addAll(c.options());
            VeritySetup.Run formatted = VeritySetup.run(dir, format);
            assertEquals(0, formatted.status(), formatted.toString());
            String root = VeritySetup.field(formatted.stdout(), "Root hash");
            corrupt(d.data, c.dataBlocks() * c.blockSize(), c.corruptedBytes(), new Random(c.seed()));
            long keptParity = Long.MAX_VALUE;
            if (c.truncatedFec() && c.layout() != Layout.ONE_FILE) {
                // veritysetup then decodes with stale parity: the missing bytes repeat the device's last ones
                try (RandomAccessFile f = new RandomAccessFile(d.fec.toFile(), "rw")) {
                    keptParity = new Random(c.seed()).nextLong(f.length());
                    f.setLength(keptParity);
                }
            }

            List<String> verify = new ArrayList<>(List.of("verify", d.data.toString(), d.hash.toString(), root,
                    "--fec-device=" + d.fec));
            verify.addAll(c.options());
            VeritySetup.Run theirs = VeritySetup.run(dir, verify);
            String[] ours = ourVerify(c, d, HexFormat.of().parseHex(root));
            List<String> theirLines = theirs.stderr().lines().toList();
            String where = c + " (parity bytes kept: " + keptParity + "): veritysetup " + theirs;
            if (keptParity < c.roots()) {
                // Not even the first codeword's parity is left: veritysetup decodes it with the parity bytes
                // its stack array held before (never initialised), so its verdict is not reproducible; ours is
                // a clean verdict either way.
                assertEquals(true, ours[0].equals("0") || ours[0].equals("2"), where + "; ours " + ours[0]);
                return;
            }
            assertEquals(Integer.toString(theirs.status()), ours[0], where);
            assertEquals(theirLines.isEmpty() ? "" : theirLines.get(theirLines.size() - 1), ours[1], where);
        } finally {
            VeritySetupOracleTest.deleteTree(dir);
        }
    }

    /** Exit status and last message of veritysetup's verify path, from the library's results. */
    private static String[] ourVerify(FecCase c, Devices d, byte[] root) throws IOException {
        VerityFormat format = VerityFormat.withThreads(2);
        VerityParameters p = c.parameters();
        FecParameters fec = new FecParameters(d.fec, c.roots(), c.fecOffset());
        try {
            VerificationResult result = c.superblock()
                    ? format.verifyWithSuperblock(d.data, d.hash, c.hashOffset(), root, VerityProgressListener.NONE)
                    : format.verify(p, d.data, d.hash, root, VerityProgressListener.NONE);
            if (result.intact()) {
                return new String[] {"0", ""};
            }
            VerityFailure failure = result.failure().get();
            boolean rootMismatch = failure.kind() == VerityFailure.Kind.ROOT_MISMATCH;
            VerityParameters resolved = p.toBuilder().dataBlocks(result.geometry().dataBlocks()).build();
            FecCheck check = format.checkFec(resolved, d.data, d.hash, fec);
            if (!check.repairable()) {
                return new String[] {"2", "Errors cannot be repaired with FEC device."};
            }
            String last = check.errors() > 0 ? "Found " + check.errors() + " repairable errors with FEC device."
                    : rootMismatch ? failure.message() : "Verification of data area failed.";
            return new String[] {rootMismatch ? "2" : "0", last};
        } catch (InvalidFecParametersException e) {
            return new String[] {"1", "Errors cannot be repaired with FEC device."};
        } catch (VerityException e) {
            return new String[] {"1", e.getMessage()};
        }
    }

    /** Overwrites {@code count} bytes (clustered in a few blocks, as real damage) with random values. */
    private static void corrupt(Path file, long length, int count, Random random) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long start = random.nextLong(length);
            for (int i = 0; i < count; i++) {
                long position = random.nextInt(4) == 0 ? random.nextLong(length)
                        : Math.min(length - 1, start + random.nextInt(8192));
                f.seek(position);
                f.write(random.nextInt(256));
            }
        }
    }

    /** The three device paths of a layout, with random data written. */
    record Devices(Path data, Path hash, Path fec) {}

    private static Devices devices(Path dir, FecCase c) throws IOException {
        Path data = dir.resolve("img");
        byte[] content = new byte[(int) (c.fileBlocks() * c.blockSize())];
        Random random = new Random(c.seed());
        random.nextBytes(content);
        Files.write(data, content);
        switch (c.layout()) {
            case SEPARATE:
                return new Devices(data, dir.resolve("hash"), dir.resolve("fec"));
            case TWO_FILES:
                return new Devices(data, data, dir.resolve("fec"));
            default:
                return new Devices(data, data, data);
        }
    }
}
