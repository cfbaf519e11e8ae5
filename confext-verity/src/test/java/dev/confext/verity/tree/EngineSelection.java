package dev.confext.verity.tree;

import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.HashAlgorithm;

/** Runs test code with one {@link HashEngine} chosen through its system property, then restores it. */
final class EngineSelection {
    private EngineSelection() {
    }

    /** A piece of test code that may throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with {@code engine} selected; skips (or fails under {@code confext.requireAll})
     * if the engine cannot hash {@code algorithm} on this machine.
     */
    static void with(HashEngine engine, HashAlgorithm algorithm, Body body) throws Exception {
        engine.unavailableReason(algorithm).ifPresent(reason ->
                TestEnvironment.require(false, engine + " hash engine unavailable: " + reason));
        String previous = System.getProperty(HashEngine.PROPERTY);
        System.setProperty(HashEngine.PROPERTY, engine.name().toLowerCase(java.util.Locale.ROOT));
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty(HashEngine.PROPERTY);
            } else {
                System.setProperty(HashEngine.PROPERTY, previous);
            }
        }
    }
}
