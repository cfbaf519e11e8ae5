package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.TestEnvironment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The superblock codec against the bytes veritysetup wrote (the sidecar vector) and against broken input. */
class VeritySuperblockTest {
    private static final String S32 = "9e7457222290f1bac0d42ad2de2d602a87bb871c22ab70ca040bad450578a436";

    @TempDir
    Path dir;

    @Test
    void read_veritysetupSidecar_allFields() throws Exception {
        VeritySuperblock sb = VeritySuperblock.read(TestEnvironment.vector("sidecar/sidecar.verity"), 0);

        assertEquals(1, sb.hashType());
        assertEquals(UUID.fromString("11111111-2222-3333-4444-555555555555"), sb.uuid());
        assertEquals(HashAlgorithm.SHA256, sb.algorithm());
        assertEquals(4096, sb.dataBlockSize());
        assertEquals(4096, sb.hashBlockSize());
        assertEquals(17, sb.dataBlocks());
        assertEquals(S32, HexFormat.of().formatHex(sb.salt()));
    }

    @Test
    void toBytes_sidecarParameters_sameBytesAsVeritysetup() throws Exception {
        byte[] written = Arrays.copyOf(Files.readAllBytes(TestEnvironment.vector("sidecar/sidecar.verity")), 512);
        VerityParameters p = VerityParameters.builder().salt(S32).uuid("11111111-2222-3333-4444-555555555555").build();

        assertArrayEquals(written, VeritySuperblock.of(p, 17).toBytes());
    }

    @Test
    void toParameters_sidecar_describesTheTree() throws Exception {
        VerityParameters p = VeritySuperblock.read(TestEnvironment.vector("sidecar/sidecar.verity"), 0).toParameters(0);

        assertEquals(17, p.dataBlocks().getAsLong());
        assertEquals(1, p.hashStartBlock());
        assertTrue(p.superblock());
    }

    @Test
    void parse_wrongSignature_namesIt() {
        byte[] b = valid();
        b[0] = 'V';
        assertEquals("Not a verity superblock: signature is 5665726974790000, expected \"verity\\0\\0\".",
                assertThrows(InvalidSuperblockException.class, () -> parse(b)).getMessage());
    }

    @Test
    void parse_version2_rejected() {
        byte[] b = valid();
        b[8] = 2;
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(b));
        assertEquals("Unsupported VERITY version 2.", e.getMessage());
        assertEquals(InvalidSuperblockException.Reason.UNSUPPORTED_VERSION, e.reason());
        assertEquals(Optional.of("Unsupported VERITY version 2."), e.veritySetupMessage());
    }

    /** veritysetup prints the 32-bit version and hash type as signed numbers; our message keeps them unsigned. */
    @Test
    void parse_versionAndHashTypeAllOnes_veritysetupLineSigned() {
        byte[] version = valid();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(version));
        assertEquals(Optional.of("Unsupported VERITY version -1."), e.veritySetupMessage());
        assertEquals("Unsupported VERITY version 4294967295.", e.getMessage());
        byte[] type = valid();
        ByteBuffer.wrap(type).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -1);
        assertEquals(Optional.of("Unsupported VERITY hash type -1."),
                assertThrows(InvalidSuperblockException.class, () -> parse(type)).veritySetupMessage());
    }

    @Test
    void parse_hashType2_rejected() {
        byte[] b = valid();
        b[12] = 2;
        assertEquals("Unsupported VERITY hash type 2.",
                assertThrows(InvalidSuperblockException.class, () -> parse(b)).getMessage());
    }

    @Test
    void parse_blockSizeNotPowerOfTwo_rejected() {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(64, 1000);
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(b));
        assertTrue(e.getMessage().startsWith("Unsupported VERITY block size: data 1000"), e.getMessage());
        assertEquals(Optional.of("Unsupported VERITY block size."), e.veritySetupMessage());
    }

    @Test
    void parse_hashBlockSizeTooLarge_rejected() {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(68, 1 << 20);
        assertThrows(InvalidSuperblockException.class, () -> parse(b));
    }

    @Test
    void parse_unknownAlgorithm_namesIt() {
        byte[] b = valid();
        Arrays.fill(b, 32, 64, (byte) 0);
        System.arraycopy("streebog256".getBytes(), 0, b, 32, 11);
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(b));
        assertEquals("Hash algorithm 'streebog256' not supported.", e.getMessage());
        assertEquals(Optional.of("Hash algorithm streebog256 not supported."), e.veritySetupMessage());
    }

    @Test
    void parse_saltSize257_corrupted() {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(80, (short) 257);
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(b));
        assertTrue(e.getMessage().startsWith("VERITY header corrupted"), e.getMessage());
        assertEquals(Optional.of("VERITY header corrupted."), e.veritySetupMessage());
    }

    @Test
    void parse_uppercaseAlgorithm_accepted() throws Exception {
        byte[] b = valid();
        System.arraycopy("SHA256".getBytes(), 0, b, 32, 6);
        VeritySuperblock superblock = parse(b);
        assertEquals(HashAlgorithm.SHA256, superblock.algorithm());
        assertEquals("SHA256", superblock.algorithmName());
        assertArrayEquals(b, superblock.toBytes());
    }

    /** veritysetup loads any stored count and fails only when it builds the tree; the parameters refuse it so. */
    @Test
    void parse_dataBlocksAboveLongRange_loadsUnsignedAndParametersRefuse() throws Exception {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(72, -1L);
        VeritySuperblock superblock = parse(b);
        assertEquals("18446744073709551615", Long.toUnsignedString(superblock.dataBlocks()));
        InvalidVerityParameterException e = assertThrows(InvalidVerityParameterException.class,
                () -> superblock.toParameters(0));
        assertEquals(Optional.of("Device offset overflow."), e.veritySetupMessage());
    }

    @Test
    void parse_missingSignature_noVeritysetupLine() {
        byte[] b = valid();
        b[0] = 0;
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> parse(b));
        assertEquals(InvalidSuperblockException.Reason.INVALID_CONTENT, e.reason());
        assertEquals(Optional.empty(), e.veritySetupMessage());
    }

    @Test
    void parse_511Bytes_truncated() {
        assertTrue(assertThrows(InvalidSuperblockException.class, () -> VeritySuperblock.parse(ByteBuffer.allocate(511)))
                .getMessage().contains("truncated"));
    }

    @Test
    void read_fileShorterThanSuperblock_saysWhere() throws Exception {
        Path file = dir.resolve("short");
        Files.write(file, Arrays.copyOf(valid(), 300));
        InvalidSuperblockException e = assertThrows(InvalidSuperblockException.class, () -> VeritySuperblock.read(file, 0));
        assertTrue(e.getMessage().contains("ends after 300 of its 512 bytes"), e.getMessage());
    }

    @Test
    void read_offsetNotSectorAligned_rejected() throws Exception {
        Path file = dir.resolve("sb");
        Files.write(file, valid());
        assertThrows(InvalidSuperblockException.class, () -> VeritySuperblock.read(file, 100));
    }

    @Test
    void read_atOffset_findsIt() throws Exception {
        Path file = dir.resolve("sb");
        byte[] content = new byte[8192 + 512];
        System.arraycopy(valid(), 0, content, 8192, 512);
        Files.write(file, content);
        assertEquals(HashAlgorithm.SHA256, VeritySuperblock.read(file, 8192).algorithm());
        assertThrows(InvalidSuperblockException.class, () -> VeritySuperblock.read(file, 0));
    }

    @Test
    void read_missingFile_deviceNotFound() {
        assertThrows(DeviceNotFoundException.class, () -> VeritySuperblock.read(dir.resolve("absent"), 0));
    }

    static byte[] valid() {
        VerityParameters p = VerityParameters.builder().salt(S32).uuid("11111111-2222-3333-4444-555555555555").build();
        return VeritySuperblock.of(p, 17).toBytes();
    }

    private static VeritySuperblock parse(byte[] b) throws InvalidSuperblockException {
        return VeritySuperblock.parse(ByteBuffer.wrap(b));
    }
}
