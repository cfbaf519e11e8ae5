package dev.confext.verity.tree;

import java.io.IOException;

/**
 * One thread's salted digest of whole blocks: {@code H(salt || block)} in format 1,
 * {@code H(block || salt)} in format 0 (spec §3). Not thread-safe; each thread makes its own
 * through a {@link HashEngine}.
 */
interface BlockHasher {
    /** Writes the digest of {@code block[offset, offset+length)} to {@code out[outOffset, outOffset+digestSize)}. */
    void hash(byte[] block, int offset, int length, byte[] out, int outOffset);

    /**
     * Reads {@code count} consecutive blocks of {@code blockSize} bytes at {@code position} of {@code region}
     * and writes their digests back to back to {@code out[0, count*digestSize)}.
     */
    void hashBlocks(Region region, long position, int count, int blockSize, byte[] out) throws IOException;

    int digestSize();
}
