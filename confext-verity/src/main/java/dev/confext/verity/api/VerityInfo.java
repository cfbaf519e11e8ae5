package dev.confext.verity.api;

import java.util.Optional;

/**
 * How an image's data is protected by dm-verity: which root hash, from where, with which signature, and
 * where the data and the hash tree are.
 *
 * @param designator     {@link PartitionDesignator#ROOT} or {@link PartitionDesignator#USR}
 * @param rootHash       the root hash to activate with
 * @param rootHashSource where the root hash came from
 * @param signature      the signature to check the root hash with, if the image has one
 * @param superblock     the verity superblock at the start of the hash area
 * @param data           the protected data (a partition or the whole bare image)
 * @param hash           the hash device (the verity partition or the {@code .verity} file); the superblock
 *                       is at its offset 0
 */
public record VerityInfo(PartitionDesignator designator, RootHash rootHash, RootHashSource rootHashSource,
        Optional<VeritySignature> signature, VeritySuperblock superblock, ImageExtent data, ImageExtent hash) {

    /** Where a root hash came from. */
    public enum RootHashSource {
        /** The {@code rootHash} field of the signature partition. */
        SIGNATURE_PARTITION,
        /** A {@code .roothash}/{@code .usrhash} file next to the image. */
        SIDECAR_FILE,
        /** The {@code user.verity.roothash}/{@code user.verity.usrhash} extended attribute of the image. */
        XATTR,
        /** Guessed from the partition UUIDs: data partition UUID followed by verity partition UUID. */
        PARTITION_UUIDS
    }

    /** The verity parameters the superblock gives, with the hash area at offset 0 of {@link #hash()}. */
    public VerityParameters parameters() {
        return superblock.toParameters(0);
    }
}
