package dev.confext.core.text;

/**
 * UTF-8 validation with systemd's rules: sequences of up to six bytes are decoded, overlong forms,
 * surrogates, code points above U+10FFFF and the non-characters U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF
 * are invalid, and so is a NUL byte.
 */
public final class Utf8 {
    private Utf8() {}

    /** Whether {@code bytes[from, to)} is valid UTF-8 by systemd's rules. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int length = sequenceLength(bytes, i, to);
            if (length < 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** Whether all of {@code bytes} is valid UTF-8 by systemd's rules. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /**
     * The text of {@code bytes[from, to)} with every byte that does not start a valid character (by the rules
     * of {@link #isValid}) replaced by U+FFFD, one replacement per byte, as systemd shows invalid UTF-8 in
     * its messages.
     */
    public static String replaceInvalid(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int length = sequenceLength(bytes, i, to);
            if (length < 0) {
                out.append('\uFFFD');
                i++;
            } else {
                out.append(new String(bytes, i, length, java.nio.charset.StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /** The length of the valid character at {@code at}, or -1 when it is not one. */
    private static int sequenceLength(byte[] bytes, int at, int to) {
        int lead = bytes[at] & 0xff;
        if (lead == 0) {
            return -1;
        }
        int length = expectedLength(lead);
        if (length == 0 || length > to - at) {
            return -1;
        }
        if (length == 1) {
            return 1;
        }
        long codePoint = lead & (0x7f >> length);
        for (int k = 1; k < length; k++) {
            int next = bytes[at + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return -1;
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (encodedLength(codePoint) != length || !isValidCodePoint(codePoint)) {
            return -1;
        }
        return length;
    }

    private static int expectedLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if ((lead & 0xe0) == 0xc0) {
            return 2;
        }
        if ((lead & 0xf0) == 0xe0) {
            return 3;
        }
        if ((lead & 0xf8) == 0xf0) {
            return 4;
        }
        if ((lead & 0xfc) == 0xf8) {
            return 5;
        }
        if ((lead & 0xfe) == 0xfc) {
            return 6;
        }
        return 0;
    }

    private static int encodedLength(long codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint < 0x10000) {
            return 3;
        }
        if (codePoint < 0x200000) {
            return 4;
        }
        if (codePoint < 0x4000000) {
            return 5;
        }
        return 6;
    }

    private static boolean isValidCodePoint(long c) {
        if (c >= 0x110000) {
            return false;
        }
        if ((c & 0xFFFFF800L) == 0xD800) {
            return false;
        }
        if (c >= 0xFDD0 && c <= 0xFDEF) {
            return false;
        }
        return (c & 0xFFFE) != 0xFFFE;
    }
}
