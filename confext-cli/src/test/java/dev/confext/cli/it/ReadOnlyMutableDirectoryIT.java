package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutable directory on a read-only bind mount, as systemd 262 reports it (compared with an upstream build):
 * <pre>
 *   r/usr/lib/os-release                       ID=fedora VERSION_ID=40
 *   r/var/lib/confexts/a/etc/a.conf, etc/extension-release.d/extension-release.a (ID=_any)
 *   r/var/lib/extensions.mutable/              bind-mounted read-only (inside the child's namespace)
 *   r/var/lib/extensions.mutable/etc/          0755, like r/etc
 * </pre>
 */
class ReadOnlyMutableDirectoryIT {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTool("unshare");
    }

    @Test
    void merge_mutableDirectoryOnReadOnlyMount_yesFailsToChmodAutoRefusesTheUpperdir() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n",
                "R=$T/r",
                "mkdir -p $R/usr/lib $R/etc $R/var/lib/confexts/a/etc/extension-release.d "
                        + "$R/var/lib/extensions.mutable/etc || exit 90",
                "printf 'ID=fedora\\nVERSION_ID=40\\n' > $R/usr/lib/os-release",
                "echo ID=_any > $R/var/lib/confexts/a/etc/extension-release.d/extension-release.a",
                "echo a > $R/var/lib/confexts/a/etc/a.conf",
                "chmod 0755 $R/etc $R/var/lib/extensions.mutable/etc",
                "M=$R/var/lib/extensions.mutable",
                "mount --bind $M $M && mount -o remount,bind,ro $M || exit 91",
                "C=\"$B/confext --no-pager --root=$R\"",
                "$C --mutable=yes merge 2>&1; echo \"yes-exit=$?\"",
                "$C --mutable=auto merge 2>&1; echo \"auto-exit=$?\"",
                "echo \"mounted=$(mounts $R/etc | wc -l)\""));
        assertTrue(out.contains("Failed to chmod directory '<T>/r/var/lib/extensions.mutable/etc': Read-only file system\n"
                + "Failed to merge hierarchies\nyes-exit=1\n"), out);
        assertTrue(out.contains("Using extensions 'a'.\n"
                + "Can't use '<T>/r/var/lib/extensions.mutable/etc' as an upperdir as it is read-only.\n"
                + "Failed to merge hierarchies\nauto-exit=1\n"), out);
        assertTrue(out.contains("mounted=0"), out);
    }
}
