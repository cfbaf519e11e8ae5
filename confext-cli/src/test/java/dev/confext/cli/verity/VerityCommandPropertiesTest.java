package dev.confext.cli.verity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.cli.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random {@code format} option sets, valid and invalid, over data files of random sizes (none, under a sector,
 * under a block, whole and partial blocks), sometimes with the hash in the data file; each run through veritysetup
 * and through {@code bin/verity}, then {@code verify} with the root hash printed and {@code dump}: the same exit
 * statuses, standard output and error lines, and, when the format succeeded, the same hash file. The salt and UUID
 * are fixed first so that the outputs can be compared; later options override them. Left out: {@code -v} (we
 * explain more) and what is documented as different (popt's "invalid numeric value", a negative hash offset).
 */
class VerityCommandPropertiesTest {
    private static final List<String> OPTIONS = List.of(
            "--hash=sha256", "--hash=sha1", "--hash=sha512", "--hash=SHA256", "--hash=md5", "--hash=blake2b-512",
            "--hash=nosuch", "--hash=",
            "--format=0", "--format=1", "--format=2",
            "--data-block-size=512", "--data-block-size=1024", "--data-block-size=8192", "--data-block-size=1000",
            "--data-block-size=524288",
            "--hash-block-size=512", "--hash-block-size=1024", "--hash-block-size=8192", "--hash-block-size=256",
            "--salt=-", "--salt=ab", "--salt=ABCD", "--salt=abc", "--salt=zz", "--salt=", "--salt=" + "11".repeat(256),
            "--salt=" + "11".repeat(257),
            "--uuid=bad", "--uuid=", "--uuid=11111111222233334444555555555555",
            "--no-superblock",
            "--hash-offset=512", "--hash-offset=4096", "--hash-offset=511", "--hash-offset=1048576",
            "--data-blocks=1", "--data-blocks=17", "--data-blocks=257", "--data-blocks=1000", "--data-blocks=-1");
    private static final List<Integer> SIZES = List.of(0, 100, 512, 4096, 3 * 4096 + 5, 1 << 20, (1 << 20) + 512);

    /** One scenario: the data file's size and content seed, whether the hash goes into it, the extra options. */
    record Scenario(int dataBytes, long seed, boolean sameFile, List<String> options) {}

    @BeforeProperty
    void requireVeritysetup() {
        TestEnvironment.requireTool("veritysetup");
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(Arbitraries.of(SIZES), Arbitraries.longs(), Arbitraries.integers().between(0, 6),
                Arbitraries.of(OPTIONS).list().ofMaxSize(4))
                .as((size, seed, same, options) -> new Scenario(size, seed, same == 0, options));
    }

    @Property(tries = 100)
    void formatVerifyDump_randomOptions_sameAsVeritysetup(@ForAll("scenarios") Scenario s) throws Exception {
        Path dir = Files.createTempDirectory("verity-options");
        try {
            byte[] content = new byte[s.dataBytes()];
            new Random(s.seed()).nextBytes(content);
            Path data = dir.resolve("data");
            Path hash = s.sameFile() ? data : dir.resolve("hash");
            List<String> options = new ArrayList<>(List.of("--salt=5a", "--uuid=11111111-2222-3333-4444-555555555555"));
            options.addAll(s.options());

            Files.write(data, content);
            Files.deleteIfExists(dir.resolve("hash"));
            Runs theirs = runAll(true, data, hash, options);
            Files.write(data, content);
            Files.deleteIfExists(dir.resolve("hash"));
            Runs ours = runAll(false, data, hash, options);

            String where = s.toString();
            assertEquals(theirs.format(), ours.format(), "format " + where);
            assertEquals(theirs.verify(), ours.verify(), "verify " + where);
            assertEquals(theirs.dump(), ours.dump(), "dump " + where);
            if (theirs.format().status() == 0) {
                assertArrayEquals(theirs.hashFile(), ours.hashFile(), "hash file " + where);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The three runs of one tool and the hash file its format left. */
    private record Runs(VerityCommandTest.Result format, VerityCommandTest.Result verify,
            VerityCommandTest.Result dump, byte[] hashFile) {}

    private static Runs runAll(boolean veritysetup, Path data, Path hash, List<String> options) throws Exception {
        List<String> format = new ArrayList<>(List.of("format", data.toString(), hash.toString()));
        format.addAll(options);
        VerityCommandTest.Result formatted = run(veritysetup, format);
        byte[] hashFile = Files.exists(hash) ? Files.readAllBytes(hash) : null;
        String root = formatted.out().lines().filter(l -> l.startsWith("Root hash:"))
                .map(l -> l.substring(l.indexOf('\t') + 1)).findFirst().orElse(null);
        VerityCommandTest.Result verified = null;
        if (root != null) {
            List<String> verify = new ArrayList<>(List.of("verify", data.toString(), hash.toString(), root));
            verify.addAll(options);
            verified = run(veritysetup, verify);
        }
        List<String> dump = new ArrayList<>(List.of("dump", hash.toString()));
        options.stream().filter(o -> o.startsWith("--hash-offset")).forEach(dump::add);
        return new Runs(formatted, verified, run(veritysetup, dump), hashFile);
    }

    private static VerityCommandTest.Result run(boolean veritysetup, List<String> args)
            throws IOException, InterruptedException {
        String[] a = args.toArray(String[]::new);
        return veritysetup ? VerityCommandTest.theirs(a) : VerityCommandTest.ours(a);
    }
}
