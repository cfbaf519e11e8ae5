package dev.confext.verity.fec;

import dev.confext.verity.api.FecGeometry;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The stream of blocks forward error correction covers (data blocks, then the covered part of the
 * hash device, then zeros), read by positional reads so that threads may share it.
 */
final class FecStream {
    private final FileChannel data;
    private final FileChannel hash;
    private final long dataBytes;
    private final long hashStart;
    private final long size;

    FecStream(FecGeometry geometry, FileChannel data, FileChannel hash) {
        this.data = data;
        this.hash = hash;
        this.dataBytes = geometry.dataBlocks() * geometry.blockSize();
        this.hashStart = geometry.hashAreaStart();
        this.size = geometry.coveredBlocks() * geometry.blockSize();
    }

    /** Fills {@code target[offset, offset + length)} with the stream from byte {@code position}. */
    void read(long position, byte[] target, int offset, int length) throws IOException {
        while (length > 0) {
            if (position >= size) {
                Arrays.fill(target, offset, offset + length, (byte) 0);
                return;
            }
            int chunk = (int) Math.min(length, size - position);
            if (position < dataBytes) {
                chunk = (int) Math.min(chunk, dataBytes - position);
                readFully(data, position, target, offset, chunk);
            } else {
                readFully(hash, hashStart + position - dataBytes, target, offset, chunk);
            }
            position += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    static void readFully(FileChannel channel, long position, byte[] target, int offset, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position() - offset);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buffer.position() - offset));
            }
        }
    }
}
