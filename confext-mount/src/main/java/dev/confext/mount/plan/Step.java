package dev.confext.mount.plan;

import java.util.Objects;

/**
 * One small, idempotent step of applying a plan. Each step says what it checks first and when it has
 * nothing to do, so a repeated or resumed run visibly skips what is already done.
 *
 * @param kind    what the step does
 * @param subject what it acts on: a hierarchy ({@code /etc}) or an image name, empty for the whole merge
 * @param target  the path it changes
 * @param check   what is checked before acting
 * @param skipIf  when the step is skipped
 */
public record Step(Kind kind, String subject, PlanPath target, String check, String skipIf) {

    /** The kinds of step, in the order they appear in a plan. */
    public enum Kind {
        /** Create the private staging tmpfs of the merge's mount namespace. */
        PREPARE_STAGING,
        /** Bind-mount a directory image or mount a raw image read-only in the staging area. */
        MOUNT_IMAGE,
        /** Validate an image whose release data could only be read once it was mounted. */
        VALIDATE_IMAGE,
        /** Create the persistent or ephemeral mutable directory and give it the hierarchy's mode. */
        CREATE_MUTABLE_DIR,
        /** Create the overlay work directory (0700). */
        CREATE_WORKDIR,
        /** Mount the new overlay in the staging area. */
        MOUNT_OVERLAY,
        /** Write the metadata files into the merged tree. */
        WRITE_METADATA,
        /** Make the merged tree (read-only merge) or its metadata directory (mutable merge) read-only. */
        MAKE_READ_ONLY,
        /** Carry the mounts below the hierarchy over to the new overlay. */
        MOVE_SUBMOUNTS,
        /** Put the new overlay in place of the hierarchy (beneath the old one when the kernel allows). */
        REPLACE_HIERARCHY,
        /** Lazily unmount our old overlay(s). */
        UNMOUNT_OLD,
        /** Remove the workdir of an unmounted overlay. */
        REMOVE_WORKDIR;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The kind for a JSON word. */
        public static Kind ofWord(String word) {
            return PlanWords.find(values(), word, "step kind");
        }
    }

    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(skipIf, "skipIf");
    }
}
