package dev.confext.core.root;

import java.nio.charset.StandardCharsets;

/**
 * Splitting path text one component at a time the way the resolver consumes it: slashes and {@code .}
 * components before and after a component are skipped, {@code ..} is returned as a component, and a
 * component longer than 255 bytes is an error.
 */
final class PathText {
    /** Longest file name Linux accepts, in bytes. */
    static final int NAME_MAX = 255;
    /** Longest path Linux accepts, in bytes, counting the terminating NUL. */
    static final int PATH_MAX = 4096;

    private PathText() {}

    /** The first component of a path text and what remains after it (leading separators removed). */
    record Split(String component, String rest) {}

    /** Thrown for a component longer than {@link #NAME_MAX} bytes. */
    static final class NameTooLong extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The first component of {@code text}, or null when there is none (the text is empty or consists only
     * of slashes and dots).
     */
    static Split first(String text) throws NameTooLong {
        int start = skipSlashOrDot(text, 0);
        if (start == text.length()) {
            return null;
        }
        if (start == text.length() - 1 && text.charAt(start) == '.') {
            return null;
        }
        int end = text.indexOf('/', start);
        if (end < 0) {
            end = text.length();
        }
        String component = text.substring(start, end);
        if (byteLength(component) > NAME_MAX) {
            throw new NameTooLong();
        }
        int next = skipSlashOrDot(text, end);
        if (next == text.length() - 1 && text.charAt(next) == '.') {
            next++;
        }
        return new Split(component, text.substring(next));
    }

    /**
     * Whether a remainder is "safe" to append to a missing component: valid (no over-long component, shorter
     * than {@link #PATH_MAX}) and without {@code ..}.
     */
    static boolean isSafe(String text) {
        if (text.isEmpty() || byteLength(text) >= PATH_MAX) {
            return false;
        }
        String rest = text;
        while (true) {
            Split split;
            try {
                split = first(rest);
            } catch (NameTooLong e) {
                return false;
            }
            if (split == null) {
                return true;
            }
            if (split.component().equals("..")) {
                return false;
            }
            rest = split.rest();
        }
    }

    /** Joins a link target and the remaining text with one slash, like appending a path to a path. */
    static String prepend(String target, String rest) {
        if (rest.isEmpty()) {
            return target;
        }
        if (target.endsWith("/")) {
            return target + rest;
        }
        return target + "/" + rest;
    }

    /** Whether the text requires the result to be a directory: it ends in {@code /}, {@code /.}, {@code /..} or is {@code .}/{@code ..}. */
    static boolean demandsDirectory(String text) {
        return text.endsWith("/") || text.endsWith("/.") || text.endsWith("/..") || text.equals(".")
                || text.equals("..");
    }

    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int skipSlashOrDot(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '.' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }
}
