package dev.confext.mount.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Recognises a bare file system image by its superblock magic (what {@code blkid} would say), or a LUKS volume
 * or a GUID partition table, which are not file systems and cannot be mounted as such.
 */
public enum FilesystemType {
    EROFS("erofs"),
    SQUASHFS("squashfs"),
    EXT4("ext4"),
    BTRFS("btrfs"),
    XFS("xfs"),
    /** A GUID partition table: a Discoverable Disk Image, not a bare file system. */
    GPT("gpt"),
    /** A LUKS1 or LUKS2 header ({@code blkid}'s {@code crypto_LUKS}): an encrypted volume, not a file system. */
    LUKS("crypto_LUKS");

    private final String kernelName;

    FilesystemType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name {@code fsopen(2)} takes ({@code blkid}'s type name for {@link #GPT} and {@link #LUKS}). */
    public String kernelName() {
        return kernelName;
    }

    /** Reads the first 64 KiB + 4 KiB of {@code image} and says what it is. */
    public static Optional<FilesystemType> probe(Path image) throws IOException {
        return probe(image, 0, Long.MAX_VALUE);
    }

    /**
     * Says what the byte range {@code [offset, offset + length)} of {@code image} (a partition) holds, from its
     * first 64 KiB + 4 KiB.
     */
    public static Optional<FilesystemType> probe(Path image, long offset, long length) throws IOException {
        int size = (int) Math.min(0x10000 + 0x1000, Math.max(0, length));
        ByteBuffer head = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head, offset + head.position()) > 0) {
                // keep reading
            }
        }
        return probe(head.flip());
    }

    /** Recognises the magic in the first bytes of a device or file ({@code head} is little-endian, at position 0). */
    public static Optional<FilesystemType> probe(ByteBuffer head) {
        int size = head.limit();
        if (size >= 6 && isLuksMagic(head)) {
            return Optional.of(LUKS);
        }
        if (size >= 1028 && head.getInt(1024) == 0xE0F5E1E2) {
            return Optional.of(EROFS);
        }
        if (size >= 4 && head.getInt(0) == 0x73717368) { // "hsqs"
            return Optional.of(SQUASHFS);
        }
        if (size >= 4 && head.getInt(0) == 0x42534658) { // "XFSB"
            return Optional.of(XFS);
        }
        if (size >= 0x10048 && head.getLong(0x10040) == 0x4D5F53665248425FL) { // "_BHRfS_M"
            return Optional.of(BTRFS);
        }
        for (int sector : new int[] {512, 1024, 2048, 4096}) { // the GPT header is in sector 1
            if (size >= sector + 8 && head.getLong(sector) == 0x5452415020494645L) { // "EFI PART"
                return Optional.of(GPT);
            }
        }
        if (size >= 0x43A && (head.getShort(0x438) & 0xffff) == 0xEF53) {
            return Optional.of(EXT4);
        }
        return Optional.empty();
    }

    /** Whether a file system of this type can be mounted directly (not a partition table or encrypted volume). */
    public boolean isFileSystem() {
        return this != GPT && this != LUKS;
    }

    /** "LUKS" 0xBA 0xBE at offset 0 (LUKS1 and LUKS2 primary header). */
    private static boolean isLuksMagic(ByteBuffer head) {
        byte[] magic = {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE};
        for (int i = 0; i < magic.length; i++) {
            if (head.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
