package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutable refresh is halted (as by a crash: no clean-up) right after each of its steps in turn; the next
 * refresh must converge to one merged overlay with every extension, and a file written to the merged
 * hierarchy before the crash must still be there (in the overlay and in the mutable directory).
 */
class FaultInjectionTest {
    /** A mutable refresh of the fixture completes 12 steps; one more run checks the no-crash path. */
    private static final int STEPS = 13;

    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        ExecTestEnvironment.requireMountingWithImageTools();
    }

    @Test
    void refresh_haltedAfterEachStep_nextRefreshConvergesAndKeepsWrites() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "for k in $(seq 1 " + STEPS + "); do",
                "  $EXEC $R merge yes > $T/log 2>&1 || { cat $T/log; echo merge-failed-$k; exit 10; }",
                "  echo kept-$k > $R/etc/written-$k || exit 13",
                "  $EXEC $R refresh yes --abort-after=$k > $T/log 2>&1; echo halted-$k=$?",
                "  $EXEC $R refresh yes > $T/log 2>&1 || { cat $T/log; echo refresh-failed-$k; exit 11; }",
                "  ok=yes",
                "  [ \"$(cat $R/etc/written-$k)\" = kept-$k ] || ok=no-written",
                "  [ \"$(cat $R/var/lib/extensions.mutable/etc/written-$k)\" = kept-$k ] || ok=no-upper",
                "  [ -e $R/etc/erofile ] && [ -e $R/etc/sqfile ] && [ -e $R/etc/dirfile ] || ok=no-extension",
                "  [ $(grep -c \" $R/etc \" /proc/self/mountinfo) = 1 ] || ok=stacked",
                "  [ $(ls -a $R/var/lib/extensions.mutable | grep -c workdir) = 1 ] || ok=workdirs",
                "  echo converged-$k=$ok",
                "  $EXEC $R unmerge > $T/log 2>&1 || { cat $T/log; exit 12; }",
                "  [ $(grep -c \" $R/etc \" /proc/self/mountinfo) = 0 ] || echo left-mounted-$k",
                "done"), 900);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        for (int k = 1; k <= STEPS; k++) {
            assertTrue(out.contains("converged-" + k + "=yes"), "after halting at step " + k + ":\n" + out);
        }
        assertTrue(out.contains("halted-1=77"), out);
        assertTrue(!out.contains("left-mounted"), out);
    }

    @Test
    void merge_haltedAfterEachStep_refreshThenConvergesToOneMerge() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "for k in $(seq 1 11); do",
                "  $EXEC $R merge yes --abort-after=$k > $T/log 2>&1; echo halted-$k=$?",
                "  $EXEC $R refresh yes > $T/log 2>&1 || { cat $T/log; echo refresh-failed-$k; exit 11; }",
                "  ok=yes",
                "  [ -e $R/etc/erofile ] && [ -e $R/etc/sqfile ] && [ -e $R/etc/dirfile ] || ok=no-extension",
                "  [ $(grep -c \" $R/etc \" /proc/self/mountinfo) = 1 ] || ok=stacked",
                "  echo converged-$k=$ok",
                "  $EXEC $R unmerge > $T/log 2>&1 || { cat $T/log; exit 12; }",
                "done"), 900);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        for (int k = 1; k <= 11; k++) {
            assertTrue(out.contains("converged-" + k + "=yes"), "after halting the merge at step " + k + ":\n" + out);
        }
    }
}
