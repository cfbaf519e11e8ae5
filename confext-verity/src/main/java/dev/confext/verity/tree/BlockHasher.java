package dev.confext.verity.tree;

import dev.confext.verity.api.VerityParameters;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * One thread's salted digest of whole blocks: {@code H(salt || block)} in format 1,
 * {@code H(block || salt)} in format 0 (spec §3). Not thread-safe; each thread makes its own.
 */
final class BlockHasher {
    private final MessageDigest digest;
    private final byte[] salt;
    private final boolean saltFirst;
    private final int digestSize;

    BlockHasher(VerityParameters parameters) {
        this.digest = parameters.algorithm().newDigest();
        this.salt = parameters.salt();
        this.saltFirst = parameters.format() == 1;
        this.digestSize = parameters.algorithm().digestSize();
    }

    /** Writes the digest of {@code block[offset, offset+length)} to {@code out[outOffset, outOffset+digestSize)}. */
    void hash(byte[] block, int offset, int length, byte[] out, int outOffset) {
        if (saltFirst) {
            digest.update(salt);
            digest.update(block, offset, length);
        } else {
            digest.update(block, offset, length);
            digest.update(salt);
        }
        try {
            digest.digest(out, outOffset, digestSize);
        } catch (DigestException e) {
            throw new IllegalStateException("digest output does not fit", e);
        }
    }

    int digestSize() {
        return digestSize;
    }
}
