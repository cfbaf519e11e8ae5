package dev.confext.verity.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The superblock write of veritysetup (spec §5.3): a read-modify-write of whole I/O blocks of
 * {@code min(file system block size, hash block size)} bytes, so a new hash file is at least as
 * long as the I/O block holding the end of the superblock, zero after it.
 */
public final class HashFileLayout {
    private static final int DEFAULT_IO_BLOCK = 4096;

    private HashFileLayout() {}

    /**
     * Whether veritysetup's superblock write succeeds: when the superblock does not start on an I/O
     * block boundary, the I/O block is read first and must already hold the superblock's bytes. That
     * fails only for a tree without levels (nothing written before the superblock) in a file too short.
     */
    public static boolean superblockWritable(FileChannel hash, Path path, long offset, int hashBlockSize)
            throws IOException {
        if (offset % hashBlockSize == 0 || hash.size() >= offset + 512) {
            return true; // the I/O block is never larger than a hash block
        }
        return offset % Math.min(ioBlockSize(path), hashBlockSize) == 0;
    }

    /** Writes the 512 superblock bytes at {@code offset} and extends the file as veritysetup does. */
    public static void writeSuperblock(FileChannel hash, Path path, byte[] superblock, long offset, int hashBlockSize)
            throws IOException {
        Positioned.writeFully(hash, superblock, 0, superblock.length, offset);
        long end = offset + superblock.length;
        if (hash.size() >= (end + hashBlockSize - 1) / hashBlockSize * hashBlockSize) {
            return; // already reaches the end of any I/O block holding the superblock
        }
        long io = Math.min(ioBlockSize(path), hashBlockSize);
        long alignedEnd = (end + io - 1) / io * io;
        if (alignedEnd > end && hash.size() < alignedEnd && Files.isRegularFile(path)) {
            Positioned.writeFully(hash, new byte[1], 0, 1, alignedEnd - 1);
        }
    }

    private static long ioBlockSize(Path path) {
        try {
            long size = Files.getFileStore(path).getBlockSize();
            return size >= 512 && Long.bitCount(size) == 1 ? size : DEFAULT_IO_BLOCK;
        } catch (IOException | UnsupportedOperationException e) {
            return DEFAULT_IO_BLOCK;
        }
    }
}
