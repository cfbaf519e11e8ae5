package dev.confext.verity.api;

import java.util.HexFormat;

/**
 * A hash tree that was written: the parameters used (with the number of data blocks resolved),
 * its layout and its root hash.
 */
public final class VerityTree {
    private final VerityParameters parameters;
    private final VerityGeometry geometry;
    private final byte[] rootHash;
    private final long hashFileSize;
    private final FecGeometry fec;

    public VerityTree(VerityParameters parameters, VerityGeometry geometry, byte[] rootHash, long hashFileSize) {
        this(parameters, geometry, rootHash, hashFileSize, null);
    }

    /** A tree with forward error correction described by {@code fec} (null for none). */
    public VerityTree(VerityParameters parameters, VerityGeometry geometry, byte[] rootHash, long hashFileSize,
            FecGeometry fec) {
        this.fec = fec;
        this.parameters = parameters;
        this.geometry = geometry;
        this.rootHash = rootHash.clone();
        this.hashFileSize = hashFileSize;
    }

    /** The parameters, with {@link VerityParameters#dataBlocks()} set to the number of blocks hashed. */
    public VerityParameters parameters() {
        return parameters;
    }

    public VerityGeometry geometry() {
        return geometry;
    }

    /** A copy of the root hash. */
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The root hash as lowercase hex, the form veritysetup prints and signatures cover. */
    public String rootHashHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    /** Length of the hash file after writing. */
    public long hashFileSize() {
        return hashFileSize;
    }

    /** The forward error correction written with the tree, if any. */
    public java.util.Optional<FecGeometry> fec() {
        return java.util.Optional.ofNullable(fec);
    }

    @Override
    public String toString() {
        return "VerityTree[root=" + rootHashHex() + ", " + parameters + "]";
    }
}
