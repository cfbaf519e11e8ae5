package dev.confext.verity.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how dm-verity's forward error correction data is kept: the device (file) holding the
 * Reed-Solomon parity, the number of parity bytes per 255-byte codeword and the byte offset of the
 * parity area in that device, as {@code veritysetup --fec-device --fec-roots --fec-offset}. The FEC
 * device may be the hash device (or the data device) when the offset puts the parity area after
 * the tree (or the data). The number of roots is checked when the parity is used, as veritysetup does.
 *
 * @param device the file holding the parity area
 * @param roots parity bytes per codeword, {@value #MIN_ROOTS}..{@value #MAX_ROOTS}
 * @param offset byte offset of the parity area in {@code device}, a multiple of 512
 */
public record FecParameters(Path device, int roots, long offset) {
    /** Fewest parity bytes veritysetup accepts (RS(255, 253)). */
    public static final int MIN_ROOTS = 2;
    /** Most parity bytes veritysetup accepts (RS(255, 231)). */
    public static final int MAX_ROOTS = 24;
    /** veritysetup's default for {@code --fec-roots}. */
    public static final int DEFAULT_ROOTS = 2;

    public FecParameters {
        Objects.requireNonNull(device, "device");
        if (offset < 0) {
            throw new IllegalArgumentException("FEC offset must not be negative, not " + offset + ".");
        }
    }

    /** Parity in {@code device} from offset 0 with the default {@value #DEFAULT_ROOTS} roots. */
    public static FecParameters of(Path device) {
        return new FecParameters(device, DEFAULT_ROOTS, 0);
    }

    /** Whether {@link #roots()} is in veritysetup's range. */
    public boolean rootsSupported() {
        return roots >= MIN_ROOTS && roots <= MAX_ROOTS;
    }

    /** Whether the offset is a multiple of 512 bytes, as veritysetup format requires. */
    public boolean offsetAligned() {
        return offset % 512 == 0;
    }
}
