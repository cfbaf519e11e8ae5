package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor against real images in a child mount namespace. Fixture ({@link NamespaceScript#fixture}):
 * <pre>
 *   r/etc/hostfile
 *   r/var/lib/confexts/dir/etc/{dirfile, extension-release.d/extension-release.dir}
 *   r/var/lib/confexts/ero.raw    erofs:    etc/{erofile, extension-release.d/extension-release.ero}
 *   r/var/lib/confexts/sq.raw     squashfs: etc/{sqfile,  extension-release.d/extension-release.sq}
 * </pre>
 */
class ExecutorLifecycleTest {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        ExecTestEnvironment.requireMountingWithImageTools();
    }

    @Test
    void apply_directoryErofsSquashfs_allVisibleThenRefreshedThenUnmerged() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge || exit 10",
                "cat $R/etc/hostfile $R/etc/dirfile $R/etc/erofile $R/etc/sqfile",
                "echo list: $(cat $R/etc/.systemd-confext/confexts)",
                "grep \" $R/etc \" /proc/self/mountinfo | sed 's/.* - //' | cut -d' ' -f1,2 | sed 's/^/mount: /'",
                "touch $R/etc/new 2>/dev/null && echo writable || echo read-only",
                "$EXEC $R refresh || exit 11",
                "echo after-refresh: $(grep -c \" $R/etc \" /proc/self/mountinfo) mount",
                "cat $R/etc/sqfile",
                "$EXEC $R unmerge || exit 12",
                "echo after-unmerge: $(grep -c \" $R/etc \" /proc/self/mountinfo) mounts",
                "ls $R/etc",
                "echo staging: $(ls /run/systemd/sysext 2>/dev/null | wc -l)"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("host\nfrom-dir\nfrom-erofs\nfrom-squashfs\n"), out);
        assertTrue(out.contains("list: dir ero sq"), out);
        assertTrue(out.contains("mount: overlay confext"), out);
        assertTrue(out.contains("read-only"), out);
        assertTrue(out.contains("after-refresh: 1 mount"), out);
        assertTrue(out.contains("after-unmerge: 0 mounts"), out);
        assertTrue(out.contains("hostfile\nstaging: 0"), out);
    }

    @Test
    void apply_mutableYes_writesGoToTheMutableDirAndSurviveRefreshAndUnmerge() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge yes || exit 10",
                "echo written > $R/etc/written || exit 13",
                "$EXEC $R refresh yes || exit 11",
                "cat $R/etc/written $R/etc/erofile",
                "$EXEC $R unmerge || exit 12",
                "cat $R/var/lib/extensions.mutable/etc/written",
                "echo leftover-workdirs: $(ls -a $R/var/lib/extensions.mutable | grep -c workdir)"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("written\nfrom-erofs\n"), "merged view after refresh:\n" + out);
        assertTrue(out.contains("unmerged [/etc]\nwritten\n"), "write kept in the mutable dir:\n" + out);
        assertTrue(out.contains("leftover-workdirs: 0"), "workdirs removed by unmerge:\n" + out);
    }

    /**
     * {@code /etc} configured twice ({@code /etc:/etc}): as systemd, the same overlay is mounted twice (one
     * device), a refresh replaces both and unmerge takes both away (before, the copies were separate overlays
     * sharing one metadata directory, so only the top one was recognised as ours and the other stayed).
     */
    @Test
    void apply_hierarchyConfiguredTwice_sameOverlayTwiceReplacedAndUnmergedWhole() throws Exception {
        String devices = "grep \" $R/etc \" /proc/self/mountinfo | cut -d' ' -f3 | sort | uniq -c | awk '{print $1}'";
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge --twice || exit 10",
                "echo after-merge: $(" + devices + ")",
                "$EXEC $R refresh --twice || exit 11",
                "echo after-refresh: $(" + devices + ")",
                "cat $R/etc/sqfile",
                "$EXEC $R unmerge --twice || exit 12",
                "echo after-unmerge: $(grep -c \" $R/etc \" /proc/self/mountinfo) mounts"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("after-merge: 2\n"), "two mounts of one overlay:\n" + out);
        assertTrue(out.contains("after-refresh: 2\nfrom-squashfs\n"), "both replaced, nothing left over:\n" + out);
        assertTrue(out.contains("unmerged [/etc]\nafter-unmerge: 0 mounts"), out);
    }

    @Test
    void apply_garbageRawImage_failsAndLeavesTheHierarchyAlone() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "head -c 100000 /dev/zero > $R/var/lib/confexts/junk.raw",
                "$EXEC $R merge; echo exit=$?",
                "echo mounts: $(grep -c \" $R/etc \" /proc/self/mountinfo)"), 120);
        String out = r.output();
        assertTrue(out.contains("Failed to read metadata for image junk: Package not installed"), out);
        assertTrue(out.contains("exit=1"), out);
        assertTrue(out.contains("mounts: 0"), out);
    }

    @Test
    void apply_subMountBelowHierarchy_isCarriedOverToTheOverlayAndBack() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "mkdir -p $R/etc/sub && mount -t tmpfs sub-tmpfs $R/etc/sub && echo inside > $R/etc/sub/file",
                "$EXEC $R merge || exit 10",
                "cat $R/etc/sub/file $R/etc/erofile",
                "$EXEC $R refresh || exit 11",
                "cat $R/etc/sub/file",
                "$EXEC $R unmerge || exit 12",
                "cat $R/etc/sub/file",
                "echo sub-mounts: $(grep -c \" $R/etc/sub \" /proc/self/mountinfo)"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("inside\nfrom-erofs\n"), "sub-mount on top of the new overlay:\n" + out);
        assertEquals(3, out.split("\ninside\n", -1).length - 1 + (out.startsWith("inside\n") ? 1 : 0),
                "sub-mount seen after merge, refresh and unmerge:\n" + out);
        assertTrue(out.contains("sub-mounts: 1"), "the sub-mount is not doubled:\n" + out);
    }

    @Test
    void apply_manyExtensionsWithLongNames_optionStringOverOneFsconfigValueStillMounts() throws Exception {
        StringBuilder make = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String name = "a-rather-long-extension-name-number-" + i;
            make.append("mkdir -p $R/var/lib/confexts/").append(name).append("/etc/extension-release.d\n")
                    .append("echo ID=_any > $R/var/lib/confexts/").append(name)
                    .append("/etc/extension-release.d/extension-release.").append(name).append("\n")
                    .append("echo ").append(i).append(" > $R/var/lib/confexts/").append(name).append("/etc/file-")
                    .append(i).append("\n");
        }
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + make + String.join("\n",
                "$EXEC $R merge || exit 10",
                "echo files: $(cat $R/etc/file-0 $R/etc/file-11)",
                "echo layers: $(grep \" $R/etc \" /proc/self/mountinfo | tr ':' '\\n' | grep -c /run/systemd/sysext/confexts/)"),
                120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("files: 0 11"), out);
        assertTrue(out.contains("layers: 15"), out);
    }

    @Test
    void readRelease_rawAndDirectoryImages_givesTheirReleaseAndLeavesNoMount() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R inspect || exit 10",
                "echo mounts-below-root: $(grep -c \" $T/\" /proc/self/mountinfo)"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("release ero: {ID=_any}"), out);
        assertTrue(out.contains("release sq: {ID=_any}"), out);
        assertTrue(out.contains("release dir: {ID=_any}"), out);
        assertTrue(out.contains("mounts-below-root: 0"), "nothing mounted below the test directory:\n" + out);
    }

    @Test
    void apply_refreshWithAnImageThatCannotBeMounted_keepsTheOldMerge() throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "$EXEC $R merge || exit 10",
                "before=$(awk -v p=$R/etc '$5 == p {print $1}' /proc/self/mountinfo)",
                "head -c 100000 /dev/zero > $R/var/lib/confexts/zz-junk.raw",
                "$EXEC $R refresh; echo refresh-exit=$?",
                "after=$(awk -v p=$R/etc '$5 == p {print $1}' /proc/self/mountinfo)",
                "[ \"$before\" = \"$after\" ] && echo same-mount",
                "cat $R/etc/erofile"), 120);
        String out = r.output();
        assertTrue(out.contains("Failed to read metadata for image zz-junk: Package not installed"), out);
        assertTrue(out.contains("refresh-exit=1\nsame-mount\nfrom-erofs"), out);
    }

    @Test
    void apply_ext4Image_isRecognisedAndMounted() throws Exception {
        ExecTestEnvironment.requireTool("mkfs.ext4", "e2fsprogs");
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                "mkdir -p $T/src-ext/etc/extension-release.d",
                "echo ID=_any > $T/src-ext/etc/extension-release.d/extension-release.ext",
                "echo from-ext4 > $T/src-ext/etc/extfile",
                "mkfs.ext4 -q -d $T/src-ext $R/var/lib/confexts/ext.raw 4M || exit 94",
                "$EXEC $R merge || exit 10",
                "cat $R/etc/extfile",
                "grep \" $R/etc \" /proc/self/mountinfo | grep -o 'confexts/ext/etc'"), 120);
        String out = r.output();
        assertEquals(0, r.exitStatus(), out);
        assertTrue(out.contains("from-ext4\nconfexts/ext/etc"), out);
    }

    /**
     * A merge made by another tool, faked with a tmpfs whose metadata names its own device, and a {@code work_dir}
     * that leads out of the root:
     * <pre>
     *   victim/keep                        outside the root; must survive
     *   r/etc/                             tmpfs: .systemd-confext/{dev, work_dir = ../victim}
     * </pre>
     * The unmerge fails as systemd's does, before anything is unmounted.
     */
    @Test
    void unmerge_workDirLeadingOutOfTheRoot_refusedBeforeUnmounting() throws Exception {
        String out = onForeignMerge("unmerge", "mkdir -p $T/victim && touch $T/victim/keep", "../victim", "$T/victim");

        assertTrue(out.contains("error: Invalid work directory path '../victim'.\nstatus: 1\n"), out);
        assertTrue(out.contains("mounts: 1\nkeep\n"), out);
    }

    /** As above, with a refresh, which replaces the merge: it fails the same way and leaves the merge as it was. */
    @Test
    void refresh_workDirLeadingOutOfTheRoot_refusedAndTheMergeKept() throws Exception {
        String out = onForeignMerge("refresh", "mkdir -p $T/victim && touch $T/victim/keep", "../victim", "$T/victim");

        assertTrue(out.contains("error: Invalid work directory path '../victim'.\nstatus: 1\n"), out);
        assertTrue(out.contains("mounts: 1\nkeep\n"), out);
    }

    /**
     * The same fake merge with a {@code work_dir} whose directory is reached through an absolute symbolic link: the
     * link is followed inside the root, so the host directory it names outside the root is not touched.
     * <pre>
     *   outside/wd/keep                    outside the root; must survive
     *   r/var/lib/link -> T/outside        (inside the root: r/T/outside, which does not exist)
     *   r/etc/                             tmpfs: .systemd-confext/{dev, work_dir = var/lib/link/wd}
     * </pre>
     */
    @Test
    void unmerge_workDirThroughAbsoluteLink_staysInsideTheRoot() throws Exception {
        String out = onForeignMerge("unmerge", "mkdir -p $T/outside/wd && touch $T/outside/wd/keep"
                + " && ln -s $T/outside $R/var/lib/link", "var/lib/link/wd", "$T/outside/wd");

        assertTrue(out.contains("status: 0\nmounts: 0\nkeep\n"), out);
    }

    /**
     * Runs {@code setUp}, fakes a merge made by another tool at {@code $R/etc} (a tmpfs whose metadata names its own
     * device, with {@code workDir} in {@code work_dir}), runs {@code verb} on it and lists {@code watched}; returns
     * the output.
     */
    private String onForeignMerge(String verb, String setUp, String workDir, String watched) throws Exception {
        NamespaceScript.Result r = NamespaceScript.run(temp, NamespaceScript.fixture() + "\n" + String.join("\n",
                setUp,
                "mount -t tmpfs fake-merge $R/etc || exit 10",
                "mkdir $R/etc/.systemd-confext && mountpoint -d $R/etc > $R/etc/.systemd-confext/dev",
                "echo " + workDir + " > $R/etc/.systemd-confext/work_dir",
                "$EXEC $R " + verb + "; echo status: $?",
                "echo mounts: $(grep -c \" $R/etc \" /proc/self/mountinfo)",
                "ls " + watched), 60);
        return r.output();
    }
}
