package dev.confext.mount.state;

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

    /** Whether something is mounted exactly at {@code path} (an absolute, normalised host path). */
    public boolean isMountPoint(Path path) {
        String p = path.toString();
        return entries.stream().anyMatch(e -> e.mountPoint().equals(p));
    }

    /** The mounts stacked at {@code path}, bottom first. */
    public List<MountEntry> at(Path path) {
        String p = path.toString();
        return entries.stream().filter(e -> e.mountPoint().equals(p)).toList();
    }

    /** The top-most mount at {@code path}, if any. */
    public java.util.Optional<MountEntry> top(Path path) {
        List<MountEntry> stack = at(path);
        return stack.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stack.get(stack.size() - 1));
    }

    /** The mount points strictly below {@code path}, in table order. */
    public List<String> below(Path path) {
        String prefix = path.toString().equals("/") ? "/" : path + "/";
        List<String> out = new ArrayList<>();
        for (MountEntry e : entries) {
            if (e.mountPoint().startsWith(prefix) && !out.contains(e.mountPoint())) {
                out.add(e.mountPoint());
            }
        }
        return List.copyOf(out);
    }
}
