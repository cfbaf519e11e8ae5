package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defaults and eager validation of {@link VerityParameters}, with veritysetup's limits. */
class VerityParametersTest {
    @Test
    void builder_defaults_areVeritysetups() {
        VerityParameters p = VerityParameters.builder().build();

        assertEquals(HashAlgorithm.SHA256, p.algorithm());
        assertEquals(1, p.format());
        assertEquals(4096, p.dataBlockSize());
        assertEquals(4096, p.hashBlockSize());
        assertEquals(32, p.salt().length);
        assertEquals(0, p.hashOffset());
        assertTrue(p.dataBlocks().isEmpty());
        assertTrue(p.superblock());
        assertEquals(4, p.uuid().version());
    }

    @Test
    void builder_twoBuilds_differentRandomSaltAndUuid() {
        VerityParameters a = VerityParameters.builder().build();
        VerityParameters b = VerityParameters.builder().build();
        assertFalse(java.util.Arrays.equals(a.salt(), b.salt()));
        assertNotEquals(a.uuid(), b.uuid());
    }

    @Test
    void toBuilder_keepsEverything() {
        VerityParameters p = VerityParameters.builder().algorithm("sha1").format(0).dataBlockSize(512)
                .hashBlockSize(1024).salt("abcd").hashOffset(1536).dataBlocks(7).superblock(false).build();
        assertEquals(p, p.toBuilder().build());
    }

    @Test
    void salt_dashOrEmpty_meansNone() {
        assertEquals(0, VerityParameters.builder().salt("-").build().salt().length);
        assertEquals("-", VerityParameters.builder().salt("").build().saltHex());
    }

    @Test
    void salt_oddHex_rejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().salt("abc"))
                .getMessage().contains("'abc'"));
    }

    @Test
    void salt_notHex_rejected() {
        assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().salt("zz"));
    }

    @Test
    void salt_257Bytes_rejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().salt(new byte[257]))
                .getMessage().contains("257"));
        assertEquals(256, VerityParameters.builder().salt(new byte[256]).build().salt().length);
    }

    @Test
    void salt_isCopied() {
        byte[] salt = {1, 2};
        VerityParameters p = VerityParameters.builder().salt(salt).build();
        salt[0] = 9;
        p.salt()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, p.salt());
    }

    @Test
    void algorithm_unknown_namesIt() {
        assertEquals("Hash algorithm foo not supported.",
                assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().algorithm("foo")).getMessage());
    }

    @Test
    void algorithm_uppercase_accepted() {
        assertEquals(HashAlgorithm.SHA512, VerityParameters.builder().algorithm("SHA512").build().algorithm());
    }

    @Test
    void format_2_rejectedWithVeritysetupsLineAndAnExplanation() {
        InvalidVerityParameterException e = assertThrows(InvalidVerityParameterException.class,
                () -> VerityParameters.builder().format(2));
        assertEquals(InvalidVerityParameterException.Parameter.FORMAT, e.parameter());
        assertEquals("Unsupported VERITY hash type 2.", e.veritySetupMessage().orElseThrow());
        assertEquals("Unsupported VERITY hash type 2 (0 is the original Chrome OS format, 1 the normal one).",
                e.getMessage());
    }

    @Test
    void blockSize_outOfRangeOrNotPowerOfTwo_rejectedNamingValue() {
        for (long bad : new long[] {0, 256, 1000, 1 << 20, -4096}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> VerityParameters.builder().dataBlockSize(bad)).getMessage();
            assertTrue(message.contains("data block size " + bad), message);
            assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().hashBlockSize(bad));
        }
        assertEquals(524288, VerityParameters.builder().dataBlockSize(524288).build().dataBlockSize());
    }

    @Test
    void hashOffset_notSectorMultiple_rejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().hashOffset(100))
                .getMessage().contains("100"));
        assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().hashOffset(-512));
    }

    @Test
    void uuid_malformed_rejected() {
        assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().uuid("xyz"));
    }

    @Test
    void hashStartBlock_withSuperblock_roundsUpPastIt() {
        assertEquals(1, VerityParameters.builder().hashOffset(1536).build().hashStartBlock());
        assertEquals(3, VerityParameters.builder().hashOffset(8192).build().hashStartBlock());
        assertEquals(1, VerityParameters.builder().hashBlockSize(512).build().hashStartBlock());
    }

    @Test
    void hashStartBlock_withoutSuperblock_roundsDown() {
        assertEquals(0, VerityParameters.builder().hashOffset(1536).superblock(false).build().hashStartBlock());
        assertEquals(2, VerityParameters.builder().hashOffset(8192).superblock(false).build().hashStartBlock());
    }

    @Test
    void geometry_1GiB_matchesSpecExample() {
        VerityGeometry g = VerityParameters.builder().build().geometry(262144);
        assertEquals(3, g.levels());
        assertEquals(2048, g.levelBlocks(0));
        assertEquals(16, g.levelBlocks(1));
        assertEquals(1, g.levelBlocks(2));
        assertEquals(1, g.levelStartBlock(2));
        assertEquals(2, g.levelStartBlock(1));
        assertEquals(18, g.levelStartBlock(0));
        assertEquals(8462336, g.treeEnd());
    }

    /** veritysetup's checks and lines, in its order: data area bytes, then the level shift, then the hash area bytes. */
    @Test
    void geometry_sizesPast64Bits_veritysetupsOverflowLines() {
        VerityParameters p = VerityParameters.builder().salt("-").build();
        assertEquals(Optional.of("Device offset overflow."), assertThrows(InvalidVerityParameterException.class,
                () -> p.geometry(1L << 52)).veritySetupMessage());
        // 2^51 blocks of 4 KiB are 2^63 bytes: past a long, within veritysetup's unsigned 64 bits
        assertEquals(8, p.geometry(1L << 51).levels());
        VerityParameters wide = VerityParameters.builder().salt("-").algorithm(HashAlgorithm.SHA512)
                .dataBlockSize(512).hashBlockSize(524288).build();
        assertEquals(Optional.of("Hash area overflow."), assertThrows(InvalidVerityParameterException.class,
                () -> wide.geometry((1L << 52) + 2)).veritySetupMessage());
    }

    @Test
    void geometry_oneBlock_noLevels() {
        assertEquals(0, VerityParameters.builder().build().geometry(1).levels());
    }

    @Test
    void geometry_sha1_roundsHashesPerBlockDown() {
        VerityGeometry g = VerityParameters.builder().algorithm("sha1").build().geometry(200);
        assertEquals(128, g.hashesPerBlock());
        assertEquals(32, g.slotSize());
        assertEquals(20, VerityParameters.builder().algorithm("sha1").format(0).build().geometry(2).slotSize());
    }
}
