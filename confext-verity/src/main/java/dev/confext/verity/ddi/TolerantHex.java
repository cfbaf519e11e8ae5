package dev.confext.verity.ddi;

import java.util.HexFormat;

/**
 * Hex as systemd reads it from {@code .roothash}/{@code .usrhash} files: digits of either case, whitespace
 * anywhere ignored, anything else (or an odd number of digits) an error.
 */
public final class TolerantHex {
    private TolerantHex() {}

    /**
     * Decodes {@code text}.
     *
     * @throws IllegalArgumentException naming the bad character or the odd digit count
     */
    public static byte[] decode(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                continue;
            }
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new IllegalArgumentException(String.format("invalid character '%s' (U+%04X) at position %d",
                        Character.isISOControl(c) ? "?" : String.valueOf(c), (int) c, i));
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
        }
        return HexFormat.of().parseHex(digits);
    }
}
