package dev.confext.verity.api;

import dev.confext.verity.api.InvalidSuperblockException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The 512-byte on-disk header of a verity hash device (spec §5.2): little-endian fields, the UUID in
 * text byte order, the algorithm as a NUL-padded name (lowercase as veritysetup writes it; any case loads, and
 * the name is kept as written). It holds neither the root hash nor
 * the hash offset.
 *
 * <p>{@link #parse} applies the checks libcryptsetup applies when it loads a superblock, in the same
 * order, and additionally requires an algorithm this library implements.
 */
public final class VeritySuperblock {
    /** Size in bytes. */
    public static final int SIZE = 512;
    private static final byte[] SIGNATURE = {'v', 'e', 'r', 'i', 't', 'y', 0, 0};
    private static final int VERSION = 1;
    private static final int ALGORITHM_FIELD = 32;

    private final int hashType;
    private final UUID uuid;
    private final HashAlgorithm algorithm;
    private final String algorithmName;
    private final int dataBlockSize;
    private final int hashBlockSize;
    private final long dataBlocks;
    private final byte[] salt;

    private VeritySuperblock(int hashType, UUID uuid, HashAlgorithm algorithm, String algorithmName, int dataBlockSize,
            int hashBlockSize, long dataBlocks, byte[] salt) {
        this.hashType = hashType;
        this.uuid = uuid;
        this.algorithm = algorithm;
        this.algorithmName = algorithmName;
        this.dataBlockSize = dataBlockSize;
        this.hashBlockSize = hashBlockSize;
        this.dataBlocks = dataBlocks;
        this.salt = salt;
    }

    /** The superblock veritysetup writes for {@code parameters} over {@code dataBlocks} data blocks. */
    public static VeritySuperblock of(VerityParameters parameters, long dataBlocks) {
        if (dataBlocks < 0) {
            throw new IllegalArgumentException("Invalid number of data blocks " + dataBlocks + ".");
        }
        return new VeritySuperblock(parameters.format(), parameters.uuid(), parameters.algorithm(),
                parameters.algorithm().veritySetupName(),
                parameters.dataBlockSize(), parameters.hashBlockSize(), dataBlocks, parameters.salt());
    }

    /**
     * Decodes a superblock from the next 512 bytes of {@code bytes} (its position advances).
     *
     * The data block count is taken as stored, as veritysetup takes it: a count of 0 or one too large for any
     * device loads, and fails (or means "all of the data device") only when a tree is built or checked over it.
     *
     * @throws InvalidSuperblockException when fewer than 512 bytes remain, the signature is not
     *     {@code "verity\0\0"}, the version is not 1, the hash type is above 1, a block size is not a
     *     power of two from 512 to 524288, the algorithm is unknown or the salt is longer than 256 bytes
     */
    public static VeritySuperblock parse(ByteBuffer bytes) throws InvalidSuperblockException {
        if (bytes.remaining() < SIZE) {
            throw new InvalidSuperblockException("Verity superblock truncated: " + bytes.remaining() + " of " + SIZE
                    + " bytes present.");
        }
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(bytes.position() + SIZE);
        byte[] signature = new byte[SIGNATURE.length];
        b.get(0, signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new InvalidSuperblockException("Not a verity superblock: signature is "
                    + HexFormat.of().formatHex(signature) + ", expected \"verity\\0\\0\".");
        }
        // veritysetup prints the version and hash type as signed 32-bit numbers
        int version = b.getInt(8);
        if (version != VERSION) {
            throw refused(Reason.UNSUPPORTED_VERSION, "Unsupported VERITY version " + version + ".",
                    "Unsupported VERITY version " + Integer.toUnsignedString(version) + ".");
        }
        int hashType = b.getInt(12);
        if (Integer.compareUnsigned(hashType, 1) > 0) {
            throw refused(Reason.UNSUPPORTED_HASH_TYPE, "Unsupported VERITY hash type " + hashType + ".",
                    "Unsupported VERITY hash type " + Integer.toUnsignedString(hashType) + ".");
        }
        long dataBlockSize = Integer.toUnsignedLong(b.getInt(64));
        long hashBlockSize = Integer.toUnsignedLong(b.getInt(68));
        if (!VerityParameters.validBlockSize(dataBlockSize) || !VerityParameters.validBlockSize(hashBlockSize)) {
            throw refused(Reason.UNSUPPORTED_BLOCK_SIZE, "Unsupported VERITY block size.",
                    "Unsupported VERITY block size: data " + dataBlockSize + ", hash " + hashBlockSize
                    + " (each must be a power of two from 512 to 524288).");
        }
        long dataBlocks = b.getLong(72);
        byte[] nameField = new byte[ALGORITHM_FIELD];
        b.get(32, nameField);
        int nameLength = 0;
        while (nameLength < nameField.length && nameField[nameLength] != 0) {
            nameLength++;
        }
        String name = new String(nameField, 0, nameLength, StandardCharsets.ISO_8859_1);
        HashAlgorithm algorithm = HashAlgorithm.fromVeritySetupName(name)
                .orElseThrow(() -> refused(Reason.UNSUPPORTED_ALGORITHM, "Hash algorithm " + name + " not supported.",
                        "Hash algorithm '" + printable(name) + "' not supported."));
        int saltSize = Short.toUnsignedInt(b.getShort(80));
        if (saltSize > VerityParameters.MAX_SALT_SIZE) {
            throw refused(Reason.CORRUPTED, "VERITY header corrupted.", "VERITY header corrupted: salt size "
                    + saltSize + " is above " + VerityParameters.MAX_SALT_SIZE + ".");
        }
        byte[] salt = new byte[saltSize];
        b.get(88, salt);
        ByteBuffer uuidBytes = b.slice(16, 16).order(ByteOrder.BIG_ENDIAN);
        UUID uuid = new UUID(uuidBytes.getLong(0), uuidBytes.getLong(8));
        return new VeritySuperblock(hashType, uuid, algorithm, name, (int) dataBlockSize, (int) hashBlockSize,
                dataBlocks, salt);
    }

    /**
     * Reads the superblock at byte {@code offset} of {@code channel}.
     *
     * @throws InvalidSuperblockException when the file ends before 512 bytes or the bytes are invalid
     * @throws VerityException when the file cannot be read
     */
    public static VeritySuperblock read(FileChannel channel, long offset) throws VerityException {
        if (offset < 0 || offset % 512 != 0) {
            throw refused(Reason.UNSUPPORTED_HASH_OFFSET, "Unsupported VERITY hash offset.",
                    "Unsupported VERITY hash offset " + offset + ".");
        }
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new VerityException("Cannot read verity superblock at offset " + offset + ": " + e.getMessage(), e);
        }
        buffer.flip();
        if (buffer.remaining() < SIZE) {
            throw new InvalidSuperblockException("No verity superblock at offset " + offset + ": the file ends after "
                    + buffer.remaining() + " of its " + SIZE + " bytes.");
        }
        return parse(buffer);
    }

    /**
     * Reads the superblock at byte {@code offset} of the file {@code path}.
     *
     * @throws InvalidSuperblockException when the file ends before 512 bytes or the bytes are invalid
     * @throws DeviceNotFoundException when the file does not exist, access is denied, or it is neither a
     *     regular file nor a block device
     * @throws VerityException when the file cannot be opened or read
     */
    public static VeritySuperblock read(Path path, long offset) throws VerityException {
        DataBlocks.requireCompatible(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            try {
                return read(channel, offset);
            } catch (InvalidSuperblockException e) {
                throw new InvalidSuperblockException(path + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
            throw new DeviceNotFoundException("Device " + path + " does not exist or access denied.", e);
        } catch (IOException e) {
            throw new VerityException("Cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** The 512 bytes of this superblock. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, SIGNATURE);
        b.putInt(8, VERSION);
        b.putInt(12, hashType);
        b.order(ByteOrder.BIG_ENDIAN).putLong(16, uuid.getMostSignificantBits()).putLong(24,
                uuid.getLeastSignificantBits());
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.put(32, algorithmName.getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(64, dataBlockSize);
        b.putInt(68, hashBlockSize);
        b.putLong(72, dataBlocks);
        b.putShort(80, (short) salt.length);
        b.put(88, salt);
        return b.array();
    }

    /**
     * The parameters this superblock describes, with the hash area at {@code hashOffset} (the
     * superblock's own offset, which it does not record).
     *
     * @throws InvalidVerityParameterException when the data block count is above {@link Long#MAX_VALUE}
     *     (veritysetup: "Device offset overflow.")
     */
    public VerityParameters toParameters(long hashOffset) {
        return VerityParameters.builder()
                .algorithm(algorithm)
                .format(hashType)
                .dataBlockSize(dataBlockSize)
                .hashBlockSize(hashBlockSize)
                .salt(salt)
                .uuid(uuid)
                .dataBlocks(dataBlocks)
                .hashOffset(hashOffset)
                .superblock(true)
                .build();
    }

    /** Hash type (format): 0 or 1. */
    public int hashType() {
        return hashType;
    }

    public UUID uuid() {
        return uuid;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The algorithm's name as the superblock spells it, e.g. {@code sha256} or {@code SHA256}; veritysetup's dump shows it so. */
    public String algorithmName() {
        return algorithmName;
    }

    public int dataBlockSize() {
        return dataBlockSize;
    }

    public int hashBlockSize() {
        return hashBlockSize;
    }

    /**
     * Number of data blocks, unsigned as stored: a count above {@link Long#MAX_VALUE} reads as negative here
     * (print it with {@link Long#toUnsignedString(long)}). 0 means "the whole data device" to libcryptsetup.
     */
    public long dataBlocks() {
        return dataBlocks;
    }

    /** A copy of the salt. */
    public byte[] salt() {
        return salt.clone();
    }

    private static InvalidSuperblockException refused(Reason reason, String veritySetupMessage, String message) {
        return new InvalidSuperblockException(reason, veritySetupMessage, message, null);
    }

    private static String printable(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VeritySuperblock)) {
            return false;
        }
        VeritySuperblock s = (VeritySuperblock) o;
        return hashType == s.hashType && uuid.equals(s.uuid) && algorithm == s.algorithm && algorithmName.equals(s.algorithmName)
                && dataBlockSize == s.dataBlockSize && hashBlockSize == s.hashBlockSize && dataBlocks == s.dataBlocks
                && Arrays.equals(salt, s.salt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashType, uuid, algorithmName, dataBlockSize, hashBlockSize, dataBlocks, Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "VeritySuperblock[hashType=" + hashType + ", uuid=" + uuid + ", algorithm=" + algorithmName
                + ", dataBlockSize=" + dataBlockSize + ", hashBlockSize=" + hashBlockSize + ", dataBlocks="
                + Long.toUnsignedString(dataBlocks) + ", salt=" + (salt.length == 0 ? "-" : HexFormat.of().formatHex(salt)) + "]";
    }
}
