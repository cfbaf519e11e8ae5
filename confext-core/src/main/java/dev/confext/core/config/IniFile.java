package dev.confext.core.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A systemd-style INI reader: {@code [Section]} headers, {@code Key=Value} lines, comments starting with
 * {@code #} or {@code ;}, backslash line continuation, whitespace around keys and values removed.
 * Only the sections the caller names are reported; others get the warning "Unknown section 'X'. Ignoring."
 * Stateless.
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
     * @param file     the name shown in messages
     * @param sections the sections to report (exact, case-sensitive)
     * @param assignments receives every assignment in a known section, in file order
     * @param warnings receives "FILE:LINE: message" for things that are ignored
     * @throws IniParseException for a broken section header, a line without {@code =}, or content that is
     *                           not UTF-8
     */
    public static void parse(String file, byte[] content, Set<String> sections, Consumer<Assignment> assignments,
            Consumer<String> warnings) throws IniParseException {
        if (!dev.confext.core.text.Utf8.isValid(content)) {
            throw new IniParseException(file + ": not valid UTF-8");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String section = null;
        boolean sectionIgnored = false;
        StringBuilder continuation = null;
        int continuationStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String raw = lines.get(i);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            String line = strip(raw);
            if (continuation == null && (line.startsWith("#") || line.startsWith(";"))) {
                continue;
            }
            if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                if (continuation == null) {
                    continuation = new StringBuilder();
                    continuationStart = lineNumber;
                }
                continuation.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            int reportedLine = lineNumber;
            if (continuation != null) {
                line = strip(continuation.append(line).toString());
                reportedLine = continuationStart;
                continuation = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new IniParseException(file + ":" + reportedLine + ": Invalid section header '" + line + "'");
                }
                String name = line.substring(1, line.length() - 1);
                if (sections.contains(name)) {
                    section = name;
                    sectionIgnored = false;
                } else {
                    section = null;
                    sectionIgnored = true;
                    if (!name.startsWith("X-")) {
                        warnings.accept(file + ":" + reportedLine + ": Unknown section '" + name + "'. Ignoring.");
                    }
                }
                continue;
            }
            if (section == null) {
                if (!sectionIgnored) {
                    warnings.accept(file + ":" + reportedLine + ": Assignment outside of section. Ignoring.");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IniParseException(file + ":" + reportedLine + ": Missing '=', ignoring line.");
            }
            String key = strip(line.substring(0, eq));
            String value = strip(line.substring(eq + 1));
            assignments.accept(new Assignment(file, reportedLine, section, key, value));
        }
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
