package dev.confext.cli.verity;

import dev.confext.verity.api.VerityGeometry;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VeritySuperblock;
import java.io.PrintStream;
import java.util.HexFormat;

/** The "VERITY header information" block that veritysetup prints after {@code format} and for {@code dump}. */
final class VerityHeaderPrinter {
    private VerityHeaderPrinter() {}

    /**
     * What the block shows. The counts are unsigned 64-bit numbers, as veritysetup prints them: a superblock
     * may claim more data blocks than {@link Long#MAX_VALUE}.
     *
     * @param uuid           empty without a superblock
     * @param algorithmName  as shown: after {@code format}, veritysetup shows the name as typed ({@code SHA256}),
     *                       while the superblock holds it in lowercase
     * @param hashStartBlock the first block of the tree in the hash device, counted in hash blocks
     */
    record Header(String uuid, int hashType, long dataBlocks, int dataBlockSize, long hashBlocks, int hashBlockSize,
            String algorithmName, String saltHex, long hashOffset, long hashStartBlock) {

        /** The header of a tree just built. */
        static Header of(VerityParameters p, VerityGeometry g, String algorithmName) {
            return new Header(p.superblock() ? p.uuid().toString() : "", p.format(), g.dataBlocks(),
                    p.dataBlockSize(), g.treeBlocks(), p.hashBlockSize(), algorithmName, p.saltHex(), p.hashOffset(),
                    p.hashStartBlock());
        }

        /**
         * The header of a superblock read at {@code hashOffset}. The hash block count is worked out the way
         * veritysetup's dump works it out, in wrapping unsigned arithmetic, from the stored data block count
         * (0 when that count gives no valid tree, e.g. 0 data blocks).
         */
        static Header of(VeritySuperblock sb, long hashOffset) {
            byte[] salt = sb.salt();
            long startBlock = (hashOffset + VeritySuperblock.SIZE + sb.hashBlockSize() - 1) / sb.hashBlockSize();
            return new Header(sb.uuid().toString(), sb.hashType(), sb.dataBlocks(), sb.dataBlockSize(),
                    hashBlocksAsVeritySetupCounts(sb.hashBlockSize(), sb.algorithm().digestSize(), sb.dataBlocks()),
                    sb.hashBlockSize(), sb.algorithmName(),
                    salt.length == 0 ? "-" : HexFormat.of().formatHex(salt), hashOffset, startBlock);
        }
    }

    /**
     * Hash blocks of a tree over {@code dataBlocks} (unsigned), computed as veritysetup does for its dump: the
     * level count comes from {@code dataBlocks - 1} (so 0 blocks wraps to the largest count), a level whose
     * shift would pass 63 bits or a sum that wraps gives 0.
     */
    static long hashBlocksAsVeritySetupCounts(int hashBlockSize, int digestSize, long dataBlocks) {
        int bits = 31 - Integer.numberOfLeadingZeros(hashBlockSize / digestSize);
        if (bits < 1) {
            return 0;
        }
        int levels = 0;
        while (bits * levels < 64 && ((dataBlocks - 1) >>> (bits * levels)) != 0) {
            levels++;
        }
        long position = 0;
        for (int i = levels - 1; i >= 0; i--) {
            int shift = (i + 1) * bits;
            if (shift > 63) {
                return 0;
            }
            long count = (dataBlocks + (1L << shift) - 1) >>> shift;
            if (Long.compareUnsigned(position + count, position) < 0) {
                return 0;
            }
            position += count;
        }
        return position;
    }

    /** Prints the block for {@code hashDevice}; {@code rootHashHex} may be null (dump). */
    static void print(PrintStream out, String hashDevice, Header h, String rootHashHex) {
        print(out, hashDevice, h, rootHashHex, null);
    }

    /**
     * As {@link #print(PrintStream, String, Header, String)} with the FEC lines of {@code fec} (null for none):
     * roots and parity blocks, the parity counted in the hash device size when it lives there, and the FEC device
     * size for a separate device at offset 0. The hash device size line appears only for a zero hash offset, as
     * in veritysetup.
     */
    static void print(PrintStream out, String hashDevice, Header h, String rootHashHex, FecOptions.FecHeader fec) {
        out.println("VERITY header information for " + hashDevice);
        out.println("UUID:            \t" + h.uuid());
        out.println("Hash type:       \t" + h.hashType());
        out.println("Data blocks:     \t" + Long.toUnsignedString(h.dataBlocks()));
        out.println("Data block size: \t" + h.dataBlockSize());
        out.println("Hash blocks:     \t" + Long.toUnsignedString(h.hashBlocks()));
        out.println("Hash block size: \t" + h.hashBlockSize());
        out.println("Hash algorithm:  \t" + h.algorithmName());
        if (fec != null && fec.geometry().coveredBlocks() > 0) {
            out.println("FEC RS roots:   \t" + fec.geometry().roots());
            out.println("FEC blocks:     \t" + fec.geometry().parityBlocks());
        }
        out.println("Salt:            \t" + h.saltHex());
        if (rootHashHex != null) {
            out.println("Root hash:      \t" + rootHashHex);
        }
        if (h.hashOffset() == 0) {
            long blocks = h.hashStartBlock() + h.hashBlocks()
                    + (fec != null && fec.onHashDevice() ? fec.geometry().parityBlocks() : 0);
            out.println("Hash device size: \t" + Long.toUnsignedString(blocks * h.hashBlockSize()) + " [bytes]");
        }
        if (fec != null && fec.offset() == 0 && fec.geometry().coveredBlocks() > 0 && !fec.onHashDevice()) {
            out.println("FEC device size: \t" + fec.geometry().parityBytes() + " [bytes]");
        }
    }
}
