package dev.confext.verity.tree;

import java.io.IOException;

/** Receives, in order, the digests of the blocks of one level; the next level up, or the root. */
interface DigestSink {
    /** Takes {@code digestSize} bytes at {@code digest[offset...]} (copied, not kept). */
    void accept(byte[] digest, int offset) throws IOException;

    /** No more digests come. */
    void finish() throws IOException;
}
