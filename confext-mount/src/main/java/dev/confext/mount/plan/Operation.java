package dev.confext.mount.plan;

/** The verb a plan was made for. */
public enum Operation {
    /** Merge; refuses when a hierarchy is already merged. */
    MERGE,
    /** Bring the merged state in line with the installed extensions; skips when nothing changed. */
    REFRESH,
    /** Remove our overlays. */
    UNMERGE;

    /** The lowercase verb. */
    public String word() {
        return PlanWords.wordOf(this);
    }

    /** The operation for a verb. */
    public static Operation ofWord(String word) {
        return PlanWords.find(values(), word, "operation");
    }
}
