package dev.confext.mount.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.mount.api.PlanTestEnvironment;
import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityTree;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libcryptsetup binding against the real library: superblocks we (and {@code veritysetup}) write must read
 * back through {@code crypt_load(CRYPT_VERITY)} and {@code crypt_get_verity_info} with the parameters written,
 * which checks the {@code struct crypt_params_verity} layout field by field. Fixture:
 * <pre>
 *   data        64 KiB of random bytes (128 blocks of 512, 16 of 4096)
 *   data.verity the hash device: superblock at offset 0 (or at 4096 in the offset case), then the tree
 * </pre>
 */
class VerityDevicesTest {
    @TempDir
    Path temp;

    private Path data;
    private Path hash;

    @BeforeEach
    void writeData() throws Exception {
        PlanTestEnvironment.require(CryptSetupLibrary.Holder.INSTANCE != null,
                "libcryptsetup.so.12 (libcryptsetup12) is not installed");
        data = temp.resolve("data");
        hash = temp.resolve("data.verity");
        byte[] bytes = new byte[64 * 1024];
        new Random(4).nextBytes(bytes);
        Files.write(data, bytes);
    }

    @Test
    void layout_matchesTheCStructure() {
        CryptParamsVerity params = new CryptParamsVerity();
        // Offsets and size of struct crypt_params_verity on x86-64 (libcryptsetup.h, cryptsetup 2.x).
        assertEquals(CryptParamsVerity.NATIVE_SIZE, params.size());
        assertEquals(32, params.offsetOf("salt"));
        assertEquals(40, params.offsetOf("salt_size"));
        assertEquals(56, params.offsetOf("data_size"));
        assertEquals(64, params.offsetOf("hash_area_offset"));
        assertEquals(80, params.offsetOf("fec_roots"));
        assertEquals(84, params.offsetOf("flags"));
    }

    @Test
    void readHeader_ourFormatDefaults_readsBackWhatWeWrote() throws Exception {
        VerityParameters parameters = VerityParameters.builder().salt(bytes(32, 1)).build();
        VerityFormat.defaults().newTreeBuilder(parameters, data, hash).build();

        VerityHeader header = VerityDevices.readHeader(hash.toString(), 0);

        assertEquals(new VerityHeader("sha256", 1, 4096, 4096, 16, bytes(32, 1), 0, 0), header);
    }

    @Test
    void readHeader_ourFormatSmallBlocksSha512HashType0_readsBackWhatWeWrote() throws Exception {
        VerityParameters parameters = VerityParameters.builder().algorithm(HashAlgorithm.SHA512).format(0)
                .dataBlockSize(512).hashBlockSize(1024).salt(bytes(7, 2)).dataBlocks(100).build();
        VerityFormat.defaults().newTreeBuilder(parameters, data, hash).build();

        VerityHeader header = VerityDevices.readHeader(hash.toString(), 0);

        assertEquals(new VerityHeader("sha512", 0, 512, 1024, 100, bytes(7, 2), 0, 0), header);
    }

    @Test
    void readHeader_ourFormatAtAnOffsetWithoutSalt_readsBackWhatWeWrote() throws Exception {
        Files.write(hash, new byte[4096]);
        VerityParameters parameters = VerityParameters.builder().salt(new byte[0]).hashOffset(4096).build();
        VerityFormat.defaults().newTreeBuilder(parameters, data, hash).build();

        VerityHeader header = VerityDevices.readHeader(hash.toString(), 4096);

        assertEquals("sha256", header.hashName());
        assertEquals(16, header.dataBlocks());
        assertEquals(0, header.salt().length);
        assertEquals(4096, header.hashAreaOffset());
    }

    @Test
    void readHeader_veritysetupFormat_readsBackItsParameters() throws Exception {
        PlanTestEnvironment.requireTool("veritysetup");
        String salt = "00112233445566778899aabbccddeeff";
        Process p = new ProcessBuilder("veritysetup", "format", "--hash=sha1", "--data-block-size=1024",
                "--hash-block-size=2048", "--data-blocks=60", "--salt=" + salt, data.toString(), hash.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        VerityHeader header = VerityDevices.readHeader(hash.toString(), 0);

        assertEquals(new VerityHeader("sha1", 1, 1024, 2048, 60, HexFormat.of().parseHex(salt), 0, 0), header);
    }

    @Test
    void readHeader_corruptedSuperblock_isAClearError() throws Exception {
        VerityFormat.defaults().newTreeBuilder(VerityParameters.builder().build(), data, hash).build();
        try (RandomAccessFile f = new RandomAccessFile(hash.toFile(), "rw")) {
            f.seek(0);
            f.write("VERITY".getBytes(StandardCharsets.US_ASCII)); // the signature is "verity\0\0"
        }

        CryptSetupException e = assertThrows(CryptSetupException.class,
                () -> VerityDevices.readHeader(hash.toString(), 0));

        assertEquals("crypt_load(" + hash + "): Invalid argument (EINVAL): no valid verity superblock at byte 0",
                e.getMessage());
        assertEquals(22, e.errno());
    }

    @Test
    void readHeader_missingFile_namesTheFile() {
        CryptSetupException e = assertThrows(CryptSetupException.class,
                () -> VerityDevices.readHeader(temp.resolve("absent").toString(), 0));
        assertTrue(e.getMessage().contains(temp.resolve("absent").toString()), e.getMessage());
    }

    @Test
    void activate_withoutDeviceMapper_saysSo() throws Exception {
        assumeNoDeviceMapper();
        VerityTree tree = VerityFormat.defaults().newTreeBuilder(VerityParameters.builder().build(), data, hash).build();

        CryptSetupException e = assertThrows(CryptSetupException.class, () -> VerityDevices.activate(
                tree.rootHashHex() + "-verity", data.toString(), hash.toString(), 0, tree.rootHash(),
                Optional.empty()));

        assertTrue(e.getMessage().contains("this kernel has no device-mapper"), e.getMessage());
        assertTrue(e.getMessage().startsWith("crypt_activate_by_volume_key(" + tree.rootHashHex() + "-verity): "),
                e.getMessage());
    }

    @Test
    void unavailableReason_withoutDeviceMapper_namesTheControlNode() {
        assumeNoDeviceMapper();
        Optional<String> reason = VerityDevices.unavailableReason();
        assertTrue(reason.get().startsWith("this kernel has no device-mapper (open /dev/mapper/control: "),
                reason.get());
    }

    /**
     * These scenarios are about a kernel without device-mapper (like the one this project is developed on). On a
     * system that has it they do not apply: a skip, not a missing requirement, so also under confext.requireAll.
     */
    private static void assumeNoDeviceMapper() {
        Assumptions.assumeTrue(VerityDevices.unavailableReason().isPresent(),
                "device-mapper is usable here; this scenario is about a kernel without it");
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
