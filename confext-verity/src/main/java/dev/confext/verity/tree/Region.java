package dev.confext.verity.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A device as veritysetup sees it: a file, or a byte range of one (a partition inside an image).
 * Positions are relative to the start of the range; reads and writes are positional and thread-safe.
 */
public final class Region {
    private final FileChannel channel;
    private final long base;
    private final String name;

    /** {@code name} appears in error messages ("Data file", "Hash partition 2"...). */
    public Region(FileChannel channel, long base, String name) {
        if (base < 0) {
            throw new IllegalArgumentException("negative region offset " + base);
        }
        this.channel = channel;
        this.base = base;
        this.name = name;
    }

    void readFully(byte[] buffer, int offset, int length, long position) throws IOException {
        Positioned.readFully(channel, name, buffer, offset, length, base + position);
    }

    /** Fills {@code buffer} from its position to its limit with the bytes at {@code position}. */
    void readFully(java.nio.ByteBuffer buffer, long position) throws IOException {
        Positioned.readFully(channel, name, buffer, base + position);
    }

    void writeFully(byte[] buffer, int offset, int length, long position) throws IOException {
        Positioned.writeFully(channel, buffer, offset, length, base + position);
    }
}
