package dev.confext.verity.api;

/** How a data partition of an image is protected, in the words of systemd's image policies. */
public enum PartitionProtection {
    /** The image has no such partition. */
    ABSENT,
    /** The partition is there without dm-verity. */
    UNPROTECTED,
    /** LUKS-encrypted (without dm-verity). */
    ENCRYPTED,
    /** dm-verity with a root hash but no signature. */
    VERITY,
    /** dm-verity with a root-hash signature (not yet verified: see {@link RootHashSignatures}). */
    SIGNED
}
