package dev.confext.mount.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-mount flags of a merged overlay, as {@code /proc/self/mountinfo} shows them.
 *
 * @param readOnly {@code ro} (true) or {@code rw}
 * @param nodev    {@code nodev}
 * @param nosuid   {@code nosuid}
 * @param noexec   {@code noexec}
 * @param noatime  {@code noatime} (set when the overlay options carry {@code noatime})
 */
public record MountFlags(boolean readOnly, boolean nodev, boolean nosuid, boolean noexec, boolean noatime) {

    /** The flags as mountinfo words, in mountinfo's order: {@code ro|rw, nosuid, nodev, noexec, noatime}. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        words.add(readOnly ? "ro" : "rw");
        if (nosuid) {
            words.add("nosuid");
        }
        if (nodev) {
            words.add("nodev");
        }
        if (noexec) {
            words.add("noexec");
        }
        if (noatime) {
            words.add("noatime");
        }
        return List.copyOf(words);
    }

    /** The flags from mountinfo words; unknown words are ignored. */
    public static MountFlags ofWords(List<String> words) {
        return new MountFlags(words.contains("ro"), words.contains("nodev"), words.contains("nosuid"),
                words.contains("noexec"), words.contains("noatime"));
    }

    /** The same flags with {@code ro} set or cleared. */
    public MountFlags withReadOnly(boolean ro) {
        return new MountFlags(ro, nodev, nosuid, noexec, noatime);
    }
}
