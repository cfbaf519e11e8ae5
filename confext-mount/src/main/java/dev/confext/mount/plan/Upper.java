package dev.confext.mount.plan;

import java.util.Objects;

/**
 * The writable top of a mutable overlay: the upper directory that receives writes and overlayfs's work
 * directory next to it.
 *
 * @param kind    where writes go
 * @param path    the upper directory
 * @param workdir the work directory: {@code .systemd-<n>-workdir} in the parent of the resolved upper directory
 * @param create  whether the upper directory (and its missing parents, mode 0755) must be created
 * @param mode    permission bits the upper directory is given (those of the host hierarchy, 0755 when it is
 *                missing); it is the overlay's top layer, so the merged root shows this mode
 */
public record Upper(Kind kind, PlanPath path, PlanPath workdir, boolean create, int mode) {

    /** Where writes to a mutable merged hierarchy go. */
    public enum Kind {
        /** {@code /var/lib/extensions.mutable/<n>} (modes yes, auto). */
        MUTABLE_DIR,
        /** The hierarchy itself, because the mutable directory resolves to it (modes yes, auto). */
        HOST,
        /** A throw-away directory in the staging tmpfs (modes ephemeral, ephemeral-import). */
        EPHEMERAL;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The kind for a JSON word. */
        public static Kind ofWord(String word) {
            return PlanWords.find(values(), word, "upper kind");
        }
    }

    public Upper {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(workdir, "workdir");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        }
    }

    /** Whether writes survive an unmerge (not in the ephemeral modes). */
    public boolean persistent() {
        return kind != Kind.EPHEMERAL;
    }
}
