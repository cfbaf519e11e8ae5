package dev.confext.verity.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A dm-verity root hash: the digest of the top hash block, at least 16 bytes long. Its text form is
 * lowercase hex, which is also exactly what a root-hash signature signs.
 *
 * <p>Immutable.
 */
public final class RootHash {
    /** The shortest root hash systemd accepts: it must fill one partition UUID. */
    public static final int MIN_BYTES = 16;

    private final byte[] bytes;

    private RootHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A root hash from its bytes.
     *
     * @throws VerityException when it is shorter than {@link #MIN_BYTES}
     */
    public static RootHash of(byte[] bytes) throws VerityException {
        if (bytes.length < MIN_BYTES) {
            throw new VerityException("Root hash is " + bytes.length + " bytes long, at least " + MIN_BYTES
                    + " are needed");
        }
        return new RootHash(bytes.clone());
    }

    /**
     * Parses hex digits of either case, nothing else (no whitespace, no {@code 0x}).
     *
     * @throws VerityException on any other character, an odd number of digits or fewer than 16 bytes
     */
    public static RootHash parseHex(String hex) throws VerityException {
        if (hex.length() % 2 != 0) {
            throw new VerityException("Root hash '" + abbreviate(hex) + "' has an odd number of hex digits");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 0x7f) {
                throw new VerityException("Root hash '" + abbreviate(hex) + "' contains the non-hex character '"
                        + hex.charAt(i) + "'");
            }
        }
        return of(HexFormat.of().parseHex(hex));
    }

    /**
     * The root hash systemd guesses for an unsigned DDI: the data partition's UUID followed by the verity
     * partition's UUID, each as its 16 bytes in text order.
     */
    public static RootHash ofPartitionUuids(UUID dataPartition, UUID verityPartition) {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        buffer.putLong(dataPartition.getMostSignificantBits()).putLong(dataPartition.getLeastSignificantBits());
        buffer.putLong(verityPartition.getMostSignificantBits()).putLong(verityPartition.getLeastSignificantBits());
        return new RootHash(buffer.array());
    }

    /** A copy of the digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes (the digest size). */
    public int length() {
        return bytes.length;
    }

    /** Lowercase hex, {@code 2 * length()} characters, no newline: the text that signatures sign. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first 16 bytes as a UUID: the unique partition UUID a DDI gives its data partition. */
    public UUID dataPartitionUuid() {
        return uuidAt(0);
    }

    /** The last 16 bytes as a UUID: the unique partition UUID a DDI gives its verity partition. */
    public UUID verityPartitionUuid() {
        return uuidAt(bytes.length - 16);
    }

    private UUID uuidAt(int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RootHash r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The lowercase hex form. */
    @Override
    public String toString() {
        return hex();
    }
}
