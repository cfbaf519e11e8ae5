package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * A tree made by veritysetup, then one byte flipped anywhere in the data file or the hash file
 * (data blocks, tree blocks, padding, superblock, unprotected tail): this library's verification
 * must reach veritysetup's verdict, exit status and message (the same failing position).
 */
class CorruptionOracleTest {
    @BeforeProperty
    void requireVeritysetup() {
        VeritySetup.require();
    }

    @Provide
    Arbitrary<RandomCase> cases() {
        return RandomCases.cases().filter(c -> !c.sameFile() || c.superblock());
    }

    @Property(tries = 30)
    void verify_oneByteFlipped_sameVerdictAsVeritysetup(@ForAll("cases") RandomCase c, @ForAll HashEngine engine)
            throws Exception {
        EngineSelection.with(engine, c.parameters().algorithm(), () -> damageAndCompare(c, CorruptionOracleTest::flipOne));
    }

    /** One byte flipped in the data or the hash file; returns where, for the failure message. */
    private static String flipOne(RandomCase c, Random random, Formatted f) throws Exception {
        boolean inData = c.sameFile() || random.nextBoolean();
        Path victim = inData && !c.sameFile() ? f.data() : f.hash();
        long position = victim.equals(f.hash()) && !(inData && random.nextInt(4) > 0)
                ? hashPosition(c, random, Files.size(victim))
                : random.nextLong(Math.max(1, c.dataBytes()));
        Assume.that(position < Files.size(victim));
        flip(victim, position, (byte) (1 + random.nextInt(255)));
        return "flipped " + victim.getFileName() + "@" + position;
    }

    @Provide
    Arbitrary<RandomCase> separateFiles() {
        return RandomCases.cases().filter(c -> !c.sameFile());
    }

    /**
     * A tree made by veritysetup, then the data or the hash file cut short, and sometimes a byte flipped before
     * the cut: veritysetup checks entry by entry and stops at the first read past the end, so a flipped byte
     * before that point is reported with its position, and otherwise the cut ends verification with status 1.
     */
    @Property(tries = 40)
    void verify_cutShortAndFlipped_sameVerdictAsVeritysetup(@ForAll("separateFiles") RandomCase c,
            @ForAll HashEngine engine) throws Exception {
        EngineSelection.with(engine, c.parameters().algorithm(), () -> damageAndCompare(c, CorruptionOracleTest::cutShort));
    }

    /** The data or the hash file cut short, sometimes a byte flipped before the cut; returns what was done. */
    private static String cutShort(RandomCase c, Random random, Formatted f) throws Exception {
        Path cut = random.nextBoolean() ? f.data() : f.hash();
        long size = Files.size(cut);
        long keep = random.nextInt(3) == 0 ? size - 1 - random.nextLong(Math.max(1, Math.min(size, 4096)))
                : random.nextLong(Math.max(1, size));
        keep = Math.max(c.superblock() && cut.equals(f.hash()) ? c.hashOffset() + 512 : 0, keep);
        Assume.that(keep < size);
        try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
        String flipped = "nothing";
        if (random.nextBoolean()) {
            Path victim = random.nextBoolean() ? f.data() : f.hash();
            long limit = Files.size(victim);
            long from = victim.equals(f.hash()) && c.superblock() ? c.hashOffset() + 512 : 0;
            if (limit > from) {
                long position = from + random.nextLong(limit - from);
                flip(victim, position, (byte) (1 + random.nextInt(255)));
                flipped = victim.getFileName() + "@" + position;
            }
        }
        return "cut " + cut.getFileName() + " to " + keep + " of " + size + ", flipped " + flipped;
    }

    /** Damage done to a formatted case; returns what was done, for the failure message. */
    @FunctionalInterface
    private interface Damage {
        String apply(RandomCase c, Random random, Formatted formatted) throws Exception;
    }

    /**
     * Formats case {@code c} with veritysetup, applies {@code damage}, then verifies with veritysetup and with this
     * library: the same exit status, and the same first error line when both report a failure.
     */
    private static void damageAndCompare(RandomCase c, Damage damage) throws Exception {
        Path dir = Files.createTempDirectory("verity-damaged");
        try {
            Random random = new Random(c.seed());
            Formatted f = formatWithVeritysetup(c, dir, random);
            String done = damage.apply(c, random, f);
            List<String> verify = new ArrayList<>(List.of("verify", f.data().toString(), f.hash().toString(), f.root()));
            verify.addAll(c.options());
            VeritySetup.Run theirs = VeritySetup.run(dir, verify);
            Outcome ours = ourVerify(c, f.data(), f.hash(), HexFormat.of().parseHex(f.root()));
            String where = done + "; veritysetup: " + theirs;
            assertEquals(theirs.status(), ours.status, where + "; ours: " + ours.message);
            if (theirs.status() != 0 && ours.failure) {
                assertEquals(theirs.firstError(), ours.message, where);
            }
        } finally {
            VeritySetupOracleTest.deleteTree(dir);
        }
    }

    /** The files of one case, formatted by veritysetup, and the root hash it printed. */
    private record Formatted(Path data, Path hash, String root) {}

    /** Random data for case {@code c} in {@code dir}, formatted by veritysetup with the case's options. */
    private static Formatted formatWithVeritysetup(RandomCase c, Path dir, Random random) throws Exception {
        byte[] content = new byte[(int) c.dataBytes()];
        random.nextBytes(content);
        Path data = dir.resolve("data");
        Files.write(data, content);
        Path hash = c.sameFile() ? data : dir.resolve("hash");
        List<String> format = new ArrayList<>(List.of("format", data.toString(), hash.toString()));
        format.addAll(c.options());
        VeritySetup.Run formatted = VeritySetup.run(dir, format);
        Assume.that(formatted.status() == 0);
        return new Formatted(data, hash, VeritySetup.field(formatted.stdout(), "Root hash"));
    }

    /** Anywhere in the hash file, or (more often than uniform) in the superblock or the top tree blocks. */
    private static long hashPosition(RandomCase c, Random random, long size) {
        int choice = random.nextInt(4);
        if (choice == 0 && c.superblock()) {
            return c.hashOffset() + random.nextInt(512);
        }
        long blocks = c.dataBlocks() > 0 ? c.dataBlocks() : c.dataBytes() / c.dataBlockSize();
        var geometry = c.parameters().geometry(blocks);
        if (choice == 1 && geometry.levels() > 0) {
            long top = geometry.levelOffset(geometry.levels() - 1);
            return top + random.nextLong(Math.min(size - top, 2L * geometry.hashBlockSize()));
        }
        return size == 0 ? 0 : random.nextLong(size);
    }

    /** Our verdict mapped to veritysetup's exit statuses. */
    private record Outcome(int status, String message, boolean failure) {}

    private static Outcome ourVerify(RandomCase c, Path data, Path hash, byte[] root) {
        VerityFormat format = VerityFormat.withThreads(2);
        try {
            VerificationResult result;
            if (c.superblock()) {
                result = format.verifyWithSuperblock(data, hash, c.hashOffset(), root, VerityProgressListener.NONE);
            } else {
                VerityParameters p = c.parameters();
                result = format.verify(p, data, hash, root, VerityProgressListener.NONE);
            }
            if (result.intact()) {
                return new Outcome(0, "", false);
            }
            VerityFailure f = result.failure().get();
            return new Outcome(f.kind() == VerityFailure.Kind.ROOT_MISMATCH ? 1 : 2, f.message(), true);
        } catch (DeviceNotFoundException e) {
            return new Outcome(4, e.getMessage(), false);
        } catch (VerityException | IllegalArgumentException e) {
            return new Outcome(1, e.getMessage(), false);
        }
    }

    static void flip(Path file, long position, byte mask) throws java.io.IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.flip();
            byte v = (byte) (b.get(0) ^ mask);
            ch.write(ByteBuffer.wrap(new byte[] {v}), position);
        }
    }
}
