package dev.confext.verity.ddi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes small GPT disk images in memory for tests: protective MBR, primary header at LBA 1 with its entry
 * array at LBA 2, backup entry array and header at the end, valid CRCs. Fields can be overridden to make
 * malformed tables whose CRCs are still right.
 */
final class GptImageBuilder {
    record Entry(UUID type, UUID uuid, long first, long last, long attributes, String label, byte[] content) {}

    private final int sectorSize;
    private final long sectors;
    private final List<Entry> entries = new ArrayList<>();
    private int entryCount = 128;
    private int entrySize = 128;
    private int headerSize = 92;
    private UUID diskGuid = UUID.fromString("2fb9b48a-9b18-4064-8cd5-f2294145c1ee");
    private boolean protectiveMbr = true;

    GptImageBuilder(int sectorSize, long sectors) {
        this.sectorSize = sectorSize;
        this.sectors = sectors;
    }

    GptImageBuilder partition(UUID type, UUID uuid, long first, long last, long attributes, String label) {
        return partition(type, uuid, first, last, attributes, label, new byte[0]);
    }

    GptImageBuilder partition(UUID type, UUID uuid, long first, long last, long attributes, String label,
            byte[] content) {
        entries.add(new Entry(type, uuid, first, last, attributes, label, content));
        return this;
    }

    GptImageBuilder entryCount(int count) {
        this.entryCount = count;
        return this;
    }

    GptImageBuilder entrySize(int size) {
        this.entrySize = size;
        return this;
    }

    GptImageBuilder headerSize(int size) {
        this.headerSize = size;
        return this;
    }

    GptImageBuilder noProtectiveMbr() {
        this.protectiveMbr = false;
        return this;
    }

    int arraySectors() {
        return (int) (((long) entryCount * entrySize + sectorSize - 1) / sectorSize);
    }

    long firstUsable() {
        return 2 + arraySectors();
    }

    long lastUsable() {
        return sectors - 2 - arraySectors();
    }

    byte[] build() {
        byte[] image = new byte[(int) (sectors * sectorSize)];
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (protectiveMbr) {
            buffer.put(446 + 4, (byte) 0xEE);
            buffer.putInt(446 + 8, 1);
            buffer.putInt(446 + 12, (int) Math.min(sectors - 1, 0xffffffffL));
        }
        buffer.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        byte[] array = new byte[entryCount * entrySize];
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int at = i * entrySize;
            Guids.write(a, at, e.type());
            Guids.write(a, at + 16, e.uuid());
            a.putLong(at + 32, e.first()).putLong(at + 40, e.last()).putLong(at + 48, e.attributes());
            byte[] name = e.label().getBytes(StandardCharsets.UTF_16LE);
            a.put(at + 56, name, 0, Math.min(name.length, 72));
            if (e.content().length > 0) {
                System.arraycopy(e.content(), 0, image, (int) (e.first() * sectorSize), e.content().length);
            }
        }
        long lastLba = sectors - 1;
        System.arraycopy(array, 0, image, 2 * sectorSize, array.length);
        long backupArrayLba = lastLba - arraySectors();
        System.arraycopy(array, 0, image, (int) (backupArrayLba * sectorSize), array.length);
        writeHeader(buffer, 1, lastLba, 2, array);
        writeHeader(buffer, lastLba, 1, backupArrayLba, array);
        return image;
    }

    private void writeHeader(ByteBuffer image, long lba, long alternate, long arrayLba, byte[] array) {
        int at = (int) (lba * sectorSize);
        image.put(at, "EFI PART".getBytes(StandardCharsets.US_ASCII));
        image.putInt(at + 8, 0x00010000);
        image.putInt(at + 12, headerSize);
        image.putLong(at + 24, lba).putLong(at + 32, alternate);
        image.putLong(at + 40, firstUsable()).putLong(at + 48, lastUsable());
        Guids.write(image, at + 56, diskGuid);
        image.putLong(at + 72, arrayLba).putInt(at + 80, entryCount).putInt(at + 84, entrySize);
        image.putInt(at + 88, (int) crc(array, 0, array.length));
        image.putInt(at + 16, 0);
        int size = Math.min(Math.max(headerSize, 0), sectorSize);
        image.putInt(at + 16, (int) crc(image.array(), at, size));
    }

    /**
     * Recomputes the entry-array CRCs (where the header's array fields are in range) and then both header CRCs,
     * after a test changed header fields or entries.
     */
    static void fixHeaderCrcs(byte[] image, int sectorSize) {
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (long lba : new long[] {1, image.length / sectorSize - 1}) {
            int at = (int) (lba * sectorSize);
            long arrayAt = buffer.getLong(at + 72) * sectorSize;
            long arrayBytes = Integer.toUnsignedLong(buffer.getInt(at + 80)) * Integer.toUnsignedLong(buffer.getInt(at + 84));
            if (arrayAt >= 0 && arrayBytes > 0 && arrayAt + arrayBytes <= image.length && arrayAt / sectorSize == buffer.getLong(at + 72)) {
                buffer.putInt(at + 88, (int) crc(image, (int) arrayAt, (int) arrayBytes));
            }
            int size = buffer.getInt(at + 12);
            buffer.putInt(at + 16, 0);
            buffer.putInt(at + 16, (int) crc(image, at, Math.min(Math.max(size, 0), sectorSize)));
        }
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
