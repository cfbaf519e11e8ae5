package dev.confext.verity.tree;

import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
import java.security.DigestException;
import java.security.MessageDigest;

/** {@link BlockHasher} on a JDK {@link MessageDigest} from the {@code SUN} provider. */
final class JdkBlockHasher implements BlockHasher {
    private final MessageDigest digest;
    private final byte[] salt;
    private final boolean saltFirst;
    private final int digestSize;
    private byte[] read = new byte[0];

    JdkBlockHasher(VerityParameters parameters) {
        this.digest = parameters.algorithm().newDigest();
        this.salt = parameters.salt();
        this.saltFirst = parameters.format() == 1;
        this.digestSize = parameters.algorithm().digestSize();
    }

    @Override
    public void hash(byte[] block, int offset, int length, byte[] out, int outOffset) {
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

    @Override
    public void hashBlocks(Region region, long position, int count, int blockSize, byte[] out) throws IOException {
        int bytes = count * blockSize;
        if (read.length < bytes) {
            read = new byte[bytes];
        }
        region.readFully(read, 0, bytes, position);
        for (int b = 0; b < count; b++) {
            hash(read, b * blockSize, blockSize, out, b * digestSize);
        }
    }

    @Override
    public int digestSize() {
        return digestSize;
    }
}
