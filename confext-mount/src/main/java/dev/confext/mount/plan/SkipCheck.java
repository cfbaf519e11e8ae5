package dev.confext.mount.plan;

import java.util.Objects;

/**
 * The refresh-skip decision: whether the new origin document equals the one of the current merge.
 *
 * @param status the outcome
 * @param reason why, in a sentence
 */
public record SkipCheck(Status status, String reason) {

    /** Outcomes of the refresh-skip check. */
    public enum Status {
        /** Not a refresh, or nothing of ours is merged: no comparison. */
        NOT_APPLICABLE,
        /** The current merge has no readable origin (made by v259 or older): full refresh. */
        NO_ORIGIN,
        /** Nothing changed: the refresh is skipped, nothing is mounted or unmounted. */
        UNCHANGED,
        /** Nothing changed, but {@code --always-refresh=yes}: full refresh. */
        UNCHANGED_FORCED,
        /** Something changed: full refresh. */
        CHANGED,
        /**
         * Images still have to be mounted to be validated; the executor compares after validating them
         * (it skips then when the accepted set gives the old origin).
         */
        AFTER_VALIDATION;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The status for a JSON word. */
        public static Status ofWord(String word) {
            return PlanWords.find(values(), word, "skip status");
        }
    }

    public SkipCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the refresh does nothing. */
    public boolean skips() {
        return status == Status.UNCHANGED;
    }
}
