package dev.confext.verity.fec;

/**
 * Arithmetic in GF(2^8) built on the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d), the
 * field dm-verity's Reed-Solomon code works in; the element 2 (alpha) generates the multiplicative group.
 */
final class GaloisField {
    /** Number of non-zero elements. */
    static final int ORDER = 255;
    private static final int POLYNOMIAL = 0x11d;

    /** alpha^i for i in 0..509 (doubled so that sums of two logarithms need no reduction). */
    private static final int[] EXP = new int[2 * ORDER];
    /** log_alpha(x) for x in 1..255; LOG[0] is unused. */
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < ORDER; i++) {
            EXP[i] = x;
            EXP[i + ORDER] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= POLYNOMIAL;
            }
        }
    }

    private GaloisField() {}

    static int multiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] + ORDER - LOG[b]];
    }

    /** alpha^e for any e >= 0. */
    static int power(long e) {
        return EXP[(int) (e % ORDER)];
    }

    /** The 256 products {@code factor * x}, indexed by x. */
    static byte[] multiplicationTable(int factor) {
        byte[] table = new byte[256];
        for (int x = 0; x < 256; x++) {
            table[x] = (byte) multiply(factor, x);
        }
        return table;
    }
}
