package dev.confext.cli.verity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.confext.cli.TestEnvironment;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code check_root_hash} table of cryptsetup's {@code tests/verity-compat-test}, its
 * userspace half (format, compare the printed root hash and salt with the table, verify, corrupt
 * the data or the hash area, verify again), played with veritysetup and with {@code bin/verity} on
 * the same paths. Every row runs with the root hash given on the command line and in a file, with
 * and without a superblock, and with data or hash corruption, as the upstream script does. The
 * table's root hashes are over 8 MiB of zeros; the one-device layout puts the tree at 8 MiB of the
 * data file and passes {@code --debug}, as upstream does.
 *
 * <pre>
 * separate devices:  verity-data (8 MiB of zeros)   verity-hash (tree, superblock first)
 * one device:        verity-data [ 8 MiB data | superblock, tree ... 9 MiB ]
 * </pre>
 */
class VerityRootHashCompatTest {
    private static final String SALT = "e48da609055204e89ae53b655ca2216dd983cf3cb829f34f63a297d106d53e2d";
    private static final long DATA_BYTES = 8192 * 1024L;

    @TempDir
    Path dir;

    /** The rows: data (and hash) block size, expected root hash, salt, format, algorithm. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(512, "9de18652fe74edfb9b805aaed72ae2aa48f94333f1ba5c452ac33b1c39325174", SALT, 1, "sha256"),
                Arguments.of(1024, "54d92778750495d1f80832b486ebd007617d746271511bbf0e295e143da2b3df", SALT, 1, "sha256"),
                Arguments.of(4096, "e522df0f97da4febb882ac40f30b37dc0b444bf6df418929463fa25280f09d5c", SALT, 1, "sha256"),
                Arguments.of(4096, "cbbf4ebd004ef65e29b935bb635a39cf754d677f3fa10b0126da725bbdf10f7d", SALT, 0, "sha256"),
                Arguments.of(4096, "ef29c902d87350f1da4bfa536e16cebc162a909bf89abe448b81ec500d4fb9bf", "-", 1, "sha256"),
                Arguments.of(1024, "d0e9163ca8844aaa2e88fe5265a8c5d9ee494a99", SALT, 1, "sha1"),
                Arguments.of(1024, "73509e8e868be6b8ac939817a98a3d35121413b2", "dadada", 1, "sha1"));
    }

    @BeforeEach
    void requireVeritysetup() {
        TestEnvironment.requireTool("veritysetup");
    }

    @ParameterizedTest(name = "{3}: {0}-byte blocks, {4}, salt {2}")
    @MethodSource("table")
    void checkRootHash_separateDevices_matchesTableAndVeritysetup(int blockSize, String root, String salt,
            int version, String hash) throws Exception {
        playBoth(blockSize, root, salt, version, hash, false);
    }

    @ParameterizedTest(name = "{3}: {0}-byte blocks, {4}, salt {2}")
    @MethodSource("table")
    void checkRootHash_oneDeviceWithOffset_matchesTableAndVeritysetup(int blockSize, String root, String salt,
            int version, String hash) throws Exception {
        playBoth(blockSize, root, salt, version, hash, true);
    }

    private void playBoth(int blockSize, String root, String salt, int version, String hash, boolean oneDevice)
            throws Exception {
        List<String> theirs = play(VerityCommandTest::theirs, blockSize, root, salt, version, hash, oneDevice);
        List<String> ours = play(VerityCommandTest::ours, blockSize, root, salt, version, hash, oneDevice);
        assertEquals(String.join("\n", theirs), String.join("\n", ours));
    }

    private List<String> play(VerityFecCompatTest.Tool tool, int blockSize, String root, String salt, int version,
            String hash, boolean oneDevice) throws Exception {
        List<String> transcript = new ArrayList<>();
        Path data = dir.resolve("verity-data");
        Path hashFile = dir.resolve("verity-hash");
        Path rootFile = dir.resolve("verity-data.roothash");
        List<String> devices = oneDevice
                ? List.of(data.toString(), data.toString(), "--hash-offset", Long.toString(DATA_BYTES),
                        "--data-blocks=" + DATA_BYTES / blockSize, "--debug")
                : List.of(data.toString(), hashFile.toString());
        for (boolean rootAsFile : new boolean[] {true, false}) {
            for (boolean superblock : new boolean[] {true, false}) {
                List<String> format = new ArrayList<>(List.of("--format=" + version, "--data-block-size=" + blockSize,
                        "--hash-block-size=" + blockSize, "--hash=" + hash, "--salt=" + salt));
                List<String> verify = new ArrayList<>();
                if (!superblock) {
                    format.add("--no-superblock");
                    verify.addAll(format);
                }
                String rootArgument = root;
                if (rootAsFile) {
                    Files.writeString(rootFile, root);
                    format.add("--root-hash-file=" + rootFile);
                    verify.add("--root-hash-file=" + rootFile);
                    rootArgument = null;
                }
                for (String corrupt : List.of("data", "hash")) {
                    wipe(data, oneDevice ? DATA_BYTES + 1024 * 1024 : DATA_BYTES, hashFile);
                    VerityCommandTest.Result formatted = step(tool, transcript, join("format", devices, format));
                    assertEquals(0, formatted.status(), formatted.toString());
                    assertEquals(root, field(formatted, "root hash"), "root hash of the table");
                    assertEquals(salt, field(formatted, "salt"), "salt of the table");
                    List<String> verifyArgs = join("verify", devices, verify);
                    if (rootArgument != null) {
                        verifyArgs.add(rootArgument);
                    }
                    assertEquals(0, step(tool, transcript, verifyArgs).status(), "verify");
                    long at = corrupt.equals("data") ? 3456 : 8193 + (oneDevice ? version : 0);
                    Path target = corrupt.equals("hash") && !oneDevice ? hashFile : data;
                    try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
                        byte[] noise = new byte[8];
                        new Random(at * 31 + blockSize).nextBytes(noise);
                        noise[0] |= 1; // never all of them equal to what is there (zeros, in the data area)
                        f.seek(at);
                        f.write(noise);
                    }
                    assertNotEquals(0, step(tool, transcript, verifyArgs).status(), "userspace check for "
                            + corrupt + " corruption");
                }
            }
        }
        return transcript;
    }

    private static List<String> join(String action, List<String> devices, List<String> options) {
        List<String> args = new ArrayList<>();
        args.add(action);
        args.addAll(devices);
        args.addAll(options);
        return args;
    }

    /** The upstream script's {@code compare_out}: the value after ": " of the non-debug line naming {@code what}. */
    private static String field(VerityCommandTest.Result r, String what) {
        return r.out().lines().filter(l -> !l.startsWith("#") && l.toLowerCase(java.util.Locale.ROOT).contains(what))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " line in " + r));
    }

    private static VerityCommandTest.Result step(VerityFecCompatTest.Tool tool, List<String> transcript,
            List<String> args) throws Exception {
        VerityCommandTest.Result r = tool.run(args.toArray(String[]::new));
        transcript.add("$ " + String.join(" ", args));
        transcript.add("status " + r.status());
        // debug lines and random UUIDs differ by design
        transcript.add(r.out().lines().filter(l -> !l.startsWith("#") && !l.startsWith("UUID:"))
                .collect(Collectors.joining("\n")));
        transcript.add(r.err());
        return r;
    }

    /** The upstream script's {@code wipe}: zeros over the data device, no hash file. */
    private static void wipe(Path data, long size, Path hashFile) throws Exception {
        Files.deleteIfExists(hashFile);
        Files.write(data, new byte[(int) size]);
    }
}
