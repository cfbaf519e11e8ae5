package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperation with the distribution's {@code systemd-sysext} ({@code /usr/bin/systemd-sysext}; Debian 12
 * ships systemd 252, which predates confext and the origin document). The tests are skipped when it is
 * absent, also in CI: {@code .ci/run} does not install systemd.
 *
 * <p>What 252 can do here: with {@code --root} its {@code unmerge} and {@code merge} work, but its
 * {@code status} reads {@code /usr/.systemd-sysext/extensions} without the root prefix and fails, so status is
 * asked with {@code SYSTEMD_SYSEXT_HIERARCHIES} naming the root's hierarchies directly (no {@code --root}).
 *
 * <p>Fixtures: the shared case {@code sysext-basic} (directory sysext {@code foo} with {@code /usr} and
 * {@code /opt}, {@code bar} behind an absolute symlink in {@code /etc/extensions}, erofs {@code baz.raw} in
 * {@code /run/extensions}, three incompatible ones), and for 252's own merge a simpler root 252 can merge
 * under {@code --root}:
 * <pre>
 *   r/etc/os-release, r/usr/lib/os-release    ID=fakeos VERSION_ID=42
 *   r/usr/{bin,lib,share}/...                  host files
 *   r/var/lib/extensions/foo/usr/...           directory sysext with extension-release.foo (ID=fakeos VERSION_ID=42)
 * </pre>
 */
class SystemSysextInteropIT {
    private static final Path SYSTEM_SYSEXT = Path.of("/usr/bin/systemd-sysext");

    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        assumeTrue(Files.isExecutable(SYSTEM_SYSEXT),
                SYSTEM_SYSEXT + " is not installed (the systemd package; .ci/run does not install it)");
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "mkfs.erofs");
    }

    @Test
    void statusAndUnmerge_sysextMergedByUs_systemSysextReadsAndUnmergesIt() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n",
                "R=$T/r; S=" + SYSTEM_SYSEXT,
                "sh \"$CASES/sysext-basic/make-root.sh\" $R >/dev/null 2>&1 || exit 90",
                "$B/sysext --no-pager --root=$R merge >/dev/null 2>&1 || exit 92",
                "echo \"system-status: $(SYSTEMD_SYSEXT_HIERARCHIES=$R/usr:$R/opt $S --no-pager status --json=short)\"",
                "$S --no-pager --root=$R unmerge 2>&1; echo \"system-unmerge-exit=$?\"",
                "echo \"left=$(mounts $R | wc -l)\"",
                "echo \"ours-status: $($B/sysext --no-pager --root=$R status --json=short)\""));
        String status = field(out, "system-status");
        assertTrue(status.contains("{\"hierarchy\":\"<T>/r/opt\",\"extensions\":[\"bar\",\"baz\",\"foo\"],\"since\":"), out);
        assertTrue(status.contains("{\"hierarchy\":\"<T>/r/usr\",\"extensions\":[\"bar\",\"baz\",\"foo\"],\"since\":"), out);
        assertTrue(out.contains("Unmerged '<T>/r/usr'.\nUnmerged '<T>/r/opt'.\nsystem-unmerge-exit=0"), out);
        assertEquals("0", field(out, "left"), out);
        assertEquals("[{\"hierarchy\":\"/opt\",\"extensions\":[],\"since\":null},"
                + "{\"hierarchy\":\"/usr\",\"extensions\":[],\"since\":null}]", field(out, "ours-status"), out);
    }

    @Test
    void refresh_sysextMergedByUs_systemSysextRemergesIt() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n", simpleRoot(),
                "$B/sysext --no-pager --root=$R merge >/dev/null 2>&1 || exit 92",
                "$S --no-pager --root=$R refresh 2>&1; echo \"system-refresh-exit=$?\"",
                "echo \"ours-status: $($B/sysext --no-pager --root=$R status --json=short)\"",
                "echo \"content: $(cat $R/usr/share/foo/foo.txt)\"",
                "$B/sysext --no-pager --root=$R unmerge >/dev/null 2>&1; echo \"left=$(mounts $R | wc -l)\""));
        assertTrue(out.contains("Unmerged '<T>/r/usr'.\nMerged extensions into '<T>/r/usr'.\nsystem-refresh-exit=0"), out);
        assertTrue(field(out, "ours-status").contains("{\"hierarchy\":\"/usr\",\"extensions\":[\"foo\"],\"since\":"), out);
        assertEquals("foo", field(out, "content"), out);
        assertEquals("0", field(out, "left"), out);
    }

    @Test
    void refresh_sysextMergedBySystemSysext_noOriginMeansAFullRefresh() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n", simpleRoot(),
                "$S --no-pager --root=$R merge >/dev/null 2>&1 || exit 92",
                "echo \"system-meta: $(ls $R/usr/.systemd-sysext | paste -sd, -)\"",
                "echo \"ours-status: $($B/sysext --no-pager --root=$R status --json=short)\"",
                "$B/sysext --no-pager --root=$R refresh 2>&1; echo \"ours-refresh-exit=$?\"",
                "echo \"ours-meta: $(ls $R/usr/.systemd-sysext | paste -sd, -)\"",
                "$B/sysext --no-pager --root=$R refresh 2>&1; echo \"ours-second-refresh-exit=$?\"",
                "$B/sysext --no-pager --root=$R unmerge 2>&1; echo \"ours-unmerge-exit=$?\"",
                "echo \"left=$(mounts $R | wc -l)\""));
        assertEquals("dev,extensions", field(out, "system-meta"), "252 writes no origin document:\n" + out);
        assertTrue(field(out, "ours-status").contains("{\"hierarchy\":\"/usr\",\"extensions\":[\"foo\"],\"since\":"), out);
        assertTrue(out.contains("Unmerged '<T>/r/usr'.\nMerged extensions into '<T>/r/usr'.\nours-refresh-exit=0"), out);
        assertTrue(field(out, "ours-meta").contains("origin"), out);
        assertTrue(out.contains("Skipping extension refresh because no change was found, use --always-refresh=yes to"
                + " always do a refresh.\nours-second-refresh-exit=0"), out);
        assertTrue(out.contains("Unmerged '<T>/r/usr'.\nours-unmerge-exit=0"), out);
        assertEquals("0", field(out, "left"), out);
    }

    /** The simple root of the class comment in {@code $R}, and {@code $S} = the system binary. */
    private static String simpleRoot() {
        return String.join("\n",
                "R=$T/r; S=" + SYSTEM_SYSEXT,
                "mkdir -p $R/etc $R/usr/lib $R/usr/bin $R/usr/share/host $R/var/lib/extensions/foo/usr/lib/extension-release.d"
                        + " $R/var/lib/extensions/foo/usr/share/foo",
                "printf 'ID=fakeos\\nVERSION_ID=42\\n' > $R/etc/os-release",
                "cp $R/etc/os-release $R/usr/lib/os-release",
                "echo host > $R/usr/share/host/data.txt; echo '#!/bin/sh' > $R/usr/bin/host-tool",
                "printf 'ID=fakeos\\nVERSION_ID=42\\n' > $R/var/lib/extensions/foo/usr/lib/extension-release.d/extension-release.foo",
                "echo foo > $R/var/lib/extensions/foo/usr/share/foo/foo.txt");
    }

    private static String field(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "[:=] ?(.*)$").matcher(out);
        assertTrue(m.find(), "no '" + key + "' line in:\n" + out);
        return m.group(1);
    }
}
