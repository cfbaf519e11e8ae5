package dev.confext.verity.api;

import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Xof;

/**
 * A BouncyCastle lightweight digest seen as a {@link MessageDigest}, for the algorithms veritysetup
 * takes that the JDK lacks. No security provider is registered. An extendable-output function
 * (SHAKE) gives {@code size} bytes, the length OpenSSL and so veritysetup use.
 */
final class LightweightMessageDigest extends MessageDigest {
    private final Digest digest;
    private final int size;

    LightweightMessageDigest(String name, Digest digest, int size) {
        super(name);
        this.digest = digest;
        this.size = size;
    }

    @Override
    protected void engineUpdate(byte input) {
        digest.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        digest.update(input, offset, length);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[size];
        if (digest instanceof Xof) {
            ((Xof) digest).doFinal(out, 0, size);
        } else {
            digest.doFinal(out, 0);
        }
        return out;
    }

    @Override
    protected int engineGetDigestLength() {
        return size;
    }

    @Override
    protected void engineReset() {
        digest.reset();
    }
}
