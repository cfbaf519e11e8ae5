package dev.confext.mount.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * What the planner decided about one discovered image.
 *
 * @param name     the image name (from the directory entry)
 * @param type     {@code directory}, {@code subvolume}, {@code raw}, {@code block}
 * @param path     where the image resolved to, inside the root
 * @param fileName the resolved file name ("Using extensions '...'" prints these)
 * @param status   accepted, rejected, broken, or pending (to be validated once mounted)
 * @param reason   why (for every status; for accepted, which rule accepted it)
 * @param identity the origin entry of the image, absent when it could not be determined
 */
public record ImageVerdict(String name, String type, PlanPath path, String fileName, Status status, String reason,
        Optional<OriginEntry> identity) {

    /** The outcome of validating one image. */
    public enum Status {
        /** Compatible; it is merged. */
        ACCEPTED,
        /** Incompatible with this host; it is ignored and counted. */
        REJECTED,
        /** Its metadata could not be read; the whole merge fails (as upstream). */
        BROKEN,
        /** A raw or block image whose release data is read only once it is mounted: the executor validates it. */
        PENDING;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The status for a JSON word. */
        public static Status ofWord(String word) {
            return PlanWords.find(values(), word, "image status");
        }
    }

    public ImageVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        identity = identity == null ? Optional.empty() : identity;
    }
}
