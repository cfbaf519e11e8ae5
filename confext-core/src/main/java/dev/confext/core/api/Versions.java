package dev.confext.core.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The version ordering systemd uses for extension names, the "Using extensions" list and vpick
 * (its {@code strverscmp_improved}, spec §5). Not used for {@code VERSION_ID} or level matching, which
 * are exact string comparisons.
 *
 * <p>Distinct strings may compare equal ({@code 1.0} and {@code 1.00}); a sort with this order is then
 * not total on strings, so callers must not rely on the relative order of such pairs.
 */
public final class Versions {
    /** {@link #compare} as a comparator; {@code null} counts as the empty string. */
    public static final Comparator<String> COMPARATOR = Versions::compare;

    private Versions() {}

    /**
     * Compares two version strings.
     *
     * @param a a version, {@code null} treated as {@code ""}
     * @param b a version, {@code null} treated as {@code ""}
     * @return negative if {@code a} is older, 0 if equal, positive if {@code a} is newer
     */
    public static int compare(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        int i = 0;
        int j = 0;
        while (true) {
            while (i < x.length && !isValid(x[i])) {
                i++;
            }
            while (j < y.length && !isValid(y[j])) {
                j++;
            }
            boolean xTilde = i < x.length && x[i] == '~';
            boolean yTilde = j < y.length && y[j] == '~';
            if (xTilde || yTilde) {
                if (!xTilde) {
                    return 1;
                }
                if (!yTilde) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= x.length || j >= y.length) {
                return Boolean.compare(i < x.length, j < y.length);
            }
            if (x[i] != y[j] && (isSeparator(x[i]) || isSeparator(y[j]))) {
                // '-' < '^' < '.' < anything alphanumeric: the one with the "smaller" separator is older.
                return Integer.compare(rank(x[i]), rank(y[j]));
            }
            if (isSeparator(x[i])) {
                i++;
                j++;
                continue;
            }
            if (isDigit(x[i]) || isDigit(y[j])) {
                int xEnd = i;
                while (xEnd < x.length && isDigit(x[xEnd])) {
                    xEnd++;
                }
                int yEnd = j;
                while (yEnd < y.length && isDigit(y[yEnd])) {
                    yEnd++;
                }
                boolean xEmpty = xEnd == i;
                boolean yEmpty = yEnd == j;
                if (xEmpty != yEmpty) {
                    return xEmpty ? -1 : 1;
                }
                while (i < xEnd && x[i] == '0') {
                    i++;
                }
                while (j < yEnd && y[j] == '0') {
                    j++;
                }
                int lengthOrder = Integer.compare(xEnd - i, yEnd - j);
                if (lengthOrder != 0) {
                    return lengthOrder;
                }
                int order = Arrays.compareUnsigned(x, i, xEnd, y, j, yEnd);
                if (order != 0) {
                    return Integer.signum(order);
                }
                i = xEnd;
                j = yEnd;
            } else {
                int xEnd = i;
                while (xEnd < x.length && isLetter(x[xEnd])) {
                    xEnd++;
                }
                int yEnd = j;
                while (yEnd < y.length && isLetter(y[yEnd])) {
                    yEnd++;
                }
                int common = Math.min(xEnd - i, yEnd - j);
                int order = Arrays.compareUnsigned(x, i, i + common, y, j, j + common);
                if (order != 0) {
                    return Integer.signum(order);
                }
                int lengthOrder = Integer.compare(xEnd - i, yEnd - j);
                if (lengthOrder != 0) {
                    return lengthOrder;
                }
                i = xEnd;
                j = yEnd;
            }
        }
    }

    private static boolean isSeparator(byte c) {
        return c == '-' || c == '^' || c == '.';
    }

    private static int rank(byte c) {
        return switch (c) {
            case '-' -> 0;
            case '^' -> 1;
            case '.' -> 2;
            default -> 3;
        };
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isValid(byte c) {
        return isAlnum(c) || c == '~' || c == '-' || c == '^' || c == '.';
    }

    private static boolean isAlnum(byte c) {
        return isDigit(c) || isLetter(c);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
