package dev.confext.verity.ddi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names the file system at the start of a partition by its superblock magic, with blkid's type names:
 * {@code erofs}, {@code squashfs}, {@code ext2}/{@code ext3}/{@code ext4}, {@code btrfs}, {@code xfs},
 * {@code f2fs}, {@code vfat}, and {@code crypto_LUKS} for LUKS-encrypted partitions.
 */
public final class FileSystemProbe {
    private static final int PROBE_BYTES = 65600 + 8;

    private FileSystemProbe() {}

    /** The type of the file system at {@code offset}, or empty when none is recognised. */
    public static Optional<String> probe(ImageSource image, long offset, long length) throws IOException {
        ByteBuffer b = image.read(offset, (int) Math.min(length, PROBE_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(b, 0, "LUKS\u00ba\u00be") || startsWith(b, 0, "SKUL\u00ba\u00be")) {
            return Optional.of("crypto_LUKS");
        }
        if (has(b, 1024, 4) && b.getInt(1024) == 0xE0F5E1E2) {
            return Optional.of("erofs");
        }
        if (startsWith(b, 0, "hsqs")) {
            return Optional.of("squashfs");
        }
        if (startsWith(b, 0, "XFSB")) {
            return Optional.of("xfs");
        }
        if (has(b, 1024, 4) && b.getInt(1024) == 0xF2F52010) {
            return Optional.of("f2fs");
        }
        if (startsWith(b, 65600, "_BHRfS_M")) {
            return Optional.of("btrfs");
        }
        if (has(b, 1024 + 0x68, 2) && Short.toUnsignedInt(b.getShort(1024 + 0x38)) == 0xEF53) {
            return Optional.of(extVersion(b));
        }
        if (has(b, 512, 0) && (b.get(510) & 0xff) == 0x55 && (b.get(511) & 0xff) == 0xAA
                && (startsWith(b, 54, "FAT") || startsWith(b, 82, "FAT32"))) {
            return Optional.of("vfat");
        }
        return Optional.empty();
    }

    /** ext4 when it uses any feature ext3 lacks, ext3 with a journal, ext2 otherwise (as blkid decides). */
    private static String extVersion(ByteBuffer b) {
        int compat = b.getInt(1024 + 0x5C);
        int incompat = b.getInt(1024 + 0x60);
        int roCompat = b.getInt(1024 + 0x64);
        int ext3Incompat = 0x0002 | 0x0004 | 0x0010; // filetype, recover, meta_bg
        int ext3RoCompat = 0x0001 | 0x0002 | 0x0004; // sparse_super, large_file, btree_dir
        if ((incompat & ~ext3Incompat) != 0 || (roCompat & ~ext3RoCompat) != 0) {
            return "ext4";
        }
        return (compat & 0x0004) != 0 ? "ext3" : "ext2";
    }

    private static boolean has(ByteBuffer b, int at, int length) {
        return b.limit() >= at + length;
    }

    private static boolean startsWith(ByteBuffer b, int at, String magic) {
        byte[] bytes = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (!has(b, at, bytes.length)) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (b.get(at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
