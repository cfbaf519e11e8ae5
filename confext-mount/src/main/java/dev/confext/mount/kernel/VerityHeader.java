package dev.confext.mount.kernel;

import java.util.HexFormat;

/**
 * The verity parameters libcryptsetup read from a hash device's superblock ({@code crypt_get_verity_info}).
 *
 * @param hashName       hash algorithm, e.g. {@code sha256}
 * @param hashType       1 normal, 0 Chrome OS
 * @param dataBlockSize  data block size in bytes
 * @param hashBlockSize  hash block size in bytes
 * @param dataBlocks     size of the protected data in data blocks
 * @param salt           the salt (a copy is kept)
 * @param hashAreaOffset byte offset of the superblock on the hash device
 * @param flags          {@code CRYPT_VERITY_*} flags
 */
public record VerityHeader(String hashName, int hashType, int dataBlockSize, int hashBlockSize, long dataBlocks,
        byte[] salt, long hashAreaOffset, int flags) {
    public VerityHeader {
        salt = salt.clone();
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** Whether the device was activated with a root hash signature checked by the kernel. */
    public boolean signed() {
        return (flags & CryptSetupLibrary.CRYPT_VERITY_ROOT_HASH_SIGNATURE) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerityHeader h && h.hashName.equals(hashName) && h.hashType == hashType
                && h.dataBlockSize == dataBlockSize && h.hashBlockSize == hashBlockSize && h.dataBlocks == dataBlocks
                && java.util.Arrays.equals(h.salt, salt) && h.hashAreaOffset == hashAreaOffset && h.flags == flags;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(hashName, hashType, dataBlockSize, hashBlockSize, dataBlocks,
                java.util.Arrays.hashCode(salt), hashAreaOffset, flags);
    }

    @Override
    public String toString() {
        return "VerityHeader[" + hashName + ", type " + hashType + ", blocks " + dataBlockSize + "/" + hashBlockSize
                + ", " + dataBlocks + " data blocks, salt " + (salt.length == 0 ? "-" : HexFormat.of().formatHex(salt))
                + ", offset " + hashAreaOffset + ", flags " + flags + "]";
    }
}
