package dev.confext.verity.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The Reed-Solomon code on its own: the column-wise encoder agrees with a plain polynomial division,
 * codewords decode clean, up to roots/2 errors are located and repaired, and beyond that the decoder
 * either gives up (leaving the word alone) or changes no more symbols than it reports.
 */
class ReedSolomonPropertiesTest {
    @Property(tries = 300)
    void encodeColumns_randomMessages_sameAsPolynomialDivision(@ForAll @IntRange(min = 2, max = 24) int roots,
            @ForAll @IntRange(min = 1, max = 2100) int width, @ForAll long seed) {
        ReedSolomon code = new ReedSolomon(roots);
        int k = code.messageLength();
        Random random = new Random(seed);
        byte[] columns = new byte[k * width];
        random.nextBytes(columns);
        if (random.nextBoolean()) {
            // long runs of zeros take the encoder's shortcut
            java.util.Arrays.fill(columns, 0, columns.length / 2, (byte) 0);
        }
        byte[] parity = new byte[roots * width];
        code.encodeColumns(columns, width, parity);
        for (int b = 0; b < width; b++) {
            byte[] message = new byte[k];
            for (int i = 0; i < k; i++) {
                message[i] = columns[i * width + b];
            }
            byte[] expected = remainder(message, roots);
            for (int j = 0; j < roots; j++) {
                assertEquals(expected[j], parity[b * roots + j], "parity " + j + " of codeword " + b);
            }
        }
    }

    @Property(tries = 300)
    void decode_upToHalfTheRootsWrong_repairsThem(@ForAll @IntRange(min = 2, max = 24) int roots, @ForAll long seed) {
        ReedSolomon code = new ReedSolomon(roots);
        Random random = new Random(seed);
        byte[] codeword = codeword(code, random);
        byte[] received = codeword.clone();
        int errors = random.nextInt(roots / 2 + 1);
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        while (positions.size() < errors) {
            positions.add(random.nextInt(ReedSolomon.CODEWORD));
        }
        for (int p : positions) {
            received[p] ^= (byte) (1 + random.nextInt(255));
        }
        assertEquals(errors, code.decode(received));
        assertArrayEquals(codeword, received);
    }

    @Property(tries = 300)
    void decode_manyWrong_givesUpOrChangesAtMostTheReportedCount(@ForAll @IntRange(min = 2, max = 24) int roots,
            @ForAll @IntRange(min = 1, max = 60) int extra, @ForAll long seed) {
        ReedSolomon code = new ReedSolomon(roots);
        Random random = new Random(seed);
        byte[] received = codeword(code, random);
        for (int i = 0; i < roots / 2 + extra; i++) {
            received[random.nextInt(ReedSolomon.CODEWORD)] ^= (byte) (1 + random.nextInt(255));
        }
        byte[] before = received.clone();
        int count = code.decode(received);
        if (count < 0) {
            assertArrayEquals(before, received, "a failed decode leaves the word alone");
            return;
        }
        // Beyond roots/2 errors the locator may come out of the Berlekamp-Massey steps with a
        // vanishing leading coefficient; libfec's decoder (which veritysetup counts with, and this one
        // follows) then "repairs" as many symbols as the locator's actual degree, into a word that need
        // not be a codeword (and a located symbol may even be left as it was). What holds: no more
        // symbols change than reported.
        assertTrue(count <= roots, "corrected " + count + " with " + roots + " roots");
        int distance = 0;
        for (int i = 0; i < before.length; i++) {
            distance += before[i] != received[i] ? 1 : 0;
        }
        assertTrue(distance <= count, distance + " symbols changed, " + count + " reported");
    }

    @Test
    void decode_allZeroWord_isCodeword() {
        assertEquals(0, new ReedSolomon(2).decode(new byte[ReedSolomon.CODEWORD]));
    }

    private static byte[] codeword(ReedSolomon code, Random random) {
        byte[] message = new byte[code.messageLength()];
        random.nextBytes(message);
        byte[] parity = remainder(message, code.roots());
        byte[] codeword = new byte[ReedSolomon.CODEWORD];
        System.arraycopy(message, 0, codeword, 0, message.length);
        System.arraycopy(parity, 0, codeword, message.length, parity.length);
        return codeword;
    }

    /** message(x) * x^roots mod g(x) by schoolbook long division, highest degree first. */
    private static byte[] remainder(byte[] message, int roots) {
        int[] g = {1};
        for (int i = 0; i < roots; i++) {
            int[] next = new int[g.length + 1];
            int root = GaloisField.power(i);
            for (int k = 0; k < g.length; k++) {
                next[k] ^= g[k];
                next[k + 1] ^= GaloisField.multiply(g[k], root);
            }
            g = next; // highest degree first
        }
        int[] work = new int[message.length + roots];
        for (int i = 0; i < message.length; i++) {
            work[i] = message[i] & 0xff;
        }
        for (int i = 0; i < message.length; i++) {
            int factor = work[i];
            if (factor != 0) {
                for (int k = 0; k < g.length; k++) {
                    work[i + k] ^= GaloisField.multiply(g[k], factor);
                }
            }
        }
        byte[] parity = new byte[roots];
        for (int j = 0; j < roots; j++) {
            parity[j] = (byte) work[message.length + j];
        }
        return parity;
    }
}
