package dev.confext.cli.extension;

import dev.confext.mount.api.StepHook;
import java.util.Map;

/**
 * A test-only crash switch: with {@code CONFEXT_TEST_HALT_AFTER_STEP=N} in the environment the process
 * halts (exit status 99, no clean-up) right after the executor's N-th completed step, as if it crashed
 * there. Fault tests use it to check that the next run converges.
 */
final class TestHooks {
    static final String VARIABLE = "CONFEXT_TEST_HALT_AFTER_STEP";

    private TestHooks() {}

    static StepHook fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isEmpty()) {
            return StepHook.none();
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return StepHook.none();
        }
        int[] count = {0};
        return (kind, subject) -> {
            if (++count[0] == limit) {
                System.err.println("halting after step " + limit + " (" + kind.word() + " " + subject + ")");
                System.err.flush();
                Runtime.getRuntime().halt(99);
            }
        };
    }
}
