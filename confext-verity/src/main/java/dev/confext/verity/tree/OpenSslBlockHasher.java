package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link BlockHasher} on OpenSSL's libcrypto: the block is copied next to the salt in one native
 * buffer ({@code [salt|block]} in format 1, {@code [block|salt]} in format 0) and hashed with one
 * {@code EVP_Digest} call. Needs no JIT warm-up, unlike the JDK digests.
 */
final class OpenSslBlockHasher implements BlockHasher {
    private final long md;
    private final byte[] salt;
    /** The salt's whole longs in native byte order, as {@link #putSalt} writes them. */
    private final long[] saltLongs;
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
        this.saltLongs = new long[salt.length / 8];
        ByteBuffer.wrap(salt).order(ByteOrder.nativeOrder()).asLongBuffer().get(saltLongs);
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
     * on one contiguous region and the data is never copied. The digests land in native memory too
     * and come back to the heap in one copy per batch; the salt is written as longs. Each JNI copy
     * between heap and native memory costs about as much as the native call itself, and a batch of
     * 4 KiB blocks would otherwise make two of them per block.
     */
    @Override
    public void hashBlocks(Region region, long position, int count, int blockSize, byte[] out) throws IOException {
        int s = salt.length;
        int bytes = count * blockSize;
        int digests = count * digestSize;
        if (batch.capacity() < bytes + 2 * s + digests) {
            batch = ByteBuffer.allocateDirect(bytes + 2 * s + digests).order(ByteOrder.nativeOrder());
            batchAddress = Pointer.nativeValue(Native.getDirectBufferPointer(batch));
        }
        int digestsAt = batch.capacity() - digests;
        batch.limit(s + bytes).position(s);
        region.readFully(batch, position);
        batch.clear();
        for (int i = 0; i < count; i++) {
            int b = saltFirst ? i : count - 1 - i;
            int start = s + b * blockSize;
            int from = saltFirst ? start - s : start;
            if (s > 0) {
                putSalt(saltFirst ? from : start + blockSize);
            }
            if (LibCrypto.EVP_Digest(batchAddress + from, blockSize + s, batchAddress + digestsAt + b * digestSize,
                    0, md, 0) != 1) {
                throw new IllegalStateException("OpenSSL EVP_Digest failed");
            }
        }
        batch.get(digestsAt, out, 0, digests);
    }

    /** Writes the salt at {@code at} of the batch buffer: whole longs, then the bytes left over. */
    private void putSalt(int at) {
        int i = 0;
        for (; i < saltLongs.length; i++) {
            batch.putLong(at + 8 * i, saltLongs[i]);
        }
        for (int b = 8 * i; b < salt.length; b++) {
            batch.put(at + b, salt[b]);
        }
    }

    @Override
    public int digestSize() {
        return digestSize;
    }
}
