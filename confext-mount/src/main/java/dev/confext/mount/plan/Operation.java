package dev.confext.mount.plan;

/** The verb a plan was made for. */
public enum Operation {
    /** Merge; refuses when a hierarchy is already merged. */
    MERGE("merge"),
    /** Bring the merged state in line with the installed extensions; skips when nothing changed. */
    REFRESH("refresh"),
    /** Remove our overlays. */
    UNMERGE("unmerge");

    private final String word;

    Operation(String word) {
        this.word = word;
    }

    /** The lowercase verb. */
    public String word() {
        return word;
    }

    /** The operation for a verb. */
    public static Operation ofWord(String word) {
        return PlanWords.find(values(), Operation::word, word, "operation");
    }
}
