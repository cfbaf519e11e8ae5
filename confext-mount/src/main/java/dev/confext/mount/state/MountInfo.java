package dev.confext.mount.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code /proc/self/mountinfo} (proc(5)): {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS
 * [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS}. The kernel escapes space, tab, newline and backslash in
 * paths and the source as {@code \040}, {@code \011}, {@code \012}, {@code \134}; any {@code \ooo} is
 * decoded in the paths, type and source; the super options are kept as shown, because an escaped comma
 * there is part of a value (see {@link #splitOptions}). Stateless.
 */
public final class MountInfo {
    /** Where the kernel shows the calling process's mounts. */
    public static final Path SELF = Path.of("/proc/self/mountinfo");

    private MountInfo() {}

    /**
     * Reads and parses the mount table of the calling process.
     *
     * @throws MountInfoException when the file cannot be read or a line is malformed
     */
    public static List<MountEntry> readSelf() throws MountInfoException {
        try {
            return parse(Files.readString(SELF, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MountInfoException("Failed to read " + SELF + ": " + e.getMessage());
        }
    }

    /**
     * Parses mountinfo text; empty lines are skipped.
     *
     * @throws MountInfoException naming the line number for a malformed line
     */
    public static List<MountEntry> parse(String text) throws MountInfoException {
        List<MountEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            entries.add(parseLine(lines[i], i + 1));
        }
        return List.copyOf(entries);
    }

    /**
     * Parses one line.
     *
     * @param number the line number, for the message
     * @throws MountInfoException when the line is malformed
     */
    public static MountEntry parseLine(String line, int number) throws MountInfoException {
        String[] fields = line.split(" ", -1);
        int separator = Arrays.asList(fields).indexOf("-");
        if (fields.length < 10 || separator < 6 || fields.length < separator + 4) {
            throw new MountInfoException("mountinfo line " + number + " is malformed: " + line);
        }
        long id;
        long parent;
        int major;
        int minor;
        try {
            id = Long.parseUnsignedLong(fields[0]);
            parent = Long.parseUnsignedLong(fields[1]);
            int colon = fields[2].indexOf(':');
            if (colon < 0) {
                throw new NumberFormatException();
            }
            major = Integer.parseUnsignedInt(fields[2].substring(0, colon));
            minor = Integer.parseUnsignedInt(fields[2].substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new MountInfoException("mountinfo line " + number + " has a malformed id or device: " + line);
        }
        List<String> optional = List.of(fields).subList(6, separator);
        for (String field : optional) {
            if (field.isEmpty()) {
                throw new MountInfoException("mountinfo line " + number + " has an empty optional field: " + line);
            }
        }
        String superOptions = String.join(" ", List.of(fields).subList(separator + 3, fields.length));
        return new MountEntry(id, parent, major, minor, unescape(fields[3], number), unescape(fields[4], number),
                List.of(fields[5].split(",")), optional, unescape(fields[separator + 1], number),
                unescape(fields[separator + 2], number), superOptions);
    }

    /**
     * Decodes the kernel's {@code \ooo} escapes.
     *
     * @throws MountInfoException for a backslash not followed by three octal digits
     */
    public static String unescape(String field, int number) throws MountInfoException {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\\') {
                out.write(bytes[i]);
                continue;
            }
            if (i + 3 >= bytes.length) {
                throw new MountInfoException("mountinfo line " + number + " has a truncated escape: " + field);
            }
            int value = 0;
            for (int k = 1; k <= 3; k++) {
                int d = bytes[i + k] - '0';
                if (d < 0 || d > 7) {
                    throw new MountInfoException("mountinfo line " + number + " has a bad escape: " + field);
                }
                value = value * 8 + d;
            }
            if (value > 0xff) {
                throw new MountInfoException("mountinfo line " + number + " has a bad escape: " + field);
            }
            out.write(value);
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Splits super options at the commas the kernel left unescaped and decodes each option's escapes.
     *
     * @throws MountInfoException for a malformed escape
     */
    public static List<String> splitOptions(String superOptions) throws MountInfoException {
        List<String> out = new ArrayList<>();
        for (String option : superOptions.split(",", -1)) {
            out.add(unescape(option, 0));
        }
        return out;
    }

    /** Escapes a field the way the kernel does (space, tab, newline, backslash as octal). */
    public static String escape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (char c : field.toCharArray()) {
            switch (c) {
                case ' ' -> out.append("\\040");
                case '\t' -> out.append("\\011");
                case '\n' -> out.append("\\012");
                case '\\' -> out.append("\\134");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
