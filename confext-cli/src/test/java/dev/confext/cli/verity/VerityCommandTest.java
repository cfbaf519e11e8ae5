package dev.confext.cli.verity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/verity} against the real veritysetup: same standard output, error lines, exit
 * statuses and files, for the same arguments and the same paths.
 */
class VerityCommandTest {
    private static final String SALT = "--salt=9e7457222290f1bac0d42ad2de2d602a87bb871c22ab70ca040bad450578a436";
    private static final String UUID = "--uuid=11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;
    private Path data;

    /** Exit status and output of one run. */
    record Result(int status, String out, String err) {}

    @BeforeEach
    void data() throws IOException {
        data = dir.resolve("data");
        byte[] bytes = new byte[4096 * 300 + 100];
        new Random(1).nextBytes(bytes);
        Files.write(data, bytes);
    }

    static Result ours(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerityCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result theirs(String... args) throws IOException, InterruptedException {
        TestEnvironment.requireTool("veritysetup");
        List<String> command = new ArrayList<>(List.of("veritysetup"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    /** Formats with both tools into the same path in turn; returns both results and both files. */
    private void assertFormatSame(String... options) throws Exception {
        Path hash = dir.resolve("hash");
        Files.deleteIfExists(hash);
        List<String> args = new ArrayList<>(List.of("format", data.toString(), hash.toString()));
        args.addAll(List.of(options));
        Result theirs = theirs(args.toArray(String[]::new));
        byte[] theirFile = Files.readAllBytes(hash);
        Files.delete(hash);
        Result ours = ours(args.toArray(String[]::new));
        byte[] ourFile = Files.readAllBytes(hash);

        assertEquals(theirs, ours);
        assertArrayEquals(theirFile, ourFile);
    }

    @Test
    void format_defaultsWithFixedSaltAndUuid_sameOutputAndFile() throws Exception {
        assertFormatSame(SALT, UUID);
    }

    @Test
    void format_noSuperblockHashOffset_sameOutputAndFile() throws Exception {
        assertFormatSame("--salt=-", "--no-superblock", "--hash-offset=8192", "--data-blocks=200");
    }

    @Test
    void format_sha1Format0SmallBlocksOffset_sameOutputAndFile() throws Exception {
        assertFormatSame("-h", "sha1", "--format=0", "--data-block-size=1024", "--hash-block-size=512", "-s", "abcdef",
                UUID, "--hash-offset=1536");
    }

    @Test
    void format_upperCaseAndLegacyAlgorithmNames_sameOutputAndFile() throws Exception {
        assertFormatSame("--hash=SHA256", SALT, UUID);
        assertFormatSame("--hash=Whirlpool", SALT, UUID, "--hash-block-size=1024");
        assertFormatSame("--hash=rmd160", SALT, UUID, "--format=0");
    }

    /**
     * Refused parameters and unusable devices, each run with veritysetup and bin/verity on the same
     * files: same exit status and same stderr (veritysetup's own line; our explanation only under -v).
     */
    @Test
    void run_refusedParametersAndDevices_sameStatusAndMessageAsVeritysetup() throws Exception {
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[100]);
        String hash = dir.resolve("hash").toString();
        String d = data.toString();
        Result formatted = theirs("format", d, hash, "--no-superblock", "--salt=-");
        String root = formatted.out().lines().filter(l -> l.startsWith("Root hash:"))
                .map(l -> l.substring(l.indexOf('\t') + 1)).findFirst().orElseThrow();
        List<List<String>> cases = List.of(
                List.of("format", d, "h1", "--data-block-size=1000"),
                List.of("format", d, "h1", "--hash-block-size=256"),
                List.of("format", d, "h1", "--hash-offset=4097"),
                List.of("format", d, "h1", "--salt=zz"),
                List.of("format", d, "h1", "--salt=abc"),
                List.of("format", d, "h1", "--salt=" + "00".repeat(257)),
                List.of("format", d, "h1", "--uuid=bad"),
                List.of("format", d, "h1", "--format=2"),
                List.of("format", d, "h1", "--hash=nosuch"),
                List.of("format", d, "h1", "--data-blocks=1000"),
                List.of("format", tiny.toString(), "h1"),
                List.of("format", dir.toString(), "h1"),
                List.of("format", "/dev/null", "h1"),
                List.of("format", d, dir.toString()),
                List.of("verify", d, hash, root, "--no-superblock", "--salt=-", "--uuid=bad"),
                List.of("verify", d, hash, root, "--no-superblock", "--salt=-", "--data-blocks=1000"),
                List.of("verify", d, hash, root, "--no-superblock", "--salt=-", "--hash-offset=511"),
                List.of("verify", tiny.toString(), hash, root, "--no-superblock", "--salt=-"),
                List.of("verify", dir.toString(), hash, root, "--no-superblock", "--salt=-"),
                List.of("dump", hash, "--hash-offset=511"),
                List.of("dump", dir.toString()));
        for (List<String> args : cases) {
            List<String> inDir = args.stream().map(a -> a.equals("h1") ? dir.resolve("h1").toString() : a).toList();
            Result theirs = theirs(inDir.toArray(String[]::new));
            Files.deleteIfExists(dir.resolve("h1"));
            Result ours = ours(inDir.toArray(String[]::new));
            Files.deleteIfExists(dir.resolve("h1"));
            assertEquals(theirs.status(), ours.status(), args + ": " + ours);
            assertEquals(theirs.err(), ours.err(), args.toString());
        }
    }

    @Test
    void run_extraOperands_ignoredAsVeritysetup() throws Exception {
        Path hash = dir.resolve("hash");
        Result theirs = theirs("format", data.toString(), hash.toString(), "extra", SALT, UUID);
        Files.delete(hash);
        Result ours = ours("format", data.toString(), hash.toString(), "extra", SALT, UUID);
        assertEquals(theirs, ours);
        assertEquals(0, ours.status());
        assertEquals(theirs("dump", hash.toString(), "extra"), ours("dump", hash.toString(), "extra"));
    }

    @Test
    void format_invalidBlockSize_statusOne() throws Exception {
        Result r = ours("format", data.toString(), dir.resolve("h").toString(), "--data-block-size=1000");
        assertEquals(theirs("format", data.toString(), dir.resolve("h2").toString(), "--data-block-size=1000").status(),
                r.status());
        assertTrue(r.err().startsWith("Unsupported VERITY block size"), r.err());
    }

    @Test
    void format_debug_hashLinesThenVeritysetupOutputAndCommandSuccessful() throws Exception {
        Path hash = dir.resolve("hash");
        Result theirs = theirs("format", data.toString(), hash.toString(), SALT, UUID, "--debug");
        Files.delete(hash);
        Result r = ours("format", data.toString(), hash.toString(), SALT, UUID, "--debug");
        assertEquals(theirs.status(), r.status(), r.toString());
        assertEquals(withoutDebugLines(theirs.out()), withoutDebugLines(r.out()));
        assertTrue(r.out().endsWith("Command successful.\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("# Hashing 300 data blocks.")), r.out());
    }

    @Test
    void format_openOnlyOptions_notAllowedWithStatusOne() throws Exception {
        for (String option : List.of("--ignore-corruption", "--restart-on-corruption", "--panic-on-corruption",
                "--ignore-zero-blocks", "--use-tasklets", "--deferred", "--cancel-deferred",
                "--root-hash-signature=" + dir.resolve("sig"))) {
            Result r = ours("format", data.toString(), dir.resolve("h").toString(), option);
            Result theirs = theirs("format", data.toString(), dir.resolve("h2").toString(), option);
            assertEquals(theirs.status(), r.status(), option + ": " + r);
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            assertTrue(r.err().startsWith("verity: Option " + name + " is not allowed with format action."), r.err());
        }
    }

    @Test
    void verify_checkAtMostOnce_acceptedAsVeritysetupDoes() throws Exception {
        Path hash = dir.resolve("hash");
        Result formatted = ours("format", data.toString(), hash.toString(), SALT, UUID);
        String root = formatted.out().lines().filter(l -> l.startsWith("Root hash:"))
                .map(l -> l.substring(l.indexOf('\t') + 1)).findFirst().orElseThrow();
        Result theirs = theirs("verify", data.toString(), hash.toString(), root, "--check-at-most-once");
        assertEquals(theirs.status(), ours("verify", data.toString(), hash.toString(), root, "--check-at-most-once")
                .status());
    }

    @Test
    void usage_printsSynopsisWithStatusZero() {
        Result r = ours("--usage");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: verity "), r.out());
        assertTrue(r.out().contains("--debug"), r.out());
    }

    @Test
    void open_needsDeviceMapper_statusOneWithReason() {
        Result r = ours("open", data.toString(), "name", dir.resolve("hash").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("needs device-mapper"), r.err());
    }

    private static String withoutDebugLines(String out) {
        return String.join("\n", out.lines().filter(l -> !l.startsWith("#") && !l.startsWith("UUID:")).toList());
    }

    @Test
    void format_missingData_statusFour() throws Exception {
        Path absent = dir.resolve("absent");
        Result theirs = theirs("format", absent.toString(), dir.resolve("h1").toString());
        Result ours = ours("format", absent.toString(), dir.resolve("h2").toString());
        assertEquals(theirs.status(), ours.status());
        assertEquals(theirs.err(), ours.err());
    }

    @Test
    void format_rootHashFile_exactlyTheHexWithoutNewline() throws Exception {
        Path root = dir.resolve("root");
        Result r = ours("format", data.toString(), dir.resolve("hash").toString(), SALT, UUID,
                "--root-hash-file=" + root);
        assertEquals(0, r.status());
        String hex = Files.readString(root);
        assertTrue(hex.matches("[0-9a-f]{64}"), hex);
        assertTrue(r.out().contains("Root hash:      \t" + hex + "\n"));
    }

    @Test
    void dump_superblock_sameOutput() throws Exception {
        Path hash = dir.resolve("hash");
        theirs("format", data.toString(), hash.toString(), SALT, UUID);
        assertEquals(theirs("dump", hash.toString()), ours("dump", hash.toString()));
    }

    @Test
    void verify_corruptedSuperblockSignature_sameStatusAndMessage() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), "--root-hash-file=" + root);
        byte[] bytes = Files.readAllBytes(hash);
        bytes[0] ^= 0x20;
        Files.write(hash, bytes);
        String[] args = {"verify", data.toString(), hash.toString(), Files.readString(root)};

        assertEquals(theirs(args), ours(args));
    }

    /** One superblock field rewritten: its byte offset, its width in bytes (0: a NUL-padded name), the new value. */
    record FieldRewrite(int offset, int width, String value) {
        void applyTo(Path hash) throws IOException {
            byte[] bytes = Files.readAllBytes(hash);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            switch (width) {
                case 0 -> {
                    byte[] name = java.util.Arrays.copyOf(value.getBytes(StandardCharsets.US_ASCII), 32);
                    b.put(offset, name);
                }
                case 2 -> b.putShort(offset, (short) Integer.parseInt(value));
                case 4 -> b.putInt(offset, Integer.parseUnsignedInt(value));
                case 8 -> b.putLong(offset, Long.parseUnsignedLong(value));
                default -> throw new IllegalArgumentException("width " + width);
            }
            Files.write(hash, bytes);
        }
    }

    static List<FieldRewrite> superblockRewrites() {
        return List.of(
                new FieldRewrite(8, 4, "7"), // version
                new FieldRewrite(8, 4, "4294967295"),
                new FieldRewrite(12, 4, "2"), // hash type
                new FieldRewrite(12, 4, "4294967295"),
                new FieldRewrite(32, 0, "nosuch"), // algorithm
                new FieldRewrite(32, 0, "SHA256"),
                new FieldRewrite(32, 0, ""),
                new FieldRewrite(64, 4, "256"), // data block size
                new FieldRewrite(64, 4, "8192"),
                new FieldRewrite(68, 4, "1048576"), // hash block size
                new FieldRewrite(72, 8, "0"), // data blocks: 0 means the whole device
                new FieldRewrite(72, 8, "299"),
                new FieldRewrite(72, 8, "1000000000"),
                new FieldRewrite(72, 8, "4503599627370496"), // 2^52 blocks of 4 KiB pass 2^64 bytes
                new FieldRewrite(72, 8, "9223372036854775807"),
                new FieldRewrite(72, 8, "9223372036854775808"),
                new FieldRewrite(72, 8, "18446744073709551615"),
                new FieldRewrite(80, 2, "257"), // salt size
                new FieldRewrite(80, 2, "31"));
    }

    /**
     * A superblock written by veritysetup, then one field rewritten: {@code dump} and {@code verify} print what
     * veritysetup prints for it (its line for the refused field, the unsigned data block count, the hash block
     * count worked out as it works it out) with the same status.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("superblockRewrites")
    void verifyAndDump_superblockFieldRewritten_sameAsVeritysetup(FieldRewrite rewrite) throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), SALT, UUID, "--root-hash-file=" + root);
        rewrite.applyTo(hash);
        String[] verify = {"verify", data.toString(), hash.toString(), Files.readString(root)};
        assertEquals(theirs(verify), ours(verify));
        assertEquals(theirs("dump", hash.toString()), ours("dump", hash.toString()));
    }

    /**
     * A hash or FEC image name that is a symbolic link to nothing: veritysetup creates no target through it and
     * fails (status 4 for the hash device, 3 for the FEC device); so do we, and the target stays absent.
     */
    @Test
    void format_danglingLinkAsHashOrFecImage_refusedLikeVeritysetup() throws Exception {
        Path link = dir.resolve("link");
        Path target = dir.resolve("target");
        Path hash = dir.resolve("hash");
        List<List<String>> cases = List.of(List.of("format", data.toString(), link.toString(), SALT, UUID),
                List.of("format", data.toString(), hash.toString(), SALT, UUID, "--fec-device=" + link));
        for (List<String> args : cases) {
            String[] a = args.toArray(String[]::new);
            Files.createSymbolicLink(link, target);
            Result theirs = theirs(a);
            Files.deleteIfExists(hash);
            Result ours = ours(a);
            assertEquals(theirs, ours, args.toString());
            assertTrue(Files.notExists(target), args.toString());
            Files.delete(link);
            Files.deleteIfExists(hash);
        }
    }

    /** With both a root hash operand and {@code --root-hash-file}, veritysetup takes the file. */
    @Test
    void verify_rootHashFileAndOperand_fileWinsAsInVeritysetup() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        Path wrong = dir.resolve("wrong");
        theirs("format", data.toString(), hash.toString(), SALT, UUID, "--root-hash-file=" + root);
        Files.writeString(wrong, "zz" + Files.readString(root).substring(2));
        String[] goodFile = {"verify", data.toString(), hash.toString(), "00", "--root-hash-file=" + root};
        String[] badFile = {"verify", data.toString(), hash.toString(), Files.readString(root),
                "--root-hash-file=" + wrong};
        assertEquals(theirs(goodFile), ours(goodFile));
        assertEquals(0, ours(goodFile).status());
        assertEquals(theirs(badFile), ours(badFile));
    }

    /**
     * A root hash file that does not exist: veritysetup's message; but where veritysetup 2.6 then exits 0 without
     * having verified anything, we exit 1.
     */
    @Test
    void verify_missingRootHashFile_veritysetupsMessageButFailure() throws Exception {
        Path hash = dir.resolve("hash");
        theirs("format", data.toString(), hash.toString(), SALT, UUID);
        String missing = dir.resolve("missing").toString();
        String[] args = {"verify", data.toString(), hash.toString(), "--root-hash-file=" + missing};
        Result theirs = theirs(args);
        Result ours = ours(args);
        assertEquals("Cannot read root hash file " + missing + ".\n", theirs.err());
        assertEquals(theirs.err(), ours.err());
        assertEquals(VerityExit.INVALID, ours.status());
    }

    /** A hash device cut inside the tree: veritysetup says only that the data area failed, so do we. */
    @Test
    void verify_truncatedHashDevice_sameAsVeritysetup() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), SALT, UUID, "--root-hash-file=" + root);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(hash,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(8192);
        }
        String[] verify = {"verify", data.toString(), hash.toString(), Files.readString(root)};
        Result theirs = theirs(verify);
        assertEquals(theirs, ours(verify));
        assertEquals("Verification of data area failed.\n", theirs.err());
    }

    /**
     * {@code --data-blocks} read as veritysetup reads it (unsigned, blanks and a sign allowed, a negative count
     * wrapping around), and counts whose sizes overflow refused with its line before the device is looked at.
     */
    @Test
    void run_dataBlockCounts_sameStatusAndMessageAsVeritysetup() throws Exception {
        String d = data.toString();
        String h1 = dir.resolve("h1").toString();
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", d, hash.toString(), SALT, UUID, "--no-superblock", "--root-hash-file=" + root);
        String r = Files.readString(root);
        for (String count : List.of("4503599627370496", "72057594037927936", "9223372036854775807",
                "9223372036854775808", "18446744073709551615", "-1", "-300", " 7", "+7", "1000000")) {
            for (List<String> args : List.of(List.of("format", d, h1, SALT, UUID, "--data-blocks=" + count),
                    List.of("verify", d, hash.toString(), r, SALT, "--no-superblock", "--data-blocks=" + count))) {
                String[] a = args.toArray(String[]::new);
                Result theirs = theirs(a);
                Files.deleteIfExists(Path.of(h1));
                Result ours = ours(a);
                Files.deleteIfExists(Path.of(h1));
                assertEquals(theirs, ours, args.toString());
            }
        }
    }

    @Test
    void dump_notAVerityDeviceVerbose_explainsBeforeVeritysetupsLine() throws Exception {
        Result ours = ours("dump", "-v", data.toString());
        assertEquals(1, ours.status());
        assertTrue(ours.err().contains("Not a verity superblock"), ours.err());
        assertTrue(ours.err().contains("Device " + data + " is not a valid VERITY device.\n"), ours.err());
    }

    @Test
    void dump_notAVerityDevice_statusOne() throws Exception {
        assertEquals(theirs("dump", data.toString()), ours("dump", data.toString()));
    }

    @Test
    void verify_intact_silentStatusZero() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), "--root-hash-file=" + root);
        assertEquals(new Result(0, "", ""), ours("verify", data.toString(), hash.toString(), Files.readString(root)));
        assertEquals(new Result(0, "", ""), ours("verify", data.toString(), hash.toString(), "--root-hash-file=" + root));
    }

    @Test
    void verify_corruptDataBlock_sameMessagesAndStatus() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), "--root-hash-file=" + root);
        byte[] bytes = Files.readAllBytes(data);
        bytes[4096 * 200 + 5] ^= 0x40;
        Files.write(data, bytes);
        String[] args = {"verify", data.toString(), hash.toString(), Files.readString(root)};
        Result theirs = theirs(args);
        assertEquals(2, theirs.status());
        assertEquals(theirs, ours(args));
    }

    @Test
    void verify_wrongRoot_sameMessageAndStatus() throws Exception {
        Path hash = dir.resolve("hash");
        theirs("format", data.toString(), hash.toString());
        String[] args = {"verify", data.toString(), hash.toString(), "00".repeat(32)};
        assertEquals(theirs(args), ours(args));
    }

    @Test
    void verify_rootOfWrongLength_invalidRootHash() throws Exception {
        Path hash = dir.resolve("hash");
        theirs("format", data.toString(), hash.toString());
        String[] args = {"verify", data.toString(), hash.toString(), "abcd"};
        assertEquals(theirs(args), ours(args));
    }

    @Test
    void verify_verbose_commandSuccessful() throws Exception {
        Path hash = dir.resolve("hash");
        Path root = dir.resolve("root");
        theirs("format", data.toString(), hash.toString(), "--root-hash-file=" + root);
        String[] args = {"verify", "-v", data.toString(), hash.toString(), Files.readString(root)};
        assertEquals(theirs(args), ours(args));
    }

    @Test
    void verify_missingRoot_statusOne() {
        Result r = ours("verify", data.toString(), dir.resolve("hash").toString());
        assertEquals(1, r.status());
        assertEquals("Command requires <root_hash> or --root-hash-file option as argument.\n", r.err());
    }

    @Test
    void run_unknownActionOrOption_statusOne() {
        assertEquals(1, ours("bogus").status());
        assertEquals(1, ours("format", "a", "b", "--bogus").status());
        assertEquals(1, ours("format", "a", "b", "--data-block-size=abc").status());
        assertEquals(1, ours().status());
    }

    @Test
    void format_threadsZero_rejected() {
        Result r = ours("format", data.toString(), dir.resolve("h").toString(), "--threads=0");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--threads"), r.err());
    }
}
