package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/confext merge/refresh/unmerge} on scenarios the shared cases do not cover, each in a child
 * process under {@code unshare -m --propagation private} with a private {@code /run} and the test
 * directory as a shared mount (as the conformance harness does). Fixture:
 * <pre>
 *   r/etc/os-release                    ID=fakeos
 *   r/var/lib/confexts/good.raw         erofs: etc/goodfile, etc/extension-release.d/extension-release.good (ID=_any)
 *   norel.raw (copied in per scenario)  erofs: etc/f, no extension-release at all
 * </pre>
 */
class MergeVerbsIT {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "mkfs.erofs", "veritysetup");
    }

    private String run(String body) throws Exception {
        String script = String.join("\n",
                "T='" + temp + "'",
                "B='" + TestEnvironment.checkout().resolve("bin") + "'",
                "mkdir -p $T/r/etc $T/r/var/lib/confexts $T/src/etc/extension-release.d $T/norel/etc",
                "echo ID=fakeos > $T/r/etc/os-release",
                "echo ID=_any > $T/src/etc/extension-release.d/extension-release.good",
                "echo good > $T/src/etc/goodfile",
                "echo f > $T/norel/etc/f",
                "mkfs.erofs --quiet $T/r/var/lib/confexts/good.raw $T/src >/dev/null || exit 90",
                "mkfs.erofs --quiet $T/norel.raw $T/norel >/dev/null || exit 90",
                "mount -t tmpfs it-run /run && mount --bind $T $T && mount --make-rshared $T || exit 91",
                "C=\"$B/confext --no-pager --root=$T/r\"",
                body, "");
        Path file = temp.resolve("script.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path log = temp.resolve("log");
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        String out = Files.readString(log, StandardCharsets.UTF_8).replace(temp.toString(), "<T>");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void merge_rawImageWithoutReleaseData_failsWithNoMedium() throws Exception {
        String out = run("cp $T/norel.raw $T/r/var/lib/confexts/; $C merge; echo exit=$?; "
                + "echo mounts=$(grep -c \" $T/r/etc \" /proc/self/mountinfo)");
        assertTrue(out.contains("Failed to read metadata for image norel: No medium found\nexit=1\nmounts=0"), out);
    }

    @Test
    void merge_skipBroken_leavesOutTheBrokenImagesAndMergesTheRest() throws Exception {
        String out = run("cp $T/norel.raw $T/r/var/lib/confexts/; head -c 50000 /dev/zero > $T/r/var/lib/confexts/junk.raw; "
                + "$C --skip-broken merge; echo exit=$?; cat $T/r/etc/goodfile");
        assertTrue(out.contains("Skipping broken image junk: Package not installed"), out);
        assertTrue(out.contains("Skipping broken image norel: No medium found"), out);
        assertTrue(out.contains("Merged extensions into '<T>/r/etc'.\nexit=0\ngood"), out);
    }

    @Test
    void merge_policyRequiringVerity_failsClearlyWithoutDeviceMapper() throws Exception {
        String out = run("$C --image-policy=root=verity merge; echo exit=$?");
        assertTrue(out.contains("Failed to read metadata for image good: Image policy 'root=verity' requires a"
                + " protected"), out);
        assertTrue(out.contains("no device-mapper"), out);
        assertTrue(out.contains("exit=1"), out);
    }

    @Test
    void merge_userspaceVerity_intactImageMergesTamperedImageIsRefused() throws Exception {
        String out = run(String.join("\n",
                "cd $T/r/var/lib/confexts",
                "veritysetup format good.raw good.verity | awk '/Root hash/ {print $3}' > good.roothash",
                "CONFEXT_USERSPACE_VERITY=yes $C --image-policy=root=verity merge; echo exit=$?",
                "cat $T/r/etc/goodfile",
                "$C unmerge; echo exit=$?",
                "printf X | dd of=good.raw bs=1 seek=1200 conv=notrunc 2>/dev/null",
                "CONFEXT_USERSPACE_VERITY=yes $C --image-policy=root=verity merge; echo exit=$?",
                "echo mounts=$(grep -c \" $T/r/etc \" /proc/self/mountinfo)"));
        assertTrue(out.contains("Verified image good against its verity root hash in userspace."), out);
        assertTrue(out.contains("Merged extensions into '<T>/r/etc'.\nexit=0\ngood\nUnmerged '<T>/r/etc'.\nexit=0"), out);
        assertTrue(out.contains("Failed to read metadata for image good: verity verification failed"), out);
        assertTrue(out.endsWith("exit=1\nmounts=0\n"), out);
    }

    @Test
    void refresh_alwaysRefresh_replacesTheOverlayWithoutUnmountingFirst() throws Exception {
        String out = run(String.join("\n",
                "$C merge >/dev/null 2>&1 || exit 10",
                "before=$(awk -v p=$T/r/etc '$5 == p {print $1}' /proc/self/mountinfo)",
                "$C --always-refresh=yes refresh; echo exit=$?",
                "after=$(awk -v p=$T/r/etc '$5 == p {print $1}' /proc/self/mountinfo)",
                "[ \"$before\" != \"$after\" ] && echo replaced",
                "echo mounts=$(grep -c \" $T/r/etc \" /proc/self/mountinfo)",
                "$C unmerge; echo exit=$?; $C unmerge; echo exit=$?"));
        assertTrue(out.contains("Using extensions 'good.raw'.\nUnmerged '<T>/r/etc'.\nMerged extensions into"
                + " '<T>/r/etc'.\nexit=0\nreplaced\nmounts=1"), out);
        assertTrue(out.endsWith("Unmerged '<T>/r/etc'.\nexit=0\nexit=0\n"), out);
    }

    @Test
    void merge_withoutCapSysAdmin_needsToBePrivileged() throws Exception {
        TestEnvironment.requireTool("setpriv");
        String out = run("for v in merge refresh unmerge; do setpriv --bounding-set=-sys_admin --inh-caps=-sys_admin"
                + " $C $v; echo $v-exit=$?; done; echo mounts=$(grep -c \" $T/r/etc \" /proc/self/mountinfo)");
        assertTrue(out.contains("Need to be privileged.\nmerge-exit=1\nNeed to be privileged.\nrefresh-exit=1\n"
                + "Need to be privileged.\nunmerge-exit=1\nmounts=0"), out);
    }
}
