package dev.confext.verity.api;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Everything that decides the bytes of a dm-verity hash tree, with veritysetup's defaults:
 * sha256, format 1, 4096-byte data and hash blocks, a random 32-byte salt, hash offset 0, a
 * superblock and a random UUID. The number of data blocks defaults to what fits in the data file.
 *
 * <p>Instances are immutable; {@link #builder()} validates each value as it is set, with the
 * limits veritysetup applies, and names the value it rejects.
 */
public final class VerityParameters {
    /** Smallest data or hash block size. */
    public static final int MIN_BLOCK_SIZE = 512;
    /** Largest data or hash block size (512 KiB), as libcryptsetup. */
    public static final int MAX_BLOCK_SIZE = 512 * 1024;
    /** Largest salt, in bytes. */
    public static final int MAX_SALT_SIZE = 256;
    /** Size of the on-disk superblock. */
    public static final int SUPERBLOCK_SIZE = 512;

    private final HashAlgorithm algorithm;
    private final int format;
    private final int dataBlockSize;
    private final int hashBlockSize;
    private final byte[] salt;
    private final long hashOffset;
    private final long dataBlocks;
    private final boolean superblock;
    private final UUID uuid;

    private VerityParameters(Builder b) {
        this.algorithm = b.algorithm;
        this.format = b.format;
        this.dataBlockSize = b.dataBlockSize;
        this.hashBlockSize = b.hashBlockSize;
        this.salt = b.salt != null ? b.salt.clone() : randomBytes(32);
        this.hashOffset = b.hashOffset;
        this.dataBlocks = b.dataBlocks;
        this.superblock = b.superblock;
        this.uuid = b.uuid != null ? b.uuid : randomUuid();
    }

    /** A builder holding veritysetup's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values (including the salt and UUID, random or not). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.algorithm = algorithm;
        b.format = format;
        b.dataBlockSize = dataBlockSize;
        b.hashBlockSize = hashBlockSize;
        b.salt = salt.clone();
        b.hashOffset = hashOffset;
        b.dataBlocks = dataBlocks;
        b.superblock = superblock;
        b.uuid = uuid;
        return b;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** Hash type: 1 = normal (salt first), 0 = original Chrome OS (salt last, packed digests). */
    public int format() {
        return format;
    }

    public int dataBlockSize() {
        return dataBlockSize;
    }

    public int hashBlockSize() {
        return hashBlockSize;
    }

    /** A copy of the salt (possibly empty). */
    public byte[] salt() {
        return salt.clone();
    }

    /** The salt as lowercase hex, or {@code "-"} when empty (veritysetup's notation). */
    public String saltHex() {
        return salt.length == 0 ? "-" : HexFormat.of().formatHex(salt);
    }

    /** Byte offset of the superblock (or of the tree, without superblock) in the hash file. */
    public long hashOffset() {
        return hashOffset;
    }

    /** The number of data blocks to protect, or empty to use every whole block of the data file. */
    public OptionalLong dataBlocks() {
        return dataBlocks > 0 ? OptionalLong.of(dataBlocks) : OptionalLong.empty();
    }

    /** Whether a superblock is written (and read) at {@link #hashOffset()}. */
    public boolean superblock() {
        return superblock;
    }

    /** The UUID stored in the superblock. */
    public UUID uuid() {
        return uuid;
    }

    /** The layout of the tree for {@code dataBlocks} data blocks. */
    public VerityGeometry geometry(long dataBlocks) {
        return VerityGeometry.of(this, dataBlocks);
    }

    /** Index (in hash blocks, from byte 0 of the hash file) of the first tree block: spec §5.1. */
    public long hashStartBlock() {
        if (!superblock) {
            return hashOffset / hashBlockSize;
        }
        return (hashOffset + SUPERBLOCK_SIZE + hashBlockSize - 1) / hashBlockSize;
    }

    /** Reads the salt in veritysetup's notation: hex, or {@code "-"} or the empty string for none. */
    public static byte[] parseSalt(String text) {
        if (text.equals("-") || text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() % 2 != 0) {
            throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.SALT,
                    "Invalid salt string specified.",
                    "Invalid salt string specified: '" + text + "' has an odd number of hex digits.");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.SALT,
                    "Invalid salt string specified.", "Invalid salt string specified: '" + text + "' is not hexadecimal.");
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        KernelRandom.fill(bytes);
        return bytes;
    }

    /** A random (version 4, RFC 4122 variant) UUID, as libuuid's {@code uuid_generate} makes. */
    private static UUID randomUuid() {
        byte[] r = randomBytes(16);
        r[6] = (byte) ((r[6] & 0x0f) | 0x40);
        r[8] = (byte) ((r[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (r[i] & 0xff);
            low = (low << 8) | (r[8 + i] & 0xff);
        }
        return new UUID(high, low);
    }

    /**
     * Random bytes straight from the kernel's generator ({@code /dev/urandom}, as veritysetup uses), which
     * costs a read instead of the tens of milliseconds a first {@link SecureRandom} spends setting up its
     * providers; {@link SecureRandom} only where that device cannot be read.
     */
    private static final class KernelRandom {
        private KernelRandom() {}

        static void fill(byte[] bytes) {
            try (InputStream in = new FileInputStream("/dev/urandom")) {
                if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                    return;
                }
            } catch (IOException e) {
                // fall through to the JDK's generator
            }
            new SecureRandom().nextBytes(bytes);
        }
    }

    /** Whether {@code text} is a UUID in the only form libuuid parses: 8-4-4-4-12 hex digits. */
    private static boolean isUuidText(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    static boolean validBlockSize(long size) {
        return size >= MIN_BLOCK_SIZE && size <= MAX_BLOCK_SIZE && Long.bitCount(size) == 1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerityParameters)) {
            return false;
        }
        VerityParameters p = (VerityParameters) o;
        return algorithm == p.algorithm && format == p.format && dataBlockSize == p.dataBlockSize
                && hashBlockSize == p.hashBlockSize && Arrays.equals(salt, p.salt) && hashOffset == p.hashOffset
                && dataBlocks == p.dataBlocks && superblock == p.superblock && uuid.equals(p.uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, format, dataBlockSize, hashBlockSize, Arrays.hashCode(salt), hashOffset,
                dataBlocks, superblock, uuid);
    }

    @Override
    public String toString() {
        return "VerityParameters[hash=" + algorithm + ", format=" + format + ", dataBlockSize=" + dataBlockSize
                + ", hashBlockSize=" + hashBlockSize + ", salt=" + saltHex() + ", hashOffset=" + hashOffset
                + ", dataBlocks=" + (dataBlocks > 0 ? Long.toString(dataBlocks) : "auto") + ", superblock="
                + superblock + ", uuid=" + uuid + "]";
    }

    /** Collects parameters; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private HashAlgorithm algorithm = HashAlgorithm.SHA256;
        private int format = 1;
        private int dataBlockSize = 4096;
        private int hashBlockSize = 4096;
        private byte[] salt;
        private long hashOffset;
        private long dataBlocks;
        private boolean superblock = true;
        private UUID uuid;

        private Builder() {}

        public Builder algorithm(HashAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Sets the algorithm by its veritysetup name ({@code sha256}, any case). */
        public Builder algorithm(String name) {
            Optional<HashAlgorithm> known = HashAlgorithm.fromVeritySetupName(name);
            if (known.isEmpty()) { // no lambda here: this runs at every start of bin/verity
                String message = "Hash algorithm " + name + " not supported.";
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.ALGORITHM, message,
                        message);
            }
            this.algorithm = known.get();
            return this;
        }

        /** Hash type 0 (Chrome OS) or 1 (normal). */
        public Builder format(int format) {
            if (format != 0 && format != 1) {
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.FORMAT,
                        "Unsupported VERITY hash type " + format + ".", "Unsupported VERITY hash type " + format
                        + " (0 is the original Chrome OS format, 1 the normal one).");
            }
            this.format = format;
            return this;
        }

        /** A power of two from 512 to 524288. */
        public Builder dataBlockSize(long size) {
            this.dataBlockSize = checkBlockSize("data", size);
            return this;
        }

        /** A power of two from 512 to 524288. */
        public Builder hashBlockSize(long size) {
            this.hashBlockSize = checkBlockSize("hash", size);
            return this;
        }

        /** 0 to 256 bytes; copied. */
        public Builder salt(byte[] salt) {
            Objects.requireNonNull(salt, "salt");
            if (salt.length > MAX_SALT_SIZE) {
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.SALT, null,
                        "Salt of " + salt.length + " bytes is too long (at most " + MAX_SALT_SIZE + " bytes).");
            }
            this.salt = salt.clone();
            return this;
        }

        /** Salt as hex, or {@code "-"} for none, as veritysetup's {@code --salt}. */
        public Builder salt(String hex) {
            return salt(parseSalt(hex));
        }

        /** Byte offset of the superblock in the hash file: a non-negative multiple of 512. */
        public Builder hashOffset(long offset) {
            if (offset < 0 || offset % 512 != 0) {
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.HASH_OFFSET,
                        "Unsupported VERITY hash offset.", "Unsupported VERITY hash offset " + offset
                        + " (it must be a non-negative multiple of 512).");
            }
            this.hashOffset = offset;
            return this;
        }

        /** Protect exactly {@code blocks} data blocks (at least 1); 0 means "all of the data file". */
        public Builder dataBlocks(long blocks) {
            if (blocks < 0) {
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.DATA_BLOCKS,
                        "Device offset overflow.", "Invalid number of data blocks " + blocks + ".");
            }
            this.dataBlocks = blocks;
            return this;
        }

        public Builder superblock(boolean superblock) {
            this.superblock = superblock;
            return this;
        }

        public Builder uuid(UUID uuid) {
            this.uuid = Objects.requireNonNull(uuid, "uuid");
            return this;
        }

        /** Sets the UUID from its text form, as veritysetup's {@code --uuid}. */
        public Builder uuid(String text) {
            if (!isUuidText(text)) {
                throw new InvalidVerityParameterException(InvalidVerityParameterException.Parameter.UUID,
                        "Wrong VERITY UUID format provided", "Wrong VERITY UUID format provided: '" + text + "'.");
            }
            this.uuid = UUID.fromString(text);
            return this;
        }

        /** Checks the combination and returns the parameters; a random salt and UUID are drawn now if unset. */
        public VerityParameters build() {
            if (hashBlockSize / algorithm.digestSize() < 2) {
                throw new IllegalArgumentException("Digest size " + algorithm.digestSize() + " of " + algorithm
                        + " is too big for hash block size " + hashBlockSize + ".");
            }
            return new VerityParameters(this);
        }

        private static int checkBlockSize(String which, long size) {
            if (!validBlockSize(size)) {
                throw new InvalidVerityParameterException(which.equals("data")
                        ? InvalidVerityParameterException.Parameter.DATA_BLOCK_SIZE
                        : InvalidVerityParameterException.Parameter.HASH_BLOCK_SIZE, "Unsupported VERITY block size.",
                        "Unsupported VERITY block size: " + which + " block size " + size
                        + " is not a power of two from " + MIN_BLOCK_SIZE + " to " + MAX_BLOCK_SIZE + ".");
            }
            return (int) size;
        }
    }
}
