package dev.confext.verity.ddi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random read access to the bytes of an image: a file, or an array in tests. */
public interface ImageSource {
    /** Size in bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code length} bytes at {@code offset}; fewer only at the end of the image.
     *
     * @return a buffer positioned at 0 with as many bytes as could be read
     */
    ByteBuffer read(long offset, int length) throws IOException;

    /** An open file channel (not closed by this source). */
    static ImageSource of(FileChannel channel) {
        return new ImageSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public ByteBuffer read(long offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        break;
                    }
                }
                return buffer.flip();
            }
        };
    }

    /** Bytes in memory (not copied). */
    static ImageSource of(byte[] bytes) {
        return new ImageSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public ByteBuffer read(long offset, int length) {
                if (offset >= bytes.length || offset < 0) {
                    return ByteBuffer.allocate(0);
                }
                int n = (int) Math.min(length, bytes.length - offset);
                return ByteBuffer.wrap(bytes, (int) offset, n).slice();
            }
        };
    }
}
