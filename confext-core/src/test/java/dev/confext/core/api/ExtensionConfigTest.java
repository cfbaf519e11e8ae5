package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.testing.Tree;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §1.5 configuration files inside a root R:
 * <pre>
 *   R/{etc,run,usr/local/lib,usr/lib}/systemd/confext.conf      first existing is the main file
 *   R/{etc,run,usr/local/lib,usr/lib}/systemd/confext.conf.d/*.conf
 * </pre>
 */
class ExtensionConfigTest {
    @TempDir
    Path temp;
    private Tree tree;
    private Root root;

    @BeforeEach
    void setUp() {
        tree = new Tree(temp);
        root = Root.of(temp);
    }

    private ExtensionConfig read() {
        return ExtensionConfig.read(root, ExtensionKind.CONFEXT);
    }

    @Test
    void read_nothing_empty() {
        assertEquals(new ExtensionConfig(Optional.empty(), Optional.empty(), List.of()), read());
    }

    /**
     * <pre>
     *   T/missing/     (does not exist; the root)
     * </pre>
     */
    @Test
    void read_rootMissing_warnsAsUpstreamAndIsEmpty() {
        Path missing = temp.resolve("missing");
        ExtensionConfig config = ExtensionConfig.read(Root.of(missing), ExtensionKind.SYSEXT);
        assertEquals(new ExtensionConfig(Optional.empty(), Optional.empty(), List.of(
                "Failed to open root directory '" + missing + "': No such file or directory",
                "Failed to parse sysext config file, ignoring: No such file or directory")), config);
    }

    /**
     * <pre>
     *   etc/systemd/confext.conf/                (a directory)
     *   usr/lib/systemd/confext.conf             [ConfExt] / Mutable=yes
     * </pre>
     */
    @Test
    void read_mainFileIsADirectory_dropsEverything() throws Exception {
        tree.dir("/etc/systemd/confext.conf").file("/usr/lib/systemd/confext.conf", "[ConfExt]\nMutable=yes\n");
        assertEquals(new ExtensionConfig(Optional.empty(), Optional.empty(), List.of(
                "Failed to open /etc/systemd/confext.conf: Is a directory",
                "Failed to parse confext config file, ignoring: Is a directory")), read());
    }

    /**
     * <pre>
     *   usr/lib/systemd/confext.conf.d           a regular file, not a directory
     *   run/systemd/confext.conf.d/x.conf/       (a directory)
     *   usr/lib/systemd/confext.conf             [ConfExt] / Mutable=yes
     * </pre>
     */
    @Test
    void read_dropInIsADirectory_dropsEverythingAfterWarningAboutTheDropInFile() throws Exception {
        tree.file("/usr/lib/systemd/confext.conf.d", "x").dir("/run/systemd/confext.conf.d/x.conf")
                .file("/usr/lib/systemd/confext.conf", "[ConfExt]\nMutable=yes\n");
        assertEquals(new ExtensionConfig(Optional.empty(), Optional.empty(), List.of(
                "Failed to chase and open directory '/usr/lib//systemd/confext.conf.d', ignoring: Not a directory",
                "Failed to open run/systemd/confext.conf.d/x.conf: Is a directory",
                "Failed to parse confext config file, ignoring: Is a directory")), read());
    }

    /**
     * <pre>
     *   etc/systemd/confext.conf -> /nonexistent   (dangling: as if absent)
     *   usr/lib/systemd/confext.conf               [ConfExt] / Mutable=bogus
     * </pre>
     */
    @Test
    void read_danglingMainLinkAndBadMutable_nextMainFileWarns() throws Exception {
        tree.symlink("/etc/systemd/confext.conf", "/nonexistent")
                .file("/usr/lib/systemd/confext.conf", "[ConfExt]\nMutable=bogus\n");
        assertEquals(List.of("/usr/lib/systemd/confext.conf:2: Failed to parse Mutable=bogus, ignoring: Invalid argument"),
                read().warnings());
    }

    @Test
    void read_conformanceCase_dropInOverridesAndUnknownSectionWarns() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nMutable=import\n\n[SysExt]\nMutable=ephemeral\n")
                .file("/etc/systemd/confext.conf.d/50-yes.conf", "[ConfExt]\nMutable=yes\n");
        ExtensionConfig config = read();
        assertEquals(Optional.of(MutableMode.YES), config.mutable());
        assertEquals(List.of("/etc/systemd/confext.conf:4: Unknown section 'SysExt'. Ignoring."), config.warnings());
    }

    @Test
    void read_warningsInDropIns_nameThemRelativeToTheRoot() throws Exception {
        // systemd 262 names a main file /etc/..., a drop-in etc/... (as its drop-in lookup returns them)
        tree.file("/usr/lib/systemd/confext.conf", "[Bogus3]\n")
                .file("/etc/systemd/confext.conf.d/10-x.conf", "[Bogus]\n")
                .file("/usr/lib/systemd/confext.conf.d/20-y.conf", "[Bogus2]\n");
        assertEquals(List.of("/usr/lib/systemd/confext.conf:1: Unknown section 'Bogus3'. Ignoring.",
                "etc/systemd/confext.conf.d/10-x.conf:1: Unknown section 'Bogus'. Ignoring.",
                "usr/lib/systemd/confext.conf.d/20-y.conf:1: Unknown section 'Bogus2'. Ignoring."), read().warnings());
    }

    @Test
    void read_onlyFirstExistingMainFile() throws Exception {
        tree.file("/usr/lib/systemd/confext.conf", "[ConfExt]\nMutable=yes\n")
                .file("/run/systemd/confext.conf", "[ConfExt]\n# nothing\n");
        assertEquals(Optional.empty(), read().mutable());
    }

    @Test
    void read_dropInsHiddenByNameAndSortedLexically() throws Exception {
        tree.file("/usr/lib/systemd/confext.conf.d/10-a.conf", "[ConfExt]\nMutable=auto\n")
                .file("/etc/systemd/confext.conf.d/10-a.conf", "[ConfExt]\nMutable=import\n")
                .file("/usr/lib/systemd/confext.conf.d/20-b.conf", "[ConfExt]\nMutable=ephemeral\n")
                .file("/run/systemd/confext.conf.d/05-c.conf", "[ConfExt]\nMutable=no\n")
                .file("/run/systemd/confext.conf.d/99-z.txt", "[ConfExt]\nMutable=yes\n");
        assertEquals(Optional.of(MutableMode.EPHEMERAL), read().mutable());
        tree.symlink("/etc/systemd/confext.conf.d/20-b.conf", "/dev/null");
        assertEquals(Optional.of(MutableMode.IMPORT), read().mutable());
    }

    /**
     * <pre>
     *   etc/systemd/confext.conf.d/10-a.conf -> 10-a.conf      (a loop: skipped, the name stays free)
     *   etc/systemd/confext.conf.d/20-b.conf -> /ff/x          (/ff is a file: skipped)
     *   run/systemd/confext.conf.d/10-a.conf                   [ConfExt] / Mutable=ephemeral
     *   ff                                                     a regular file
     * </pre>
     */
    @Test
    void read_dropInThatCannotBeFollowed_skippedWithWarningAndLaterDirectoryTakesTheName() throws Exception {
        tree.symlink("/etc/systemd/confext.conf.d/10-a.conf", "10-a.conf")
                .symlink("/etc/systemd/confext.conf.d/20-b.conf", "/ff/x").file("/ff", "x")
                .file("/run/systemd/confext.conf.d/10-a.conf", "[ConfExt]\nMutable=ephemeral\n");
        assertEquals(new ExtensionConfig(Optional.of(MutableMode.EPHEMERAL), Optional.empty(), List.of(
                "Failed to chase '/etc//systemd/confext.conf.d/10-a.conf': Too many levels of symbolic links",
                "Failed to chase '/etc//systemd/confext.conf.d/20-b.conf': Not a directory")), read());
    }

    @Test
    void read_symlinksResolvedInsideRoot() throws Exception {
        tree.file("/srv/conf", "[ConfExt]\nMutable=ephemeral-import\n").symlink("/etc/systemd/confext.conf", "/srv/conf");
        assertEquals(Optional.of(MutableMode.EPHEMERAL_IMPORT), read().mutable());
    }

    @Test
    void read_imagePolicyLenient() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nImagePolicy=root=verity+bogus:nonsense=open\n");
        ImagePolicy policy = read().imagePolicy().orElseThrow();
        assertTrue(policy.allows(PartitionDesignator.ROOT, PolicyFlag.VERITY));
        assertTrue(!policy.allows(PartitionDesignator.ROOT, PolicyFlag.UNPROTECTED));
    }

    @Test
    void read_brokenImagePolicy_dropsEverything() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nMutable=yes\nImagePolicy=root=open:root=open\n");
        ExtensionConfig config = read();
        assertEquals(Optional.empty(), config.mutable());
        assertEquals(Optional.empty(), config.imagePolicy());
        assertEquals(List.of(
                "/etc/systemd/confext.conf:3: Duplicate rule in image policy, refusing: root=open:root=open",
                "/etc/systemd/confext.conf:3: Failed to parse file: Name not unique on network",
                "Failed to parse confext config file, ignoring: Name not unique on network"), config.warnings());
    }

    /**
     * <pre>
     *   etc/systemd/sysext.conf     [SysExt] / ImagePolicy=bogus   (no '=')
     * </pre>
     */
    @Test
    void read_unparsableImagePolicy_warnsAsUpstream() throws Exception {
        tree.file("/etc/systemd/sysext.conf", "[SysExt]\nImagePolicy=bogus\n");
        ExtensionConfig config = ExtensionConfig.read(root, ExtensionKind.SYSEXT);
        assertEquals(List.of(
                "/etc/systemd/sysext.conf:2: Failed to parse image policy, refusing: bogus",
                "/etc/systemd/sysext.conf:2: Failed to parse file: Invalid argument",
                "Failed to parse sysext config file, ignoring: Invalid argument"), config.warnings());
    }

    /**
     * <pre>
     *   etc/systemd/confext.conf    [ConfExt] / # \xff / Mutable=yes   (invalid UTF-8 in a comment only)
     * </pre>
     */
    @Test
    void read_invalidUtf8InComment_ignored() throws Exception {
        tree.file("/etc/systemd/confext.conf", new byte[] {'[', 'C', 'o', 'n', 'f', 'E', 'x', 't', ']', '\n', '#', ' ',
                (byte) 0xff, '\n', 'M', 'u', 't', 'a', 'b', 'l', 'e', '=', 'y', 'e', 's', '\n'});
        ExtensionConfig config = read();
        assertEquals(Optional.of(MutableMode.YES), config.mutable());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void read_invalidMutableAndUnknownKey_warnAndIgnore() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nMutable=sometimes\nFoo=bar\n");
        ExtensionConfig config = read();
        assertEquals(Optional.empty(), config.mutable());
        assertEquals(2, config.warnings().size());
        assertTrue(config.warnings().get(1).contains("Unknown key name 'Foo' in section 'ConfExt'"));
    }

    @Test
    void read_booleanMutableAndEmptyResets() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nMutable=on\n")
                .file("/etc/systemd/confext.conf.d/x.conf", "[ConfExt]\nImagePolicy=\n");
        assertEquals(Optional.of(MutableMode.YES), read().mutable());
        assertEquals(Optional.empty(), read().imagePolicy());
    }

    @Test
    void read_sysextSection() throws Exception {
        tree.file("/etc/systemd/sysext.conf", "[SysExt]\nMutable=auto\n[ConfExt]\nMutable=yes\n");
        ExtensionConfig config = ExtensionConfig.read(root, ExtensionKind.SYSEXT);
        assertEquals(Optional.of(MutableMode.AUTO), config.mutable());
        assertEquals(List.of("/etc/systemd/sysext.conf:3: Unknown section 'ConfExt'. Ignoring."), config.warnings());
    }

    @Test
    void read_brokenSectionHeader_dropsEverything() throws Exception {
        tree.file("/etc/systemd/confext.conf", "[ConfExt]\nMutable=yes\n[Broken\n");
        ExtensionConfig config = read();
        assertEquals(Optional.empty(), config.mutable());
        assertEquals(List.of("/etc/systemd/confext.conf:3: Invalid section header '[Broken'",
                "/etc/systemd/confext.conf:3: Failed to parse file: Bad message",
                "Failed to parse confext config file, ignoring: Bad message"), config.warnings());
    }

    @Test
    void read_binaryGarbage_dropsEverythingWithWarning() throws Exception {
        tree.file("/etc/systemd/confext.conf", new byte[] {'[', (byte) 0xff, ']'});
        ExtensionConfig config = read();
        assertEquals(Optional.empty(), config.mutable());
        assertEquals(List.of(
                "/etc/systemd/confext.conf:1: String is not UTF-8 clean, ignoring assignment: [\ufffd]",
                "/etc/systemd/confext.conf:1: Failed to parse file: Invalid argument",
                "Failed to parse confext config file, ignoring: Invalid argument"), config.warnings());
    }
}
