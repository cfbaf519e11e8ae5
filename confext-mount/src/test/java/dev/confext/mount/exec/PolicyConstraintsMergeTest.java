package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.mount.api.PlanTestEnvironment;
import dev.confext.mount.api.SampleDiskImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the executor checks the image policy's GPT-flag and file-system rules relative to dm-verity activation,
 * in a child mount namespace with {@code --fake-dm} (a {@link FakeVerityActivator} that hands out a read-only
 * loop device of the verified data, since this kernel has no device-mapper): the flags before activation, the
 * file system when the activated device is mounted, as upstream. Fixture:
 * <pre>
 *   R/etc/hostfile
 *   R/var/lib/confexts/testconf.raw         the shared signed repart DDI: root-x86-64 (erofs, GPT bit 59 grow-fs
 *                                           set), root-x86-64-verity (bit 60 read-only set), root-x86-64-verity-sig
 *   R/var/lib/confexts/sidecar.{raw, verity, roothash}   the shared bare erofs with its verity sidecars
 * </pre>
 */
class PolicyConstraintsMergeTest {
    private static final String SETUP = String.join("\n",
            "R=$T/r",
            "mkdir -p $R/etc $R/var/lib/confexts",
            "echo host > $R/etc/hostfile",
            "mounts() { echo mounts: $(grep -c \" $R/etc \" /proc/self/mountinfo); }");

    @TempDir
    Path temp;

    @BeforeEach
    void prepare() throws Exception {
        ExecTestEnvironment.requireMounting();
        SampleDiskImage.unpack(temp.resolve("testconf.raw"));
        Path sidecars = PlanTestEnvironment.shared().resolve("vectors/sidecar");
        for (String suffix : new String[] {".raw", ".verity", ".roothash"}) {
            Files.copy(sidecars.resolve("sidecar" + suffix), temp.resolve("sidecar" + suffix),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String run(String... lines) throws Exception {
        return NamespaceScript.run(temp, SETUP + "\n" + String.join("\n", lines), 120).output();
    }

    @Test
    void merge_diskImageGrowfsOffPolicy_refusedBeforeActivation() throws Exception {
        String out = run("cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed+growfs-off; echo exit=$?", "mounts");
        assertTrue(out.contains("Failed to read metadata for image testconf: Image does not match image policy:"
                + " partition root has the GPT 'growfs' flag on, but policy 'root=signed+growfs-off' requires it off"),
                out);
        assertFalse(out.contains("fake-dm: activate"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
    }

    @Test
    void merge_diskImageReadOnlyOnPolicy_checksTheVerityPartitionToo() throws Exception {
        String out = run("cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed+read-only-off; echo exit=$?", "mounts");
        assertTrue(out.contains("partition root-verity has the GPT 'read-only' flag on, but policy"
                + " 'root=signed+read-only-off' requires it off"), out);
        assertFalse(out.contains("fake-dm: activate"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
    }

    @Test
    void merge_diskImageGrowfsOnPolicy_isRefusedForTheVerityPartitionThatInheritsIt() throws Exception {
        String out = run("cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed+growfs-on; echo exit=$?", "mounts");
        assertTrue(out.contains("partition root-verity has the GPT 'growfs' flag off, but policy"
                + " 'root=signed+growfs-on' requires it on"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
    }

    @Test
    void merge_diskImageOtherFileSystemPinned_refusedAtMountAndTheDeviceReleased() throws Exception {
        String out = run("cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed+squashfs; echo exit=$?", "mounts");
        assertTrue(out.contains("fake-dm: activate signed " + SampleDiskImage.ROOT_HASH + "-verity"), out);
        assertTrue(out.contains("Invalid argument: partition root holds erofs, but policy 'root=signed+squashfs'"
                + " requires squashfs"), out);
        assertTrue(out.contains("fake-dm: release " + SampleDiskImage.ROOT_HASH + "-verity"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
    }

    @Test
    void merge_diskImageSameFileSystemPinned_mountsTheVerityDevice() throws Exception {
        String out = run("cp $T/testconf.raw $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=signed+erofs; echo exit=$?", "mounts");
        assertTrue(out.contains("outcome MERGED [testconf]"), out);
        assertTrue(out.contains("exit=0\nmounts: 1"), out);
    }

    @Test
    void merge_bareImageReadOnlyOnPolicy_refusedBeforeActivation() throws Exception {
        String out = run("cp $T/sidecar.raw $T/sidecar.verity $T/sidecar.roothash $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=verity+read-only-on; echo exit=$?", "mounts");
        assertTrue(out.contains("Failed to read metadata for image sidecar: Image does not match image policy:"
                + " partition root has the GPT 'read-only' flag off, but policy 'root=verity+read-only-on' requires it"
                + " on"), out);
        assertFalse(out.contains("fake-dm: activate"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
    }

    @Test
    void merge_bareImageOtherFileSystemPinned_refusedAtMount() throws Exception {
        String out = run("cp $T/sidecar.raw $T/sidecar.verity $T/sidecar.roothash $R/var/lib/confexts/",
                "$EXEC $R merge --fake-dm=trusting --policy=root=verity+ext4; echo exit=$?", "mounts");
        assertTrue(out.contains("Invalid argument: partition root holds erofs, but policy 'root=verity+ext4' requires"
                + " ext4"), out);
        assertTrue(out.contains("exit=1\nmounts: 0"), out);
        assertEquals(-1, out.indexOf("outcome MERGED"), out);
    }
}
