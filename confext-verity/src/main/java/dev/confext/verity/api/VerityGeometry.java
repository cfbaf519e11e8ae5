package dev.confext.verity.api;

/**
 * Where each level of a hash tree lies in the hash file (spec §2): the number of levels, blocks per
 * level, and the top level first on disk. Level 0 holds the digests of the data blocks; level
 * {@code levels()-1} is the single top block.
 */
public final class VerityGeometry {
    private static final int MAX_LEVELS = 63;

    private final int dataBlockSize;
    private final int hashBlockSize;
    private final int digestSize;
    private final int slotSize;
    private final int hashesPerBlockBits;
    private final long dataBlocks;
    private final long hashStartBlock;
    private final long[] levelBlocks;
    private final long[] levelStartBlock;
    private final long treeBlocks;

    private VerityGeometry(VerityParameters p, long dataBlocks) {
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("A verity tree needs at least one data block, not " + dataBlocks + ".");
        }
        this.dataBlockSize = p.dataBlockSize();
        this.hashBlockSize = p.hashBlockSize();
        this.digestSize = p.algorithm().digestSize();
        this.slotSize = p.format() == 1 ? Integer.highestOneBit(digestSize - 1) << 1 : digestSize;
        this.hashesPerBlockBits = 31 - Integer.numberOfLeadingZeros(hashBlockSize / digestSize);
        this.dataBlocks = dataBlocks;
        if (hashesPerBlockBits < 1) {
            throw new IllegalArgumentException("Digest size too big for hash block size " + hashBlockSize + ".");
        }
        // the checks come in veritysetup's order, each with its line: the data area first, then the levels, then the
        // hash area's end; like veritysetup's, they allow sizes up to 2^64 - 1 bytes (no file is that large, so such
        // a tree fails later, when the data device turns out to be too small)
        if (unsignedProductOverflows(dataBlocks, dataBlockSize)) {
            throw overflow("Device offset overflow.", "Device offset overflow: " + dataBlocks + " data blocks of "
                    + dataBlockSize + " bytes.");
        }
        int levels = 0;
        while (hashesPerBlockBits * levels < 64 && ((dataBlocks - 1) >>> (hashesPerBlockBits * levels)) != 0) {
            levels++;
        }
        if (levels > MAX_LEVELS) {
            throw overflow("Hash area overflow.", "Too many tree levels for verity volume.");
        }
        this.levelBlocks = new long[levels];
        this.levelStartBlock = new long[levels];
        this.hashStartBlock = p.hashStartBlock();
        long position = hashStartBlock;
        for (int i = levels - 1; i >= 0; i--) {
            int shift = (i + 1) * hashesPerBlockBits;
            if (shift > 63) {
                throw overflow("Hash area overflow.", "Hash area overflow: a level of " + dataBlocks
                        + " data blocks would need a shift of " + shift + " bits.");
            }
            long count = shift == 63 ? 1 : ((dataBlocks - 1) >>> shift) + 1;
            levelStartBlock[i] = position;
            levelBlocks[i] = count;
            if (Long.compareUnsigned(position + count, position) < 0) {
                throw overflow("Hash area overflow.", "Hash area overflow: the hash area would not fit in 2^64 blocks.");
            }
            position += count;
        }
        if (unsignedProductOverflows(position, hashBlockSize)) {
            throw overflow("Device offset overflow.", "Device offset overflow: the hash area would not fit in 2^64 bytes.");
        }
        this.treeBlocks = position - hashStartBlock;
    }

    /** Whether {@code a * b} passes 2^64 - 1, {@code a} taken as unsigned, {@code b} positive. */
    private static boolean unsignedProductOverflows(long a, long b) {
        return Long.compareUnsigned(a, Long.divideUnsigned(-1L, b)) > 0;
    }

    private static InvalidVerityParameterException overflow(String veritySetupMessage, String message) {
        return new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.DATA_BLOCKS,
                veritySetupMessage, message);
    }

    /** The geometry of a tree over {@code dataBlocks} blocks with parameters {@code p}. */
    public static VerityGeometry of(VerityParameters p, long dataBlocks) {
        return new VerityGeometry(p, dataBlocks);
    }

    public long dataBlocks() {
        return dataBlocks;
    }

    public int dataBlockSize() {
        return dataBlockSize;
    }

    public int hashBlockSize() {
        return hashBlockSize;
    }

    public int digestSize() {
        return digestSize;
    }

    /** Bytes each digest occupies in a hash block: the next power of two in format 1, the digest size in format 0. */
    public int slotSize() {
        return slotSize;
    }

    /** Digests per hash block: a power of two. */
    public int hashesPerBlock() {
        return 1 << hashesPerBlockBits;
    }

    public int hashesPerBlockBits() {
        return hashesPerBlockBits;
    }

    /** Number of tree levels; 0 for a single data block. */
    public int levels() {
        return levelBlocks.length;
    }

    /** Number of hash blocks of level {@code level} (0 = digests of data blocks). */
    public long levelBlocks(int level) {
        return levelBlocks[level];
    }

    /** Index in hash blocks from byte 0 of the hash file of the first block of {@code level}. */
    public long levelStartBlock(int level) {
        return levelStartBlock[level];
    }

    /** Byte offset of the first block of {@code level} in the hash file. */
    public long levelOffset(int level) {
        return levelStartBlock[level] * hashBlockSize;
    }

    /** Index of the first tree block in the hash file, in hash blocks. */
    public long hashStartBlock() {
        return hashStartBlock;
    }

    /** Number of hash blocks of all levels. */
    public long treeBlocks() {
        return treeBlocks;
    }

    /** Byte offset just after the last tree block ({@code (hashStart + treeBlocks) * hashBlockSize}). */
    public long treeEnd() {
        return (hashStartBlock + treeBlocks) * hashBlockSize;
    }

    /** Bytes of data protected: {@code dataBlocks * dataBlockSize}. */
    public long dataBytes() {
        return dataBlocks * dataBlockSize;
    }
}
