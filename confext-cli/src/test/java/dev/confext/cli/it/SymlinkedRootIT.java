package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --root} spelt through a symlink names the same merge as the real path (systemd finds mount
 * points by file descriptor; mountinfo lists real paths): status lists it, merge refuses, unmerge removes it. Fixture: the shared case {@code basic-dir} built in
 * {@code $T/r} (one directory confext {@code alpha}), and
 * <pre>
 *   $T/link -> r
 * </pre>
 */
class SymlinkedRootIT {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTool("unshare");
    }

    @Test
    void verbs_rootGivenThroughSymlink_seeTheMergeMadeThroughTheRealPath() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n",
                "sh \"$CASES/basic-dir/make-root.sh\" $T/r >/dev/null 2>&1 || exit 90",
                "ln -s r $T/link",
                "C=\"$B/confext --no-pager\"",
                "$C --root=$T/r merge >/dev/null 2>&1 || exit 92",
                "echo \"status: $($C --root=$T/link status --json=short)\"",
                "$C --root=$T/link merge 2>&1; echo \"merge-exit=$?\"",
                "$C --root=$T/link refresh 2>&1; echo \"refresh-exit=$?\"",
                "$C --root=$T/link refresh 2>&1; echo \"second-refresh-exit=$?\"",
                "echo \"mounted=$(mounts $T/r | wc -l)\"",
                "$C --root=$T/link unmerge 2>&1; echo \"unmerge-exit=$?\"",
                "echo \"left=$(mounts $T/r | wc -l)\""));
        assertTrue(field(out, "status").startsWith("[{\"hierarchy\":\"/etc\",\"extensions\":[\"alpha\"],\"since\":"), out);
        assertTrue(out.contains("Hierarchy '/etc' is already merged.\nmerge-exit=1"), out);
        // the origin's paths depend on the root's spelling (full paths through a link, as systemd writes them),
        // so the first refresh through the link re-merges, and the next one finds nothing changed
        assertTrue(out.contains("Unmerged '<T>/link/etc'.\nMerged extensions into '<T>/link/etc'.\nrefresh-exit=0"), out);
        assertTrue(out.contains("Skipping extension refresh because no change was found, use --always-refresh=yes to"
                + " always do a refresh.\nsecond-refresh-exit=0"), out);
        assertEquals("1", field(out, "mounted"), out);
        assertTrue(out.contains("Unmerged '<T>/link/etc'.\nunmerge-exit=0"), out);
        assertEquals("0", field(out, "left"), out);
    }

    private static String field(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "[:=] ?(.*)$").matcher(out);
        assertTrue(m.find(), "no '" + key + "' line in:\n" + out);
        return m.group(1);
    }
}
