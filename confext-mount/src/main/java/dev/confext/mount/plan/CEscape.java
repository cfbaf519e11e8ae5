package dev.confext.mount.plan;

import java.nio.charset.StandardCharsets;

/**
 * C-style escaping as systemd writes it into {@code work_dir} and overlay option strings: {@code \\},
 * {@code \"}, {@code \'}, {@code \a \b \f \n \r \t \v}, and any other byte below 0x20 or from 0x7f on as a
 * three-digit octal escape (valid UTF-8 sequences are kept by {@link #escape(String, boolean)} when asked).
 */
public final class CEscape {
    private CEscape() {}

    /**
     * Escapes {@code text}.
     *
     * @param keepUtf8 keep valid multi-byte UTF-8 sequences as they are instead of escaping their bytes
     */
    public static String escape(String text, boolean keepUtf8) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                default -> {
                    if (b < 0x20 || b == 0x7f) {
                        out.append(escapeControl(b));
                    } else if (b < 0x80) {
                        out.append((char) b);
                    } else {
                        int length = keepUtf8 ? utf8SequenceLength(bytes, i) : 0;
                        if (length == 0) {
                            out.append(octal(b));
                        } else {
                            out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                            i += length - 1;
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Reverses {@link #escape}: also accepts {@code \xHH}, {@code \ooo}, {@code \s} and {@code \e}; a
     * backslash followed by anything else fails.
     *
     * @throws IllegalArgumentException for a malformed escape, naming its position
     */
    public static String unescape(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (i + 1 >= bytes.length) {
                throw new IllegalArgumentException("dangling backslash at the end");
            }
            int c = bytes[++i] & 0xff;
            switch (c) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 't' -> out.write(9);
                case 'v' -> out.write(11);
                case 's' -> out.write(' ');
                case 'e' -> out.write(27);
                case '\\', '"', '\'', '?' -> out.write(c);
                case 'x' -> {
                    if (i + 2 >= bytes.length) {
                        throw new IllegalArgumentException("short \\x escape at " + (i - 1));
                    }
                    int hi = Character.digit(bytes[i + 1], 16);
                    int lo = Character.digit(bytes[i + 2], 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("bad \\x escape at " + (i - 1));
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        if (i + 2 >= bytes.length) {
                            throw new IllegalArgumentException("short octal escape at " + (i - 1));
                        }
                        int d1 = c - '0';
                        int d2 = bytes[i + 1] - '0';
                        int d3 = bytes[i + 2] - '0';
                        if (d1 > 3 || d2 < 0 || d2 > 7 || d3 < 0 || d3 > 7) {
                            throw new IllegalArgumentException("bad octal escape at " + (i - 1));
                        }
                        out.write(d1 * 64 + d2 * 8 + d3);
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("unknown escape '\\" + (char) c + "' at " + (i - 1));
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String escapeControl(int b) {
        return switch (b) {
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 12 -> "\\f";
            case 10 -> "\\n";
            case 13 -> "\\r";
            case 9 -> "\\t";
            case 11 -> "\\v";
            default -> octal(b);
        };
    }

    static String octal(int b) {
        return "\\" + (char) ('0' + ((b >> 6) & 3)) + (char) ('0' + ((b >> 3) & 7)) + (char) ('0' + (b & 7));
    }

    /** Length of the valid UTF-8 sequence starting at {@code i}, or 0 if the bytes there are not one. */
    static int utf8SequenceLength(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        int length;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int cp = b & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int c = bytes[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return length;
    }
}
