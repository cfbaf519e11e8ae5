package dev.confext.mount.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of the mount table: which paths are mount points, and what is mounted below a path.
 *
 * @param entries the mountinfo entries in kernel order (a later entry for the same mount point is on top)
 */
public record MountTable(List<MountEntry> entries) {
    public MountTable {
        entries = List.copyOf(entries);
    }

    /** An empty table: nothing is mounted anywhere (for planning against an unmounted tree). */
    public static MountTable empty() {
        return new MountTable(List.of());
    }

    /**
     * The calling process's mount table.
     *
     * @throws MountInfoException when {@code /proc/self/mountinfo} cannot be read or parsed
     */
    public static MountTable current() throws MountInfoException {
        return new MountTable(MountInfo.readSelf());
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

    /** Whether something is mounted exactly at {@code path} (an absolute host path, see {@link #kernelName}). */
    public boolean isMountPoint(Path path) {
        String p = kernelName(path);
        return entries.stream().anyMatch(e -> e.mountPoint().equals(p));
    }

    /** The mounts stacked at {@code path}, bottom first. */
    public List<MountEntry> at(Path path) {
        String p = kernelName(path);
        return entries.stream().filter(e -> e.mountPoint().equals(p)).toList();
    }

    /** The top-most mount at {@code path}, if any. */
    public java.util.Optional<MountEntry> top(Path path) {
        List<MountEntry> stack = at(path);
        return stack.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stack.get(stack.size() - 1));
    }

    /** The mount points strictly below {@code path}, in table order, spelt below {@code path} as given. */
    public List<String> below(Path path) {
        String real = kernelName(path);
        String prefix = real.equals("/") ? "/" : real + "/";
        List<String> out = new ArrayList<>();
        for (MountEntry e : entries) {
            String spelt = path.resolve(Path.of(real).relativize(Path.of(e.mountPoint()))).toString();
            if (e.mountPoint().startsWith(prefix) && !out.contains(spelt)) {
                out.add(spelt);
            }
        }
        return List.copyOf(out);
    }
}
