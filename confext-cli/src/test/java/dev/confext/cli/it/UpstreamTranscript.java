package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The output of a script that runs every scenario with our tool and then with upstream's, each run
 * ending in one line holding {@code " exit="} (ours first, upstream's right after).
 */
final class UpstreamTranscript {
    private UpstreamTranscript() {}

    /** Asserts that every pair of such lines is equal and that {@code scenarios} pairs were found. */
    static void assertOursMatchUpstream(String transcript, int scenarios) {
        String[] out = transcript.split("\n");
        int compared = 0;
        for (int i = 0; i + 1 < out.length; i++) {
            if (out[i].contains(" exit=") && out[i + 1].contains(" exit=")) {
                assertEquals(out[i + 1], out[i], "ours (first) against upstream (second)");
                compared++;
                i++;
            }
        }
        assertEquals(scenarios, compared, transcript);
    }
}
