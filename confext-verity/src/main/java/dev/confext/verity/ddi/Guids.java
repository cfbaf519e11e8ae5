package dev.confext.verity.ddi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** GPT stores GUIDs mixed-endian: the first three fields little-endian, the last eight bytes as they are. */
public final class Guids {
    private Guids() {}

    /** Decodes the 16 bytes at {@code offset}. */
    public static UUID read(ByteBuffer buffer, int offset) {
        ByteBuffer le = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long a = Integer.toUnsignedLong(le.getInt(offset));
        long b = Short.toUnsignedLong(le.getShort(offset + 4));
        long c = Short.toUnsignedLong(le.getShort(offset + 6));
        long msb = (a << 32) | (b << 16) | c;
        long lsb = buffer.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(offset + 8);
        return new UUID(msb, lsb);
    }

    /** Encodes {@code uuid} into 16 bytes at {@code offset}. */
    public static void write(ByteBuffer buffer, int offset, UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        ByteBuffer le = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(offset, (int) (msb >>> 32));
        le.putShort(offset + 4, (short) (msb >>> 16));
        le.putShort(offset + 6, (short) msb);
        buffer.duplicate().order(ByteOrder.BIG_ENDIAN).putLong(offset + 8, uuid.getLeastSignificantBits());
    }
}
