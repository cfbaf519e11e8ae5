package dev.confext.mount.exec;

import dev.confext.mount.api.MountException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mount points of the calling thread's mount namespace ({@code /proc/thread-self/mountinfo}, so that the
 * private namespace of {@link MountNamespaceWorker} reads its own table).
 */
final class MountTable {
    private final List<String> mountPoints;
    private final List<String> lines;

    private MountTable(List<String> mountPoints, List<String> lines) {
        this.mountPoints = List.copyOf(mountPoints);
        this.lines = List.copyOf(lines);
    }

    /** Reads the table of the calling thread's namespace. */
    static MountTable read() throws MountException {
        List<String> points = new ArrayList<>();
        List<String> all;
        try {
            all = Files.readAllLines(Path.of("/proc/thread-self/mountinfo"));
            for (String line : all) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    points.add(unescape(fields[4]));
                }
            }
        } catch (IOException e) {
            throw new MountException("Failed to read /proc/thread-self/mountinfo: " + e.getMessage(), e);
        }
        return new MountTable(points, all);
    }

    /**
     * How the kernel names {@code path} in mountinfo: mount points are listed by their real path, so a path
     * that reaches them through a symlink (say a {@code --root} given as a link, as systemd allows) is first
     * resolved; a path that does not exist is taken as it is.
     */
    static String kernelName(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toString();
        }
    }

    /** How many overlays with mount source {@code source} are stacked exactly at {@code path}. */
    int overlaysAt(Path path, String source) {
        String name = kernelName(path);
        int count = 0;
        for (String line : lines) {
            String[] fields = line.split(" ");
            int dash = java.util.Arrays.asList(fields).indexOf("-");
            if (fields.length > 4 && dash > 0 && dash + 2 < fields.length && unescape(fields[4]).equals(name)
                    && fields[dash + 1].equals("overlay") && fields[dash + 2].equals(source)) {
                count++;
            }
        }
        return count;
    }

    /** Whether some mount's options mention {@code path} (e.g. as an overlay's workdir). */
    boolean mentions(Path path) {
        String text = path.toString();
        for (String line : lines) {
            for (String field : line.split("[ ,=]")) {
                if (unescape(field).equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether something is mounted exactly at {@code path}. */
    boolean isMountPoint(Path path) {
        return mountPoints.contains(kernelName(path));
    }

    /**
     * The mount points strictly below {@code path}, top-most only (a mount below another listed one is
     * carried along with it), in mount order, spelt below {@code path} as given (see {@link #kernelName}).
     */
    List<Path> topMountsBelow(Path path) {
        String real = kernelName(path);
        String prefix = real.equals("/") ? "/" : real + "/";
        List<String> below = new ArrayList<>();
        for (String p : mountPoints) {
            if (p.startsWith(prefix) && !below.contains(p)) {
                below.add(p);
            }
        }
        List<Path> top = new ArrayList<>();
        for (String p : below) {
            boolean nested = below.stream().anyMatch(o -> !o.equals(p) && p.startsWith(o + "/"));
            if (!nested) {
                top.add(path.resolve(Path.of(real).relativize(Path.of(p))));
            }
        }
        return top;
    }

    /** Undoes mountinfo's octal escapes ({@code \040} for a space, ...). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
