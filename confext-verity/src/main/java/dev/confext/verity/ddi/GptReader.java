package dev.confext.verity.ddi;

import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Reads a GUID partition table the way systemd and libblkid find it: the sector size is detected from where
 * the {@code "EFI PART"} header sits (512, 1024, 2048 or 4096; more than one match is refused), a protective
 * MBR is required, the header and entry-array CRC32s are checked, and the backup header at the last sector
 * is used when the primary one is damaged. Stricter than libblkid, partitions must lie inside the usable area
 * and must not overlap.
 */
public final class GptReader {
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    private static final int REVISION = 0x00010000;
    private static final int MIN_HEADER_SIZE = 92;
    private static final int MIN_ENTRY_SIZE = 128;
    /** Largest entry array read (systemd and the kernel use 128 x 128 bytes; this allows 32768 entries). */
    private static final long MAX_ENTRY_ARRAY = 4L * 1024 * 1024;
    private static final int[] SECTOR_SIZES = {512, 1024, 2048, 4096};

    private GptReader() {}

    /**
     * The GPT of {@code image}, or empty when it has none (no {@code "EFI PART"} header at any candidate
     * position, e.g. a bare file system).
     *
     * @throws InvalidImageException when a GPT is there but unusable: headers at several sector sizes, no
     *                               protective MBR, both headers damaged, a truncated image, bad entries
     * @throws IOException           when the image cannot be read
     */
    public static Optional<GptTable> read(ImageSource image) throws InvalidImageException, IOException {
        long size = image.size();
        ByteBuffer head = image.read(0, (int) Math.min(size, 2 * 4096)).order(ByteOrder.LITTLE_ENDIAN);
        int sectorSize = probeSectorSize(head);
        if (sectorSize == 0) {
            sectorSize = probeBackupOnly(image, size);
            if (sectorSize == 0) {
                return Optional.empty();
            }
        }
        if (size < 3L * sectorSize) {
            throw new InvalidImageException("The image (" + size + " bytes) is too small for a GPT with "
                    + sectorSize + "-byte sectors");
        }
        checkProtectiveMbr(head);
        long lastLba = size / sectorSize - 1;
        Header primary = null;
        String primaryProblem = null;
        try {
            primary = readHeader(image, 1, lastLba, sectorSize);
        } catch (InvalidImageException e) {
            primaryProblem = e.getMessage();
        }
        Header backup = null;
        String backupProblem = null;
        try {
            backup = readHeader(image, lastLba, lastLba, sectorSize);
        } catch (InvalidImageException e) {
            backupProblem = e.getMessage();
        }
        List<String> notes = new ArrayList<>();
        Header used;
        if (primary != null) {
            used = primary;
            if (backup == null) {
                notes.add("Backup GPT header: " + backupProblem);
            }
        } else if (backup != null) {
            used = backup;
            notes.add("Primary GPT header: " + primaryProblem + "; the backup header was used");
        } else {
            throw new InvalidImageException("Invalid GPT: primary header: " + primaryProblem + "; backup header: "
                    + backupProblem);
        }
        List<DdiPartition> partitions = parseEntries(used, sectorSize);
        return Optional.of(new GptTable(sectorSize, used.diskGuid, used.firstUsable, used.lastUsable,
                primary == null, partitions, notes));
    }

    /** The sector size whose LBA 1 holds a plausible header (as systemd's probe), 0 for none. */
    private static int probeSectorSize(ByteBuffer head) throws InvalidImageException {
        int found = 0;
        for (int size : SECTOR_SIZES) {
            if (head.limit() < size + MIN_HEADER_SIZE || !plausibleHeader(head, size)) {
                continue;
            }
            if (found != 0) {
                throw new InvalidImageException("GPT headers found for both " + found + "- and " + size
                        + "-byte sectors, refusing");
            }
            found = size;
        }
        return found;
    }

    private static boolean plausibleHeader(ByteBuffer head, int at) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head.get(at + i) != SIGNATURE[i]) {
                return false;
            }
        }
        int headerSize = head.getInt(at + 12);
        return head.getInt(at + 8) == REVISION && headerSize >= MIN_HEADER_SIZE && headerSize <= 4096
                && head.getLong(at + 24) == 1;
    }

    /** A damaged primary header with an intact backup at the last 512- or 4096-byte sector. */
    private static int probeBackupOnly(ImageSource image, long size) throws IOException {
        for (int sectorSize : new int[] {512, 4096}) {
            if (size < 3L * sectorSize || size % sectorSize != 0) {
                continue;
            }
            ByteBuffer last = image.read(size - sectorSize, SIGNATURE.length);
            if (last.remaining() == SIGNATURE.length && ByteBuffer.wrap(SIGNATURE).equals(last)) {
                return sectorSize;
            }
        }
        return 0;
    }

    private static void checkProtectiveMbr(ByteBuffer head) throws InvalidImageException {
        if (head.limit() < 512 || head.get(510) != 0x55 || head.get(511) != (byte) 0xAA) {
            throw new InvalidImageException("The image has a GPT header but no protective MBR (no 55 AA signature)");
        }
        for (int i = 0; i < 4; i++) {
            if ((head.get(446 + 16 * i + 4) & 0xff) == 0xEE) {
                return;
            }
        }
        throw new InvalidImageException("The image has a GPT header but its MBR has no protective (type 0xEE) partition");
    }

    /** A validated header and its entry array. */
    private record Header(UUID diskGuid, long firstUsable, long lastUsable, int entryCount, int entrySize,
            ByteBuffer entries) {}

    private static Header readHeader(ImageSource image, long lba, long lastLba, int sectorSize)
            throws InvalidImageException, IOException {
        ByteBuffer sector = image.read(lba * sectorSize, sectorSize).order(ByteOrder.LITTLE_ENDIAN);
        if (sector.remaining() < sectorSize) {
            throw new InvalidImageException("the image ends inside the header at LBA " + lba);
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sector.get(i) != SIGNATURE[i]) {
                return fail("no \"EFI PART\" signature at LBA " + lba);
            }
        }
        int headerSize = sector.getInt(12);
        if (headerSize < MIN_HEADER_SIZE || headerSize > sectorSize) {
            return fail("header size " + Integer.toUnsignedString(headerSize) + " is not between "
                    + MIN_HEADER_SIZE + " and the sector size " + sectorSize);
        }
        long storedCrc = Integer.toUnsignedLong(sector.getInt(16));
        byte[] copy = new byte[headerSize];
        sector.get(0, copy);
        copy[16] = copy[17] = copy[18] = copy[19] = 0;
        long computedCrc = crc32(copy);
        if (storedCrc != computedCrc) {
            return fail(String.format("header CRC32 mismatch (stored 0x%08x, computed 0x%08x)", storedCrc, computedCrc));
        }
        long myLba = sector.getLong(24);
        if (myLba != lba) {
            return fail("the header at LBA " + lba + " says it is at LBA " + Long.toUnsignedString(myLba));
        }
        long firstUsable = sector.getLong(40);
        long lastUsable = sector.getLong(48);
        if (Long.compareUnsigned(lastUsable, lastLba) > 0 || Long.compareUnsigned(firstUsable, lastUsable) > 0) {
            return fail("usable area LBA " + Long.toUnsignedString(firstUsable) + "-" + Long.toUnsignedString(lastUsable)
                    + " does not fit the image's " + (lastLba + 1) + " sectors");
        }
        if (firstUsable <= lba && lba <= lastUsable) {
            return fail("the header at LBA " + lba + " lies inside the usable area");
        }
        UUID diskGuid = Guids.read(sector, 56);
        long entryLba = sector.getLong(72);
        long entryCount = Integer.toUnsignedLong(sector.getInt(80));
        long entrySize = Integer.toUnsignedLong(sector.getInt(84));
        if (entrySize < MIN_ENTRY_SIZE || (entrySize & (entrySize - 1)) != 0 || entrySize > MAX_ENTRY_ARRAY) {
            return fail("partition entry size " + entrySize + " is not 128 times a power of two (up to 4 MiB)");
        }
        long arrayBytes = entryCount * entrySize;
        if (entryCount == 0 || arrayBytes > MAX_ENTRY_ARRAY) {
            return fail("partition entry array of " + entryCount + " x " + entrySize + " bytes is "
                    + (entryCount == 0 ? "empty" : "too large"));
        }
        if (Long.compareUnsigned(entryLba, lastLba) > 0
                || entryLba * sectorSize + arrayBytes > (lastLba + 1) * sectorSize) {
            return fail("the partition entry array at LBA " + Long.toUnsignedString(entryLba)
                    + " runs past the end of the image");
        }
        long arrayEnd = entryLba + (arrayBytes + sectorSize - 1) / sectorSize - 1;
        if (entryLba <= lastUsable && arrayEnd >= firstUsable) {
            return fail("the partition entry array (LBA " + entryLba + "-" + arrayEnd + ") overlaps the usable area");
        }
        if (entryLba <= lba && lba <= arrayEnd) {
            return fail("the partition entry array overlaps its header at LBA " + lba);
        }
        ByteBuffer entries = image.read(entryLba * sectorSize, (int) arrayBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (entries.remaining() < arrayBytes) {
            return fail("the image ends inside the partition entry array");
        }
        byte[] array = new byte[(int) arrayBytes];
        entries.get(0, array);
        long storedEntriesCrc = Integer.toUnsignedLong(sector.getInt(88));
        long computedEntriesCrc = crc32(array);
        if (storedEntriesCrc != computedEntriesCrc) {
            return fail(String.format("partition entry array CRC32 mismatch (stored 0x%08x, computed 0x%08x)",
                    storedEntriesCrc, computedEntriesCrc));
        }
        return new Header(diskGuid, firstUsable, lastUsable, (int) entryCount, (int) entrySize, entries);
    }

    private static Header fail(String message) throws InvalidImageException {
        throw new InvalidImageException(message);
    }

    private static List<DdiPartition> parseEntries(Header header, int sectorSize) throws InvalidImageException {
        List<DdiPartition> partitions = new ArrayList<>();
        for (int i = 0; i < header.entryCount; i++) {
            int at = i * header.entrySize;
            if (isZero(header.entries, at, 16)) {
                continue;
            }
            int number = i + 1;
            UUID type = Guids.read(header.entries, at);
            UUID uuid = Guids.read(header.entries, at + 16);
            long first = header.entries.getLong(at + 32);
            long last = header.entries.getLong(at + 40);
            long attributes = header.entries.getLong(at + 48);
            if (Long.compareUnsigned(first, last) > 0) {
                throw new InvalidImageException("Partition " + number + ": first LBA " + Long.toUnsignedString(first)
                        + " is after its last LBA " + Long.toUnsignedString(last));
            }
            if (Long.compareUnsigned(first, header.firstUsable) < 0 || Long.compareUnsigned(last, header.lastUsable) > 0) {
                throw new InvalidImageException("Partition " + number + " (LBA " + Long.toUnsignedString(first) + "-"
                        + Long.toUnsignedString(last) + ") lies outside the usable area (LBA " + header.firstUsable
                        + "-" + header.lastUsable + ")");
            }
            partitions.add(new DdiPartition(number, PartitionType.of(type), uuid, first, last, first * sectorSize,
                    (last - first + 1) * sectorSize, attributes, label(header.entries, at + 56)));
        }
        List<DdiPartition> byStart = new ArrayList<>(partitions);
        byStart.sort(Comparator.comparingLong(DdiPartition::firstLba));
        for (int i = 1; i < byStart.size(); i++) {
            DdiPartition previous = byStart.get(i - 1);
            DdiPartition next = byStart.get(i);
            if (next.firstLba() <= previous.lastLba()) {
                throw new InvalidImageException("Partitions " + previous.number() + " (LBA " + previous.firstLba() + "-"
                        + previous.lastLba() + ") and " + next.number() + " (LBA " + next.firstLba() + "-"
                        + next.lastLba() + ") overlap");
            }
        }
        return partitions;
    }

    private static String label(ByteBuffer entries, int at) {
        char[] chars = new char[36];
        int n = 0;
        while (n < 36) {
            char c = (char) Short.toUnsignedInt(entries.getShort(at + 2 * n));
            if (c == 0) {
                break;
            }
            chars[n++] = c;
        }
        return new String(chars, 0, n);
    }

    private static boolean isZero(ByteBuffer buffer, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
