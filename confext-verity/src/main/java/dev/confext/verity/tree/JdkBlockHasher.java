package dev.confext.verity.tree;

import dev.confext.verity.api.VerityParameters;
import java.security.DigestException;
import java.security.MessageDigest;

/** {@link BlockHasher} on a JDK {@link MessageDigest} from the {@code SUN} provider. */
final class JdkBlockHasher implements BlockHasher {
    private final MessageDigest digest;
    private final byte[] salt;
    private final boolean saltFirst;
    private final int digestSize;

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
    public int digestSize() {
        return digestSize;
    }
}
