package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
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
    private ByteBuffer batch = ByteBuffer.allocateDirect(0);
    private long batchAddress;

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

    /**
     * The blocks are read straight into native memory between {@code salt.length} bytes of slack on
     * either side. Format 1 writes the salt over the last bytes before each block (those of the
     * previous block, already hashed: blocks go first to last); format 0 over the first bytes after
     * it (the next block's, already hashed: blocks go last to first). So every digest is one call
     * on one contiguous region and the data is never copied.
     */
    @Override
    public void hashBlocks(Region region, long position, int count, int blockSize, byte[] out) throws IOException {
        int s = salt.length;
        int bytes = count * blockSize;
        if (batch.capacity() < bytes + 2 * s) {
            batch = ByteBuffer.allocateDirect(bytes + 2 * s);
            batchAddress = Pointer.nativeValue(Native.getDirectBufferPointer(batch));
        }
        batch.limit(s + bytes).position(s);
        region.readFully(batch, position);
        batch.clear();
        long outAddress = address + outAt;
        for (int i = 0; i < count; i++) {
            int b = saltFirst ? i : count - 1 - i;
            int start = s + b * blockSize;
            int from;
            if (saltFirst) {
                from = start - s;
                if (s > 0) {
                    batch.put(from, salt);
                }
            } else {
                from = start;
                if (s > 0) {
                    batch.put(start + blockSize, salt);
                }
            }
            if (LibCrypto.EVP_Digest(batchAddress + from, blockSize + s, outAddress, 0, md, 0) != 1) {
                throw new IllegalStateException("OpenSSL EVP_Digest failed");
            }
            buffer.get(outAt, out, b * digestSize, digestSize);
        }
    }

    @Override
    public int digestSize() {
        return digestSize;
    }
}
