package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link BlockHasher} on OpenSSL's libcrypto. A single block is copied next to the salt in one native
 * buffer ({@code [salt|block]} in format 1, {@code [block|salt]} in format 0) and hashed with one
 * {@code EVP_Digest} call. A batch of blocks is read straight into native memory and hashed there: in one
 * call to the {@link NativeBlockDigests} helper when it is available for the algorithm, else with one
 * {@code EVP_Digest} call per block. Needs no JIT warm-up, unlike the JDK digests.
 */
final class OpenSslBlockHasher implements BlockHasher {
    /**
     * Batches are read to page-aligned native memory: the kernel copies from the page cache several times
     * slower into some misaligned destinations (seen: 16 bytes past a page boundary).
     */
    static final int PAGE = 4096;
    private final long md;
    private final NativeBlockDigests.Functions batchFunctions;
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

    /**
     * {@code md} is a fetched {@code EVP_MD} of {@code parameters.algorithm()}; {@code batchFunctions} the
     * helper's functions for it, or null to hash batches block by block; {@code maxBlock} the largest block hashed.
     */
    OpenSslBlockHasher(long md, NativeBlockDigests.Functions batchFunctions, VerityParameters parameters,
            int maxBlock) {
        this.md = md;
        this.batchFunctions = batchFunctions;
        this.salt = parameters.salt();
        this.saltLongs = new long[salt.length / 8];
        ByteBuffer.wrap(salt).order(ByteOrder.nativeOrder()).asLongBuffer().get(saltLongs);
        this.saltFirst = parameters.format() == 1;
        this.digestSize = parameters.algorithm().digestSize();
        this.outAt = salt.length + maxBlock;
        // [salt|block|salt|digest]: the salt is kept at the start for format 1 and the batch helper
        this.buffer = ByteBuffer.allocateDirect(outAt + salt.length + digestSize);
        this.address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        buffer.put(0, salt);
    }

    @Override
    public void hash(byte[] block, int offset, int length, byte[] out, int outOffset) {
        if (length > outAt - salt.length) {
            throw new IllegalArgumentException("block of " + length + " bytes is larger than the buffer");
        }
        long from = address;
        buffer.put(salt.length, block, offset, length);
        if (!saltFirst) {
            buffer.put(salt.length + length, salt);
            from += salt.length;
        }
        int at = outAt + salt.length;
        if (LibCrypto.EVP_Digest(from, salt.length + length, address + at, 0, md, 0) != 1) {
            throw new IllegalStateException("OpenSSL EVP_Digest failed");
        }
        buffer.get(at, out, outOffset, digestSize);
    }

    @Override
    public void hashBlocks(Region region, long position, int count, int blockSize, byte[] out) throws IOException {
        if (batchFunctions != null) {
            hashBatchInOneCall(region, position, count, blockSize, out);
        } else {
            hashBatchBlockByBlock(region, position, count, blockSize, out);
        }
    }

    /** The batch at a page boundary of native memory, then one call to the helper for all its digests. */
    private void hashBatchInOneCall(Region region, long position, int count, int blockSize, byte[] out)
            throws IOException {
        int bytes = count * blockSize;
        int dataAt = reserve(0, bytes, count * digestSize);
        int digestsAt = dataAt + bytes;
        batch.limit(dataAt + bytes).position(dataAt);
        region.readFully(batch, position);
        batch.clear();
        NativeBlockDigests.Functions f = batchFunctions;
        if (NativeBlockDigests.confext_block_digests(f.init(), f.update(), f.finish(), address, salt.length,
                saltFirst ? 1 : 0, batchAddress + dataAt, blockSize, count, batchAddress + digestsAt,
                digestSize) != 1) {
            throw new IllegalStateException("OpenSSL's low-level digest functions failed");
        }
        batch.get(digestsAt, out, 0, count * digestSize);
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
    private void hashBatchBlockByBlock(Region region, long position, int count, int blockSize, byte[] out)
            throws IOException {
        int s = salt.length;
        int bytes = count * blockSize;
        int dataAt = reserve(s, bytes, count * digestSize);
        int digestsAt = dataAt + bytes + s;
        batch.limit(dataAt + bytes).position(dataAt);
        region.readFully(batch, position);
        batch.clear();
        for (int i = 0; i < count; i++) {
            int b = saltFirst ? i : count - 1 - i;
            int start = dataAt + b * blockSize;
            int from = saltFirst ? start - s : start;
            if (s > 0) {
                putSalt(saltFirst ? from : start + blockSize);
            }
            if (LibCrypto.EVP_Digest(batchAddress + from, blockSize + s, batchAddress + digestsAt + b * digestSize,
                    0, md, 0) != 1) {
                throw new IllegalStateException("OpenSSL EVP_Digest failed");
            }
        }
        batch.get(digestsAt, out, 0, count * digestSize);
    }

    /**
     * Makes the batch buffer hold {@code slack} bytes, {@code bytes} of blocks starting at a page boundary,
     * {@code slack} bytes and {@code digests} bytes; returns where the blocks start.
     */
    private int reserve(int slack, int bytes, int digests) {
        int needed = PAGE + slack + bytes + slack + digests;
        if (batch.capacity() < needed) {
            batch = ByteBuffer.allocateDirect(needed).order(ByteOrder.nativeOrder());
            batchAddress = Pointer.nativeValue(Native.getDirectBufferPointer(batch));
        }
        return pageAlignedOffset(batchAddress, slack);
    }

    /** The least offset from {@code address}, at least {@code slack}, whose address is a multiple of the page size. */
    static int pageAlignedOffset(long address, int slack) {
        return slack + (int) (-(address + slack) & (PAGE - 1));
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
