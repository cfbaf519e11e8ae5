package dev.confext.verity.tree;

import dev.confext.verity.api.VerityParameters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One random tree configuration for the oracle tests: parameters as veritysetup options, the data
 * size, and whether data and hash share one file (then the hash offset lies after the data blocks).
 */
record RandomCase(String hash, int format, int dataBlockSize, int hashBlockSize, byte[] salt, boolean superblock,
        long hashOffset, long dataBlocks, long dataBytes, boolean sameFile, long seed) {

    List<String> options() {
        List<String> o = new ArrayList<>();
        o.add("--hash=" + hash);
        o.add("--format=" + format);
        o.add("--data-block-size=" + dataBlockSize);
        o.add("--hash-block-size=" + hashBlockSize);
        o.add("--salt=" + (salt.length == 0 ? "-" : HexFormat.of().formatHex(salt)));
        o.add("--hash-offset=" + hashOffset);
        if (dataBlocks > 0) {
            o.add("--data-blocks=" + dataBlocks);
        }
        if (!superblock) {
            o.add("--no-superblock");
        } else {
            o.add("--uuid=12345678-9abc-def0-1234-56789abcdef0");
        }
        return o;
    }

    VerityParameters parameters() {
        return VerityParameters.builder().algorithm(hash).format(format).dataBlockSize(dataBlockSize)
                .hashBlockSize(hashBlockSize).salt(salt).superblock(superblock).hashOffset(hashOffset)
                .dataBlocks(dataBlocks).uuid("12345678-9abc-def0-1234-56789abcdef0").build();
    }

    @Override
    public String toString() {
        return String.join(" ", options()) + " dataBytes=" + dataBytes + (sameFile ? " sameFile" : "") + " seed=" + seed;
    }
}
