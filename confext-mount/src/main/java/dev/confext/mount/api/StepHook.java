package dev.confext.mount.api;

import dev.confext.mount.plan.Step;

/**
 * Called after every step the executor completed. Tests use it to stop the executor between steps (as a
 * crash would) and check that a new run converges.
 */
@FunctionalInterface
public interface StepHook {
    void afterStep(Step.Kind kind, String subject);

    /** A hook that does nothing. */
    static StepHook none() {
        return (kind, subject) -> {};
    }
}
