package dev.confext.verity.tree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The data generators of {@code shared/vectors/README.md} ({@code ctr}, {@code fill4096}, {@code fill512}, {@code zero}). */
final class VectorData {
    private VectorData() {}

    /** Writes {@code size} bytes of {@code pattern} to {@code file}. */
    static void write(String pattern, long size, Path file) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            switch (pattern) {
                case "ctr":
                    counter(size, out);
                    break;
                case "fill4096":
                    fill(size, 4096, out);
                    break;
                case "fill512":
                    fill(size, 512, out);
                    break;
                case "zero":
                    for (long i = 0; i < size; i++) {
                        out.write(0);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown data pattern " + pattern);
            }
        }
    }

    /** SHA-256("dm-verity-vectors" || BE64(j)) for j = 0, 1, ... truncated to {@code size} bytes. */
    private static void counter(long size, OutputStream out) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] prefix = "dm-verity-vectors".getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        for (long j = 0; written < size; j++) {
            sha.update(prefix);
            sha.update(java.nio.ByteBuffer.allocate(8).putLong(j).array());
            byte[] d = sha.digest();
            int n = (int) Math.min(d.length, size - written);
            out.write(d, 0, n);
            written += n;
        }
    }

    private static void fill(long size, int period, OutputStream out) throws IOException {
        for (long k = 0; k < size; k++) {
            out.write((int) ((k / period) & 0xff));
        }
    }
}
