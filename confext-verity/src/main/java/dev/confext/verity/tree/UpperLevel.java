package dev.confext.verity.tree;

import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityGeometry;
import java.io.IOException;
import java.util.Arrays;

/**
 * One level above level 0, filled one digest at a time in order. When writing, each full block
 * is written at its place and its digest passed up; when verifying, each stored block is read,
 * compared slot by slot (digest, spare bytes, tail) and its stored bytes' digest passed up. Holds
 * one hash block in memory.
 */
final class UpperLevel implements DigestSink {
    private final int level;
    private final VerityGeometry geometry;
    private final Region hash;
    private final boolean verify;
    private final BlockHasher hasher;
    private final DigestSink next;
    private final FailureLog failures;
    private final byte[] block;
    private final byte[] digest;
    private final int slot;
    private final int digestSize;
    private final int hashBlockSize;
    private long blockIndex;
    private int used;
    private long inputIndex;

    UpperLevel(int level, VerityGeometry geometry, Region hash, boolean verify, BlockHasher hasher,
            DigestSink next, FailureLog failures) {
        this.level = level;
        this.geometry = geometry;
        this.hash = hash;
        this.verify = verify;
        this.hasher = hasher;
        this.next = next;
        this.failures = failures;
        this.hashBlockSize = geometry.hashBlockSize();
        this.block = new byte[hashBlockSize];
        this.slot = geometry.slotSize();
        this.digestSize = geometry.digestSize();
        this.digest = new byte[digestSize];
    }

    @Override
    public void accept(byte[] input, int offset) throws IOException {
        if (verify && used == 0) {
            hash.readFully(block, 0, hashBlockSize, blockPosition());
        }
        int at = used * slot;
        if (verify) {
            if (!failures.hasFailure(level)) {
                if (!Arrays.equals(block, at, at + digestSize, input, offset, offset + digestSize)) {
                    long inputPosition = geometry.levelOffset(level - 1) + inputIndex * hashBlockSize;
                    failures.record(new VerityFailure(VerityFailure.Kind.DIGEST_MISMATCH, level, inputPosition));
                } else if (!isZero(block, at + digestSize, at + slot)) {
                    failures.record(new VerityFailure(VerityFailure.Kind.SPARE_NOT_ZERO, level,
                            blockPosition() + at + digestSize));
                }
            }
        } else {
            System.arraycopy(input, offset, block, at, digestSize);
        }
        used++;
        inputIndex++;
        if (used == geometry.hashesPerBlock()) {
            completeBlock();
        }
    }

    @Override
    public void finish() throws IOException {
        if (used > 0) {
            completeBlock();
        }
        next.finish();
    }

    private void completeBlock() throws IOException {
        int end = used * slot;
        if (verify) {
            if (!failures.hasFailure(level) && !isZero(block, end, hashBlockSize)) {
                failures.record(new VerityFailure(VerityFailure.Kind.SPARE_NOT_ZERO, level, blockPosition() + end));
            }
        } else {
            hash.writeFully(block, 0, hashBlockSize, blockPosition());
        }
        hasher.hash(block, 0, hashBlockSize, digest, 0);
        next.accept(digest, 0);
        Arrays.fill(block, (byte) 0);
        used = 0;
        blockIndex++;
    }

    private long blockPosition() {
        return (geometry.levelStartBlock(level) + blockIndex) * hashBlockSize;
    }

    static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
