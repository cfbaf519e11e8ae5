package dev.confext.core.config;

import dev.confext.core.api.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A systemd-style INI reader. Lines end at {@code \n}, {@code \r\n}, {@code \r} or NUL; a line whose first
 * non-blank character is {@code #} or {@code ;} is a comment (also in the middle of a continued line); a
 * line ending in an unescaped backslash continues on the next one (the backslash becomes a space, the raw
 * text is kept); {@code [Section]} headers; {@code Key=Value} with blanks around key and value removed.
 * Only the sections the caller names are reported; others get the warning "Unknown section 'X'. Ignoring."
 * (except {@code X-} sections). Stateless.
 */
public final class IniFile {
    /** One {@code Key=Value} of a known section. */
    public record Assignment(String file, int line, String section, String key, String value) {
        /** {@code FILE:LINE} for messages. */
        public String where() {
            return file + ":" + line;
        }
    }

    private IniFile() {}

    /**
     * Parses {@code content}.
     *
     * @param file        the name shown in messages
     * @param sections    the sections to report (exact, case-sensitive)
     * @param assignments receives every assignment in a known section, in file order
     * @param warnings    receives "FILE:LINE: message" for lines that are ignored
     * @throws IniParseException for a broken section header or a line that is not valid UTF-8, which make
     *                           upstream give up on the file
     */
    public static void parse(String file, byte[] content, Set<String> sections, Consumer<Assignment> assignments,
            Consumer<String> warnings) throws IniParseException {
        List<byte[]> lines = splitLines(content);
        Parser parser = new Parser(file, sections, assignments, warnings);
        StringBuilder continuation = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            byte[] raw = lines.get(i);
            int start = 0;
            if (i == 0 && raw.length >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb
                    && (raw[2] & 0xff) == 0xbf) {
                start = 3;
            }
            String line = new String(raw, start, raw.length - start, StandardCharsets.UTF_8);
            String trimmed = stripLeading(line);
            if (!trimmed.isEmpty() && (trimmed.charAt(0) == '#' || trimmed.charAt(0) == ';')) {
                continue;
            }
            // As systemd: comments may hold anything; any other line must be valid UTF-8.
            if (!dev.confext.core.text.Utf8.isValid(raw, start, raw.length)) {
                String where = file + ":" + lineNumber;
                throw new IniParseException(where + ": String is not UTF-8 clean, ignoring assignment: "
                        + strip(line), Errno.EINVAL, where);
            }
            String logical = continuation == null ? line : continuation.append(line).toString();
            if (endsWithUnescapedBackslash(logical)) {
                continuation = new StringBuilder(logical.substring(0, logical.length() - 1)).append(' ');
                continue;
            }
            continuation = null;
            parser.line(lineNumber, logical);
        }
        if (continuation != null) {
            parser.line(lines.size() + 1, continuation.toString());
        }
    }

    /** The state of one file: the current section. */
    private static final class Parser {
        private final String file;
        private final Set<String> sections;
        private final Consumer<Assignment> assignments;
        private final Consumer<String> warnings;
        private String section;
        private boolean sectionIgnored;

        Parser(String file, Set<String> sections, Consumer<Assignment> assignments, Consumer<String> warnings) {
            this.file = file;
            this.sections = sections;
            this.assignments = assignments;
            this.warnings = warnings;
        }

        void line(int number, String text) throws IniParseException {
            String l = strip(text);
            if (l.isEmpty()) {
                return;
            }
            String where = file + ":" + number;
            if (l.charAt(0) == '[') {
                if (l.length() < 2 || l.charAt(l.length() - 1) != ']') {
                    throw new IniParseException(where + ": Invalid section header '" + l + "'", Errno.EBADMSG, where);
                }
                String name = l.substring(1, l.length() - 1);
                if (!isSafe(name)) {
                    throw new IniParseException(where + ": Bad characters in section header '" + l + "'",
                            Errno.EBADMSG, where);
                }
                if (sections.contains(name)) {
                    section = name;
                    sectionIgnored = false;
                } else {
                    if (!name.startsWith("X-")) {
                        warnings.accept(where + ": Unknown section '" + name + "'. Ignoring.");
                    }
                    section = null;
                    sectionIgnored = true;
                }
                return;
            }
            if (section == null) {
                if (!sectionIgnored) {
                    warnings.accept(where + ": Assignment outside of section. Ignoring.");
                }
                return;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                warnings.accept(where + ": Missing '=', ignoring line.");
                return;
            }
            if (eq == 0) {
                warnings.accept(where + ": Missing key name before '=', ignoring line.");
                return;
            }
            assignments.accept(new Assignment(file, number, section, strip(l.substring(0, eq)),
                    strip(l.substring(eq + 1))));
        }
    }

    /** Splits at {@code \r\n}, {@code \n}, {@code \r} and NUL; a final terminator starts no extra line. */
    private static List<byte[]> splitLines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < content.length) {
            byte b = content[i];
            if (b == '\n' || b == '\r' || b == 0) {
                lines.add(java.util.Arrays.copyOfRange(content, start, i));
                if (b == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < content.length) {
            lines.add(java.util.Arrays.copyOfRange(content, start, content.length));
        }
        return lines;
    }

    private static boolean endsWithUnescapedBackslash(String s) {
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            if (escaped) {
                escaped = false;
            } else if (s.charAt(i) == '\\') {
                escaped = true;
            }
        }
        return escaped;
    }

    /** No control characters, quotes or backslashes (upstream's "safe string"). */
    private static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c == 0x7f || c == '"' || c == '\'' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeading(String s) {
        int start = 0;
        while (start < s.length() && isWhitespace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
