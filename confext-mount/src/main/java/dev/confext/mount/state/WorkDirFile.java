package dev.confext.mount.state;

import dev.confext.mount.plan.CEscape;

/**
 * The {@code work_dir} file of a mutable merge's metadata: the overlay workdir's path relative to the root,
 * C-escaped, on one line. An unmerge removes that directory, and the file may have been written by anyone who
 * could write the metadata, so the path is checked as systemd 262 checks it before anything is removed: relative,
 * not empty, and normalised (no {@code .} or {@code ..} component, no {@code //}).
 */
public final class WorkDirFile {
    private WorkDirFile() {
    }

    /**
     * The root-relative path that the first line of {@code content} records.
     *
     * @throws IllegalArgumentException with systemd's message when the line cannot be unescaped (or holds a NUL), or
     *     the path is absolute, empty or not normalised
     */
    public static String relativePath(String content) {
        int newline = content.indexOf('\n');
        String line = newline < 0 ? content : content.substring(0, newline);
        String path;
        try {
            path = CEscape.unescape(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to unescape work directory path: Invalid argument", e);
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Failed to unescape work directory path: Invalid argument");
        }
        if (path.startsWith("/") || !isNormalized(path)) {
            throw new IllegalArgumentException("Invalid work directory path '" + path + "'.");
        }
        return path;
    }

    /** Not empty, no {@code //}, and no {@code .} or {@code ..} component; a trailing slash is allowed. */
    static boolean isNormalized(String path) {
        if (path.isEmpty() || path.contains("//")) {
            return false;
        }
        for (String component : path.split("/")) {
            if (component.equals(".") || component.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
