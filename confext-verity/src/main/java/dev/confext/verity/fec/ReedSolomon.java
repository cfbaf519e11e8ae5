package dev.confext.verity.fec;

/**
 * The systematic Reed-Solomon code RS(255, 255 - roots) over {@link GaloisField} that dm-verity uses
 * for forward error correction: generator roots alpha^0 .. alpha^(roots-1), codewords of 255 symbols
 * with the message first (highest degree first) and the {@code roots} parity symbols last. Stateless
 * after construction and safe to share between threads.
 */
final class ReedSolomon {
    /** Symbols in a codeword. */
    static final int CODEWORD = GaloisField.ORDER;

    private final int roots;
    /** Codewords encoded together before moving on (their registers, at most 24 KiB, stay cached). */
    private static final int SLICE = 1024;

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Longs per division register: roots bytes rounded up to whole longs. */
    private final int lanes;
    /**
     * For each feedback byte f, {@link #lanes} longs holding, in byte j (little-endian), f times the
     * generator's coefficient of x^(roots-1-j) for j below roots, zero above.
     */
    private final long[] productRows;
    /** Keeps, in the last long of a register shifted up by a byte, the bytes that stay inside the register. */
    private final long lastLaneMask;

    ReedSolomon(int roots) {
        if (roots < 1 || roots >= CODEWORD) {
            throw new IllegalArgumentException("Reed-Solomon roots out of range: " + roots);
        }
        this.roots = roots;
        // g(x) = (x - a^0)(x - a^1)...(x - a^(roots-1)); coefficient of x^k at index k.
        int[] generator = new int[roots + 1];
        generator[0] = 1;
        for (int i = 0; i < roots; i++) {
            int root = GaloisField.power(i);
            for (int k = i + 1; k >= 1; k--) {
                generator[k] = generator[k - 1] ^ GaloisField.multiply(generator[k], root);
            }
            generator[0] = GaloisField.multiply(generator[0], root);
        }
        lanes = (roots + Long.BYTES - 1) / Long.BYTES;
        productRows = new long[256 * lanes];
        byte[] row = new byte[lanes * Long.BYTES];
        for (int f = 0; f < 256; f++) {
            for (int j = 0; j < roots; j++) {
                row[j] = (byte) GaloisField.multiply(f, generator[roots - 1 - j]);
            }
            for (int c = 0; c < lanes; c++) {
                productRows[f * lanes + c] = (long) LONGS.get(row, c * Long.BYTES);
            }
        }
        int kept = roots - 1 - (lanes - 1) * Long.BYTES; // bytes j with j + 1 < roots in the last long
        lastLaneMask = kept >= Long.BYTES ? -1L : (1L << (8 * kept)) - 1;
    }

    int roots() {
        return roots;
    }

    /** Message symbols per codeword. */
    int messageLength() {
        return CODEWORD - roots;
    }

    /**
     * Encodes {@code width} codewords at once: codeword {@code b} has the message symbols
     * {@code columns[i * width + b]} for i in 0..messageLength-1; its parity symbol j (0 = highest
     * degree) is written to {@code parity[b * roots + j]}, the order the parity is stored on disk.
     *
     * <p>Each codeword's division register (its {@code roots} bytes, highest degree first, padded to
     * whole longs) is advanced a long at a time: one step shifts it up by a byte, reading it one byte
     * further on, and adds the generator times the feedback byte, a precomputed row of longs.
     * Codewords are taken in slices small enough for their registers to stay in the processor's cache.
     */
    void encodeColumns(byte[] columns, int width, byte[] parity) {
        int symbols = messageLength();
        int stride = lanes * Long.BYTES;
        byte[] registers = new byte[SLICE * stride + Long.BYTES];
        int lastLane = lanes - 1;
        long[] products = productRows;
        for (int from = 0; from < width; from += SLICE) {
            int to = Math.min(width, from + SLICE);
            java.util.Arrays.fill(registers, (byte) 0);
            for (int i = 0; i < symbols; i++) {
                int base = i * width;
                for (int b = from, r = 0; b < to; b++, r += stride) {
                    int row = ((columns[base + b] ^ registers[r]) & 0xff) * lanes;
                    for (int c = 0; c < lastLane; c++) {
                        int at = r + c * Long.BYTES;
                        LONGS.set(registers, at, (long) LONGS.get(registers, at + 1) ^ products[row + c]);
                    }
                    int at = r + lastLane * Long.BYTES;
                    LONGS.set(registers, at, ((long) LONGS.get(registers, at + 1) & lastLaneMask)
                            ^ products[row + lastLane]);
                }
            }
            for (int b = from, r = 0; b < to; b++, r += stride) {
                System.arraycopy(registers, r, parity, b * roots, roots);
            }
        }
    }

    /**
     * Decodes one codeword of {@value #CODEWORD} symbols in place: returns the number of symbols found
     * wrong (and corrected), 0 for a codeword, or -1 when the errors cannot be located (the word stays
     * as it was). Locating follows the Berlekamp-Massey recurrence; a locator whose degree differs from
     * the number of its distinct non-zero roots means too many errors.
     */
    int decode(byte[] codeword) {
        int[] syndromes = new int[roots];
        boolean clean = true;
        for (int i = 0; i < roots; i++) {
            int x = GaloisField.power(i);
            int s = 0;
            for (int k = 0; k < CODEWORD; k++) {
                s = GaloisField.multiply(s, x) ^ (codeword[k] & 0xff);
            }
            syndromes[i] = s;
            clean &= s == 0;
        }
        if (clean) {
            return 0;
        }
        int[] locator = new int[roots + 1];
        int[] previous = new int[roots + 1];
        locator[0] = 1;
        previous[0] = 1;
        int length = 0;
        for (int step = 1; step <= roots; step++) {
            int discrepancy = 0;
            for (int i = 0; i < step; i++) {
                discrepancy ^= GaloisField.multiply(locator[i], syndromes[step - 1 - i]);
            }
            if (discrepancy == 0) {
                shiftUp(previous);
                continue;
            }
            int[] next = locator.clone();
            for (int i = 0; i < roots; i++) {
                next[i + 1] ^= GaloisField.multiply(discrepancy, previous[i]);
            }
            if (2 * length <= step - 1) {
                length = step - length;
                for (int i = 0; i <= roots; i++) {
                    previous[i] = GaloisField.divide(locator[i], discrepancy);
                }
            } else {
                shiftUp(previous);
            }
            locator = next;
        }
        int degree = 0;
        for (int i = 0; i <= roots; i++) {
            if (locator[i] != 0) {
                degree = i;
            }
        }
        // roots of the locator are the inverses of the error locators alpha^(position power)
        int[] inverseLocators = new int[degree];
        int found = 0;
        for (int e = 1; e <= CODEWORD && found < degree; e++) {
            if (evaluate(locator, degree, GaloisField.power(e)) == 0) {
                inverseLocators[found++] = e;
            }
        }
        if (found != degree) {
            return -1;
        }
        correct(codeword, syndromes, locator, degree, inverseLocators);
        return degree;
    }

    /** Forney: error values from the evaluator polynomial, applied to the located symbols. */
    private void correct(byte[] codeword, int[] syndromes, int[] locator, int degree, int[] inverseLocators) {
        int[] evaluator = new int[degree];
        for (int i = 0; i < degree; i++) {
            int sum = 0;
            for (int j = 0; j <= i; j++) {
                sum ^= GaloisField.multiply(syndromes[i - j], locator[j]);
            }
            evaluator[i] = sum;
        }
        for (int r = 0; r < degree; r++) {
            int e = inverseLocators[r];
            int xInverse = GaloisField.power(e);
            int numerator = evaluate(evaluator, degree - 1, xInverse);
            int derivative = 0;
            for (int k = 1; k <= degree; k += 2) {
                derivative ^= GaloisField.multiply(locator[k], GaloisField.power((long) (k - 1) * e));
            }
            // first generator root alpha^0: value = X^1 * omega(X^-1) / lambda'(X^-1), X = alpha^-e
            int x = GaloisField.power(CODEWORD - e);
            int value = GaloisField.divide(GaloisField.multiply(numerator, x), derivative);
            int position = e - 1;
            codeword[position] ^= (byte) value;
        }
    }

    private static int evaluate(int[] polynomial, int degree, int x) {
        int result = 0;
        for (int i = degree; i >= 0; i--) {
            result = GaloisField.multiply(result, x) ^ polynomial[i];
        }
        return result;
    }

    private static void shiftUp(int[] polynomial) {
        System.arraycopy(polynomial, 0, polynomial, 1, polynomial.length - 1);
        polynomial[0] = 0;
    }
}
