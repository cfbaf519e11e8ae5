package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/confext merge --image-policy=...} on real images whose file system type, GPT attribute bits or
 * encryption break or meet the policy (or {@code $SYSTEMD_DISSECT_FILE_SYSTEMS}), each scenario in a child process under
 * {@code unshare -m --propagation private} against a temporary root. Fixture (built by {@link #fixture}):
 * <pre>
 *   r/etc/os-release                 ID=fakeos
 *   r/var/lib/confexts/foo.raw       the scenario's image, copied from one of:
 *   img/sq.raw, img/ero.raw, img/e4.raw   squashfs / erofs / ext4 of src: etc/foo.conf "from foo",
 *                                         etc/extension-release.d/extension-release.foo ID=_any
 *   img/ddi.raw                      GPT (sgdisk): 1 root-ARCH holding sq.raw, attributes off
 *   img/ddi-ro.raw, img/ddi-gr.raw   the same with bit 60 (read-only) / bit 59 (grow-fs) set
 *   img/ddi-home.raw                 GPT: 1 root-ARCH (sq.raw), 2 home (e4.raw)
 *   img/luks.raw                     a LUKS2 volume made by cryptsetup luksFormat on a plain file
 *   img/ddi-luks.raw                 GPT: 1 root-ARCH holding that LUKS volume
 * </pre>
 */
class ImagePolicyConstraintsIT {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "mksquashfs", "mkfs.erofs", "mkfs.ext4", "sgdisk", "cryptsetup");
    }

    /** The root partition type of this machine's architecture, as the DDIs here need it. */
    private static String rootType() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String type = switch (arch) {
            case "amd64", "x86_64" -> "4f68bce3-e8cd-4db1-96e7-fbcaf984b709";
            case "aarch64", "arm64" -> "b921b045-1df0-41c3-af44-4c6f280d3fae";
            default -> null;
        };
        assumeTrue(type != null, "no root partition type known here for architecture " + arch);
        return type;
    }

    /** Shell lines that build the images of the class comment and define {@code use IMAGE} and {@code $C}. */
    static String fixture(String rootType) {
        return String.join("\n",
                "mkdir -p $T/r/etc $T/r/var/lib/confexts $T/src/etc/extension-release.d $T/img || exit 90",
                "echo ID=fakeos > $T/r/etc/os-release",
                "echo ID=_any > $T/src/etc/extension-release.d/extension-release.foo",
                "echo from foo > $T/src/etc/foo.conf",
                "mksquashfs $T/src $T/img/sq.raw -quiet -noappend >/dev/null || exit 91",
                "mkfs.erofs --quiet $T/img/ero.raw $T/src || exit 92",
                "mkfs.ext4 -q -d $T/src $T/img/e4.raw 4M || exit 93",
                "printf passphrase > $T/key",
                "truncate -s 20M $T/img/luks.raw",
                "cryptsetup luksFormat -q --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000"
                        + " --key-file $T/key $T/img/luks.raw >/dev/null 2>&1 || exit 94",
                // ddi OUT SIZE_MIB TYPE FSIMAGE [TYPE FSIMAGE]: one 8 MiB partition per pair, the image copied in
                "ddi() { out=$1; truncate -s $2M $out; shift 2; n=1;"
                        + " while [ $# -gt 1 ]; do sgdisk -n $n:0:+8M -t $n:$1 $out >/dev/null 2>&1 || exit 95;"
                        + " first=$(sgdisk -i $n $out | sed -n 's/^First sector: \\([0-9]*\\).*/\\1/p');"
                        + " dd if=$2 of=$out bs=512 seek=$first conv=notrunc status=none || exit 96;"
                        + " n=$((n+1)); shift 2; done; }",
                "ddi $T/img/ddi.raw 12 " + rootType + " $T/img/sq.raw",
                "cp $T/img/ddi.raw $T/img/ddi-ro.raw && sgdisk -A 1:set:60 $T/img/ddi-ro.raw >/dev/null || exit 97",
                "cp $T/img/ddi.raw $T/img/ddi-gr.raw && sgdisk -A 1:set:59 $T/img/ddi-gr.raw >/dev/null || exit 97",
                "ddi $T/img/ddi-home.raw 20 " + rootType + " $T/img/sq.raw 933ac7e1-2eb4-4f13-b844-0e14e2aef915"
                        + " $T/img/e4.raw",
                "truncate -s 32M $T/img/ddi-luks.raw && sgdisk -n 1:2048:+24M -t 1:" + rootType
                        + " $T/img/ddi-luks.raw >/dev/null 2>&1 || exit 98",
                "dd if=$T/img/luks.raw of=$T/img/ddi-luks.raw bs=512 seek=2048 conv=notrunc status=none || exit 98",
                "use() { rm -f $T/r/var/lib/confexts/*; cp $T/img/$1 $T/r/var/lib/confexts/foo.raw; }",
                "C=\"$B/confext --no-pager --root=$T/r\"",
                // merge with a policy, print the exit status and whether the file arrived, then unmerge
                "tryw() { use $2; $1 --image-policy=\"$3\" merge; echo \"$2 [$3] exit=$?\";"
                        + " [ -e $T/r/etc/foo.conf ] && echo merged || echo not-merged; $1 unmerge >/dev/null 2>&1; }",
                "try() { tryw \"$C\" \"$@\"; }");
    }

    private String run(String... lines) throws Exception {
        return new PrivateNamespaceShell(temp).run(fixture(rootType()) + "\n" + String.join("\n", lines));
    }

    private static void assertMerged(String out, String image, String policy) {
        assertTrue(out.contains(image + " [" + policy + "] exit=0\nmerged\n"), out);
    }

    private static void assertRefused(String out, String image, String policy, String message) {
        assertTrue(out.contains("Failed to read metadata for image foo: " + message + "\n" + image + " [" + policy
                + "] exit=1\nnot-merged\n"), out);
    }

    @Test
    void merge_verityErofsPolicyOnUnprotectedSquashfs_isRefused() throws Exception {
        String out = run("try sq.raw root=verity+erofs");
        assertTrue(out.contains("Image policy 'root=verity+erofs' requires a protected"), out);
        assertTrue(out.contains("sq.raw [root=verity+erofs] exit=1\nnot-merged\n"), out);
    }

    @Test
    void merge_unprotectedSquashfsPolicyOnSquashfs_merges() throws Exception {
        assertMerged(run("try sq.raw root=unprotected+squashfs"), "sq.raw", "root=unprotected+squashfs");
    }

    @Test
    void merge_singleFileSystemPolicyOnAnotherFileSystem_isRefusedBeforeMounting() throws Exception {
        String out = run("try sq.raw root=unprotected+erofs",
                "echo loops=$(losetup -j $T/r/var/lib/confexts/foo.raw | wc -l)");
        assertRefused(out, "sq.raw", "root=unprotected+erofs",
                "Invalid argument: partition root holds squashfs, but policy 'root=unprotected+erofs' requires erofs");
        assertTrue(out.endsWith("loops=0\n"), out);
    }

    @Test
    void merge_singleFileSystemPolicy_takesThatFileSystemOnBareImagesAndPartitions() throws Exception {
        String out = run("try ero.raw root=erofs", "try e4.raw root=ext4", "try ddi.raw root=squashfs",
                "try ddi.raw root=erofs");
        assertMerged(out, "ero.raw", "root=erofs");
        assertMerged(out, "e4.raw", "root=ext4");
        assertMerged(out, "ddi.raw", "root=squashfs");
        assertRefused(out, "ddi.raw", "root=erofs",
                "Invalid argument: partition root holds squashfs, but policy 'root=erofs' requires erofs");
    }

    @Test
    void merge_severalFileSystemsPolicy_constrainsNothingAsUpstream() throws Exception {
        assertMerged(run("try sq.raw root=erofs+ext4"), "sq.raw", "root=erofs+ext4");
    }

    @Test
    void merge_readOnlyOnPolicy_refusesAPartitionWithoutTheFlagAndTakesOneWithIt() throws Exception {
        String out = run("try ddi.raw root=read-only-on", "try ddi-ro.raw root=read-only-on",
                "try ddi-ro.raw root=read-only-off");
        assertRefused(out, "ddi.raw", "root=read-only-on", "Image does not match image policy: partition root has"
                + " the GPT 'read-only' flag off, but policy 'root=read-only-on' requires it on");
        assertMerged(out, "ddi-ro.raw", "root=read-only-on");
        assertRefused(out, "ddi-ro.raw", "root=read-only-off", "Image does not match image policy: partition root"
                + " has the GPT 'read-only' flag on, but policy 'root=read-only-off' requires it off");
    }

    @Test
    void merge_growfsPolicies_followTheGrowFileSystemBit() throws Exception {
        String out = run("try ddi-gr.raw root=growfs-off", "try ddi-gr.raw root=growfs-on",
                "try ddi.raw root=growfs-on");
        assertRefused(out, "ddi-gr.raw", "root=growfs-off", "Image does not match image policy: partition root has"
                + " the GPT 'growfs' flag on, but policy 'root=growfs-off' requires it off");
        assertMerged(out, "ddi-gr.raw", "root=growfs-on");
        assertTrue(out.contains("ddi.raw [root=growfs-on] exit=1\nnot-merged\n"), out);
    }

    @Test
    void merge_bareImage_countsAsHavingNoGptFlags() throws Exception {
        String out = run("try sq.raw root=read-only-on", "try sq.raw root=read-only-off+growfs-off");
        assertRefused(out, "sq.raw", "root=read-only-on", "Image does not match image policy: partition root has"
                + " the GPT 'read-only' flag off, but policy 'root=read-only-on' requires it on");
        assertMerged(out, "sq.raw", "root=read-only-off+growfs-off");
    }

    @Test
    void merge_absentOnlyPartitionPresent_isRefused() throws Exception {
        String out = run("try ddi-home.raw root=open:home=absent", "try ddi-home.raw root=open");
        assertRefused(out, "ddi-home.raw", "root=open:home=absent", "Image does not match image policy: partition"
                + " home exists, but policy 'root=open:home=absent' requires it to be absent");
        assertMerged(out, "ddi-home.raw", "root=open");
    }

    /**
     * A bare sysext image is the root partition for the policy, as upstream dissects it: a {@code usr} rule that
     * allows it unprotected does not stand in for a {@code root} rule that does not. Extra fixture:
     * <pre>
     *   r/usr/share/                         the hierarchy
     *   r/var/lib/extensions/bar.raw         erofs of: usr/share/bar/file "bar",
     *                                        usr/lib/extension-release.d/extension-release.bar ID=_any
     * </pre>
     */
    @Test
    void merge_sysextBareImageWithUsrRuleOnlyAllowingUnprotected_isRefusedByTheRootRule() throws Exception {
        String out = run("mkdir -p $T/r/usr/share $T/r/var/lib/extensions $T/s/usr/share/bar"
                        + " $T/s/usr/lib/extension-release.d",
                "echo ID=_any > $T/s/usr/lib/extension-release.d/extension-release.bar",
                "echo bar > $T/s/usr/share/bar/file",
                "mkfs.erofs --quiet $T/r/var/lib/extensions/bar.raw $T/s || exit 92",
                "S=\"$B/sysext --no-pager --root=$T/r\"",
                "for p in root=verity:usr=unprotected root=signed:usr=unprotected+absent root=unprotected:usr=verity;"
                        + " do $S --image-policy=$p merge; echo \"[$p] exit=$?\";"
                        + " [ -e $T/r/usr/share/bar/file ] && echo merged || echo not-merged; $S unmerge >/dev/null; done");
        assertTrue(out.contains("[root=verity:usr=unprotected] exit=1\nnot-merged\n"), out);
        assertTrue(out.contains("[root=signed:usr=unprotected+absent] exit=1\nnot-merged\n"), out);
        assertTrue(out.contains("[root=unprotected:usr=verity] exit=0\nmerged\n"), out);
    }

    @Test
    void merge_luksVolume_isRefusedSayingWhy() throws Exception {
        String out = run("use luks.raw", "$C merge; echo exit=$?", "try luks.raw root=unprotected");
        assertTrue(out.contains("Failed to read metadata for image foo: Required key not available: partition root"
                + " is encrypted (LUKS), and encrypted partitions are not supported (no LUKS unlocking)\nexit=1\n"), out);
        assertRefused(out, "luks.raw", "root=unprotected", "Image does not match image policy: partition root is"
                + " encrypted (LUKS), but policy 'root=unprotected' does not allow 'encrypted' for it");
    }

    @Test
    void merge_luksRootPartition_isRefusedSayingWhy() throws Exception {
        String out = run("use ddi-luks.raw", "$C merge; echo exit=$?", "try ddi-luks.raw root=encrypted",
                "try ddi-luks.raw root=unprotected");
        assertTrue(out.contains("Required key not available: partition root is encrypted (LUKS), and encrypted"
                + " partitions are not supported (no LUKS unlocking)\nexit=1\n"), out);
        assertRefused(out, "ddi-luks.raw", "root=encrypted", "Required key not available: partition root is"
                + " encrypted (LUKS), and encrypted partitions are not supported (no LUKS unlocking)");
        assertRefused(out, "ddi-luks.raw", "root=unprotected", "Image does not match image policy: partition root is"
                + " encrypted (LUKS), but policy 'root=unprotected' does not allow 'encrypted' for it");
    }

    @Test
    void merge_fileSystemAllowlistFromTheEnvironment_refusesUnlistedTypes() throws Exception {
        String out = run("export SYSTEMD_DISSECT_FILE_SYSTEMS=erofs", "try sq.raw root=open", "try ddi.raw root=open",
                "try ero.raw root=open", "export SYSTEMD_DISSECT_FILE_SYSTEMS=erofs:squashfs", "try ddi.raw root=open");
        assertRefused(out, "sq.raw", "root=open",
                "Package not installed (file system squashfs is not in $SYSTEMD_DISSECT_FILE_SYSTEMS)");
        assertRefused(out, "ddi.raw", "root=open", "Address family not supported by protocol (file system squashfs"
                + " of partition root is not in $SYSTEMD_DISSECT_FILE_SYSTEMS)");
        assertMerged(out, "ero.raw", "root=open");
        assertMerged(out, "ddi.raw", "root=open");
    }

    /**
     * With {@code CONFEXT_UPSTREAM_SYSEXT} naming an upstream {@code systemd-sysext} (v262), every scenario of
     * this class gives the same exit status and the same merged-or-not result with both tools.
     */
    @Test
    void merge_everyScenario_sameOutcomeAsUpstream() throws Exception {
        String configured = System.getenv("CONFEXT_UPSTREAM_SYSEXT");
        assumeTrue(configured != null && !configured.isEmpty(),
                "CONFEXT_UPSTREAM_SYSEXT does not name an upstream systemd-sysext binary");
        Path upstream = Path.of(configured).toAbsolutePath();
        assumeTrue(Files.isExecutable(upstream), "CONFEXT_UPSTREAM_SYSEXT=" + configured + " is not executable");
        String[] scenarios = {
            "sq.raw root=verity+erofs", "sq.raw root=unprotected+squashfs", "sq.raw root=unprotected+erofs",
            "ero.raw root=erofs", "e4.raw root=ext4", "sq.raw root=erofs+ext4", "sq.raw root=read-only-on",
            "sq.raw root=read-only-off+growfs-off", "sq.raw root=growfs-on", "sq.raw root=absent", "sq.raw -",
            "ddi.raw root=read-only-on", "ddi-ro.raw root=read-only-on", "ddi-ro.raw root=read-only-off",
            "ddi-gr.raw root=growfs-off", "ddi-gr.raw root=growfs-on", "ddi.raw root=erofs", "ddi.raw root=squashfs",
            "ddi-home.raw root=open:home=absent", "ddi-home.raw =open", "ddi-home.raw =read-only-on",
            "ddi.raw root=open:usr=unprotected", "ddi.raw root=verity", "luks.raw root=open",
            "luks.raw root=unprotected", "ddi-luks.raw root=open", "ddi-luks.raw root=unprotected",
            "SYSTEMD_DISSECT_FILE_SYSTEMS=erofs sq.raw root=open", "SYSTEMD_DISSECT_FILE_SYSTEMS=erofs ddi.raw root=open",
            "SYSTEMD_DISSECT_FILE_SYSTEMS=erofs:squashfs ddi.raw root=open",
            "SYSTEMD_DISSECT_FILE_SYSTEMS=ext4 e4.raw root=open"};
        StringBuilder lines = new StringBuilder("ln -s " + upstream + " $T/systemd-confext\n"
                + "U=\"$T/systemd-confext --no-pager --root=$T/r\"\n");
        for (String s : scenarios) {
            String environment = s.startsWith("SYSTEMD_") ? s.substring(0, s.indexOf(' ')) : "";
            String[] parts = s.substring(environment.length()).trim().split(" ", 2);
            for (String tool : new String[] {"$C", "$U"}) {
                if (!environment.isEmpty()) {
                    lines.append("export ").append(environment).append('\n');
                }
                lines.append("tryw \"").append(tool).append("\" ").append(parts[0]).append(" '").append(parts[1])
                        .append("' 2>/dev/null | tail -2 | tr '\\n' ' '; echo\n");
                if (!environment.isEmpty()) {
                    lines.append("unset ").append(environment, 0, environment.indexOf('=')).append('\n');
                }
            }
        }
        UpstreamTranscript.assertOursMatchUpstream(run(lines.toString()), scenarios.length);
    }
}
