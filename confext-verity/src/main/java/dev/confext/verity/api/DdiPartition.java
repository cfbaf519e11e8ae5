package dev.confext.verity.api;

import java.util.UUID;

/**
 * One used entry of a GPT.
 *
 * @param number     1-based index in the partition entry array
 * @param type       the type and what it means
 * @param uuid       the unique partition UUID (decoded from GPT's mixed-endian form)
 * @param firstLba   first sector
 * @param lastLba    last sector, inclusive
 * @param offset     byte offset in the image
 * @param size       size in bytes
 * @param attributes the 64 attribute bits
 * @param label      the partition name (UTF-16 decoded, up to the first NUL)
 */
public record DdiPartition(int number, PartitionType type, UUID uuid, long firstLba, long lastLba, long offset,
        long size, long attributes, String label) {
    /** Attribute bit 63: ignored by automatic discovery. */
    public static final long FLAG_NO_AUTO = 1L << 63;
    /** Attribute bit 60: mount read-only. */
    public static final long FLAG_READ_ONLY = 1L << 60;
    /** Attribute bit 59: grow the file system to the partition. */
    public static final long FLAG_GROWFS = 1L << 59;

    /** Whether bit 63 (no-auto) is set. */
    public boolean noAuto() {
        return (attributes & FLAG_NO_AUTO) != 0;
    }

    /** Whether bit 60 (read-only) is set. */
    public boolean readOnly() {
        return (attributes & FLAG_READ_ONLY) != 0;
    }

    /** Whether bit 59 (grow-file-system) is set. */
    public boolean growFs() {
        return (attributes & FLAG_GROWFS) != 0;
    }
}
