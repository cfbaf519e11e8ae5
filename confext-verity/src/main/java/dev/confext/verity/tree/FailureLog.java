package dev.confext.verity.tree;

import dev.confext.verity.api.VerityFailure;
import java.util.Optional;

/** Keeps the first failure of each level; the earliest one veritysetup would report is that of the lowest level. */
final class FailureLog {
    private final VerityFailure[] firstPerLevel;

    FailureLog(int levels) {
        this.firstPerLevel = new VerityFailure[Math.max(levels, 1)];
    }

    synchronized void record(VerityFailure failure) {
        if (firstPerLevel[failure.level()] == null) {
            firstPerLevel[failure.level()] = failure;
        }
    }

    synchronized boolean hasFailure(int level) {
        return firstPerLevel[level] != null;
    }

    synchronized Optional<VerityFailure> first() {
        for (VerityFailure f : firstPerLevel) {
            if (f != null) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
