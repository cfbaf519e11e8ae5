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
    /** Codewords encoded together before moving on (their parity, at most 24 KiB, stays cached). */
    private static final int SLICE = 1024;

    /** At {@code (k << 8) | x}, for k in 0..roots-1: x times the generator's coefficient of x^k. */
    private final byte[] generatorTable;

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
        generatorTable = new byte[roots << 8];
        for (int k = 0; k < roots; k++) {
            System.arraycopy(GaloisField.multiplicationTable(generator[k]), 0, generatorTable, k << 8, 256);
        }
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
     * Codewords are taken in slices small enough for their parity to stay in the processor's cache.
     */
    void encodeColumns(byte[] columns, int width, byte[] parity) {
        java.util.Arrays.fill(parity, 0, width * roots, (byte) 0);
        int symbols = messageLength();
        int last = roots - 1;
        byte[] table = generatorTable;
        for (int from = 0; from < width; from += SLICE) {
            int to = Math.min(width, from + SLICE);
            for (int i = 0; i < symbols; i++) {
                int base = i * width;
                for (int b = from, p = from * roots; b < to; b++, p += roots) {
                    int f = (columns[base + b] ^ parity[p]) & 0xff;
                    if (f == 0) {
                        System.arraycopy(parity, p + 1, parity, p, last);
                        parity[p + last] = 0;
                        continue;
                    }
                    for (int j = 0, t = (last << 8) | f; j < last; j++, t -= 256) {
                        parity[p + j] = (byte) (parity[p + j + 1] ^ table[t]);
                    }
                    parity[p + last] = table[f];
                }
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
