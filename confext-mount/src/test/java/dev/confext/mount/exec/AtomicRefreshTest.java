package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader in another process stats a file only an extension provides while the hierarchy is refreshed
 * 200 times: with the new overlay put beneath the old one before the old one goes, it never misses it.
 */
class AtomicRefreshTest {
    private static final int REFRESHES = 200;

    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        ExecTestEnvironment.requireMountingWithImageTools();
    }

    @Test
    void refresh_200TimesWhileReading_readerNeverMissesTheExtensionFile() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge >/dev/null 2>&1 || exit 10",
                // The reader: counts lookups and misses of a file that only the erofs image provides.
                "(n=0; m=0; while [ ! -e $T/stop ]; do n=$((n+1)); [ -e $R/etc/erofile ] || m=$((m+1)); done;"
                        + " echo reads=$n misses=$m) > $T/reader.out &",
                "start=$(date +%s%N)",
                "$EXEC $R refresh --repeat=" + REFRESHES + " > $T/refresh.log 2>&1 || { tail -5 $T/refresh.log; exit 11; }",
                "end=$(date +%s%N)",
                "touch $T/stop; wait",
                "cat $T/reader.out",
                "echo refreshed=$(grep -c 'HierarchyMerged.*replaced=true, atomic=true' $T/refresh.log)",
                "echo non-atomic=$(grep -c 'atomic=false' $T/refresh.log)",
                "echo ms-per-refresh=$(( (end - start) / 1000000 / " + REFRESHES + " ))",
                "echo mounts=$(grep -c \" $R/etc \" /proc/self/mountinfo)"), 900);
        String out = r.output();
        System.out.println(out.lines().filter(l -> l.contains("=")).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("refreshed=" + REFRESHES), out);
        assertTrue(out.contains("non-atomic=0"), out);
        assertTrue(out.contains("misses=0"), out);
        assertFalse(out.contains("reads=0 "), "the reader ran:\n" + out);
        assertTrue(out.contains("mounts=1"), "exactly one overlay left:\n" + out);
    }

    /**
     * The control experiment: the same reader against upstream's unmount-then-mount replacement (which is
     * also the fallback on kernels without MOVE_MOUNT_BENEATH) does see the hierarchy without the file,
     * so the test above would notice a gap.
     */
    @Test
    void refresh_nonAtomicReplacement_readerSeesTheGap() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge >/dev/null 2>&1 || exit 10",
                "(n=0; m=0; while [ ! -e $T/stop ]; do n=$((n+1)); [ -e $R/etc/erofile ] || m=$((m+1)); done;"
                        + " echo reads=$n misses=$m) > $T/reader.out &",
                "$EXEC $R refresh --repeat=" + REFRESHES + " --non-atomic > $T/refresh.log 2>&1"
                        + " || { tail -5 $T/refresh.log; exit 11; }",
                "touch $T/stop; wait",
                "cat $T/reader.out",
                "echo non-atomic=$(grep -c 'replaced=true, atomic=false' $T/refresh.log)",
                "echo mounts=$(grep -c \" $R/etc \" /proc/self/mountinfo)"), 900);
        String out = r.output();
        System.out.println(out.lines().filter(l -> l.contains("=")).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("non-atomic=" + REFRESHES), out);
        assertTrue(out.contains("mounts=1"), out);
        java.util.regex.Matcher misses = java.util.regex.Pattern.compile("misses=(\\d+)").matcher(out);
        assertTrue(misses.find(), out);
        assertTrue(Integer.parseInt(misses.group(1)) > 0, "the reader should have hit the gap:\n" + out);
    }
}
