package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confext.verity.api.VerityParameters;
import java.nio.ByteBuffer;

/**
 * {@link BlockHasher} on OpenSSL's libcrypto: the block is copied next to the salt in one native
 * buffer ({@code [salt|block]} in format 1, {@code [block|salt]} in format 0) and hashed with one
 * {@code EVP_Digest} call. Needs no JIT warm-up, unlike the JDK digests.
 */
final class OpenSslBlockHasher implements BlockHasher {
    private final long md;
    private final byte[] salt;
    private final boolean saltFirst;
    private final int digestSize;
    private final ByteBuffer buffer;
    private final long address;
    private final int outAt;

    /** {@code md} is a fetched {@code EVP_MD} of {@code parameters.algorithm()}; {@code maxBlock} the largest block hashed. */
    OpenSslBlockHasher(long md, VerityParameters parameters, int maxBlock) {
        this.md = md;
        this.salt = parameters.salt();
        this.saltFirst = parameters.format() == 1;
        this.digestSize = parameters.algorithm().digestSize();
        this.outAt = salt.length + maxBlock;
        this.buffer = ByteBuffer.allocateDirect(outAt + digestSize);
        this.address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        if (saltFirst) {
            buffer.put(0, salt);
        }
    }

    @Override
    public void hash(byte[] block, int offset, int length, byte[] out, int outOffset) {
        if (length > outAt - salt.length) {
            throw new IllegalArgumentException("block of " + length + " bytes is larger than the buffer");
        }
        if (saltFirst) {
            buffer.put(salt.length, block, offset, length);
        } else {
            buffer.put(0, block, offset, length);
            buffer.put(length, salt);
        }
        if (LibCrypto.EVP_Digest(address, salt.length + length, address + outAt, 0, md, 0) != 1) {
            throw new IllegalStateException("OpenSSL EVP_Digest failed");
        }
        buffer.get(outAt, out, outOffset, digestSize);
    }

    @Override
    public int digestSize() {
        return digestSize;
    }
}
