package dev.confext.verity.tree;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional whole reads and writes on a {@link FileChannel} (safe to call from several threads). */
final class Positioned {
    private Positioned() {}

    /** Reads exactly {@code length} bytes at {@code position} into {@code buffer[offset...]}. */
    static void readFully(FileChannel channel, String what, byte[] buffer, int offset, int length, long position)
            throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, length);
        while (b.hasRemaining()) {
            int n = channel.read(b, position + (b.position() - offset));
            if (n < 0) {
                throw new EOFException(what + " ends at byte " + (position + (b.position() - offset))
                        + ", before the " + length + " bytes needed at offset " + position + ".");
            }
        }
    }

    /** Reads exactly {@code buffer.remaining()} bytes at {@code position} into {@code buffer}. */
    static void readFully(FileChannel channel, String what, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        int length = buffer.remaining();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + (buffer.position() - start));
            if (n < 0) {
                throw new EOFException(what + " ends at byte " + (position + (buffer.position() - start))
                        + ", before the " + length + " bytes needed at offset " + position + ".");
            }
        }
    }

    /** Writes {@code buffer[offset, offset+length)} at {@code position}. */
    static void writeFully(FileChannel channel, byte[] buffer, int offset, int length, long position)
            throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, length);
        while (b.hasRemaining()) {
            channel.write(b, position + (b.position() - offset));
        }
    }
}
