package dev.confext.core.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.TestEnvironment;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver against every row of spec §3.3 and the limits of §3.2, on the tree drawn in
 * {@link SysrootFixture} (R stands for {@code /sysroot}).
 */
class PathResolverTest {
    @TempDir
    Path temp;

    private Path r;
    private Root root;

    @BeforeEach
    void setUp() throws IOException {
        r = SysrootFixture.create(temp);
        root = Root.of(r);
    }

    private String resolve(String path, ResolveOption... options) throws ResolveException {
        return root.resolve(path, options).path();
    }

    private Errno failure(String path, ResolveOption... options) {
        return assertThrows(ResolveException.class, () -> root.resolve(path, options)).errno();
    }

    // --- §3.3, one test per row ---

    @Test
    void resolve_absoluteLink_restartsAtRoot() throws Exception {
        assertEquals("/store/a-1.raw", resolve("/var/lib/extensions/a.raw"));
        assertEquals(r.resolve("store/a-1.raw"), root.resolve("/var/lib/extensions/a.raw").hostPath());
    }

    @Test
    void resolve_relativeLink_resolvesFromLinkDirectory() throws Exception {
        assertEquals("/store/b.raw", resolve("/var/lib/extensions/b.raw"));
    }

    @Test
    void resolve_relativeLinkWithTooManyDotDots_clampsAtRoot() throws Exception {
        assertEquals("/store/c.raw", resolve("/var/lib/extensions/c.raw"));
    }

    @Test
    void resolve_linkChain_followsEveryLink() throws Exception {
        assertEquals("/store/d-dir", resolve("/var/lib/extensions/d"));
    }

    @Test
    void resolve_linkToLinkWithTrailingSlash_endsInDirectory() throws Exception {
        assertEquals("/var/lib/z", resolve("/var/lib/extensions/x"));
    }

    @Test
    void resolve_twoLinkLoop_failsWithEloopAfter129Steps() {
        PathResolver.Trace trace = new PathResolver.Trace();
        ResolveException e = assertThrows(ResolveException.class,
                () -> PathResolver.resolve(r, "/var/lib/extensions/l1", Set.of(), trace));
        assertEquals(Errno.ELOOP, e.errno());
        assertEquals(129, trace.steps());
    }

    @Test
    void resolve_selfLoop_failsWithEloop() {
        assertEquals(Errno.ELOOP, failure("/var/lib/extensions/self"));
    }

    @Test
    void resolve_danglingLink_failsWithEnoent() {
        assertEquals(Errno.ENOENT, failure("/var/lib/extensions/dangling.raw"));
    }

    @Test
    void resolve_linkToSlash_givesRoot() throws Exception {
        ResolvedPath p = root.resolve("/var/lib/extensions/toroot");
        assertEquals("/", p.path());
        assertEquals(r, p.hostPath());
    }

    @Test
    void resolve_absoluteLinkWithDotDots_givesRoot() throws Exception {
        assertEquals("/", resolve("/var/lib/extensions/abs"));
    }

    @Test
    void resolve_linkToDot_givesLinkDirectory() throws Exception {
        assertEquals("/var/lib/extensions", resolve("/var/lib/extensions/dot"));
    }

    @Test
    void resolve_linkToDotDot_givesParent() throws Exception {
        assertEquals("/var/lib", resolve("/var/lib/extensions/up"));
    }

    @Test
    void resolve_dotsAndDoubleSlashes_areDropped() throws Exception {
        assertEquals("/var/lib/extensions", resolve("/var/./lib//extensions/."));
    }

    @Test
    void resolve_trailingSlash_dropsSlashAndAcceptsDirectory() throws Exception {
        assertEquals("/var/lib/extensions", resolve("/var/lib/extensions/"));
    }

    @Test
    void resolve_trailingSlashOnFile_failsWithEnotdir() {
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/file/"));
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/file/."));
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/file/.."));
    }

    @Test
    void resolve_componentBelowFile_failsWithEnotdir() {
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/file/x"));
    }

    @Test
    void resolve_missingComponentFollowedByDotDot_failsWithEnoent() {
        assertEquals(Errno.ENOENT, failure("/var/lib/missing/../extensions"));
        assertEquals(Errno.ENOENT, failure("/var/lib/missing/../extensions", ResolveOption.NONEXISTENT));
        assertEquals(Errno.ENOENT, failure("/var/lib/missing/../extensions", ResolveOption.MKDIR));
        assertFalse(Files.exists(r.resolve("var/lib/missing")));
    }

    @Test
    void resolve_leadingDotDots_clampAtRoot() throws Exception {
        assertEquals("/var", resolve("/../../var"));
        assertEquals("/var", resolve("../../var"));
    }

    @Test
    void resolve_componentOf256Bytes_failsWithEinval() {
        assertEquals(Errno.EINVAL, failure("/var/" + "n".repeat(256)));
        assertEquals(Errno.EINVAL, failure("/var/" + "é".repeat(128)), "bytes, not characters, are counted");
    }

    @Test
    void resolve_componentOf255Bytes_isLookedUp() {
        assertEquals(Errno.ENOENT, failure("/var/" + "n".repeat(255)));
    }

    @Test
    void resolve_hostRoot_usesHostSemantics() throws Exception {
        // temp/etc/os-release -> ../usr/lib/os-release, resolved from the host's "/"
        Files.createDirectories(temp.resolve("usr/lib"));
        Files.writeString(temp.resolve("usr/lib/os-release"), "ID=test\n");
        Files.createDirectories(temp.resolve("etc"));
        SysrootFixture.link(temp.resolve("etc"), "os-release", "../usr/lib/os-release");
        Root host = Root.host();
        assertEquals(temp.resolve("usr/lib/os-release").toString(), host.resolve(temp + "/etc/os-release").path());
    }

    @Test
    void of_directoryThatIsSlash_meansHost() throws Exception {
        SysrootFixture.link(temp, "slash", "/");
        assertTrue(Root.of(temp.resolve("slash")).isHost());
        assertTrue(Root.of(Path.of("/")).isHost());
        assertFalse(root.isHost());
    }

    // --- §3.2 limits ---

    @Test
    void resolve_128PlainComponents_succeeds() throws Exception {
        Path deep = r;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            deep = deep.resolve("d");
            path.append("/d");
        }
        Files.createDirectories(deep);
        assertEquals(path.toString(), resolve(path.toString()));
    }

    @Test
    void resolve_129PlainComponents_failsWithEloop() throws Exception {
        Path deep = r;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 129; i++) {
            deep = deep.resolve("d");
            path.append("/d");
        }
        Files.createDirectories(deep);
        assertEquals(Errno.ELOOP, failure(path.toString()));
    }

    @Test
    void resolve_ignoredDotDotsAtRoot_countAsSteps() {
        assertEquals("/var", assertDoesNotThrow(() -> resolve("/..".repeat(127) + "/var")));
        assertEquals(Errno.ELOOP, failure("/..".repeat(128) + "/var"));
    }

    @Test
    void resolve_linkExpansions_countAsSteps() throws Exception {
        // chain/c0 -> c1 -> ... -> c125 (a regular file): 125 expansions
        Path chain = Files.createDirectory(r.resolve("chain"));
        int links = 125;
        for (int i = 0; i < links; i++) {
            SysrootFixture.link(chain, "c" + i, "c" + (i + 1));
        }
        Files.writeString(chain.resolve("c" + links), "end");
        // "chain" (1) + 125 expansions + "c125" (1) = 127 steps, end noticed at step 128: fine.
        PathResolver.Trace trace = new PathResolver.Trace();
        assertEquals("/chain/c125", PathResolver.resolve(r, "/chain/c0", Set.of(), trace).path());
        assertEquals(125, trace.links());
        assertEquals(128, trace.steps());
        // Two more components in front: 129 steps before the end is noticed.
        assertEquals(Errno.ELOOP, failure("/chain/../chain/c0"));
        assertEquals("/chain/c125", resolve("/./chain/c0"), "dots are skipped, not counted");
    }

    @Test
    void resolve_fortyOneLinks_areFineForTheResolver() throws Exception {
        Path chain = Files.createDirectory(r.resolve("chain"));
        for (int i = 0; i < 41; i++) {
            SysrootFixture.link(chain, "c" + i, "c" + (i + 1));
        }
        Files.writeString(chain.resolve("c41"), "end");
        assertEquals("/chain/c41", resolve("/chain/c0"));
    }

    @Test
    void resolve_specRows_sameWithoutDescriptors() throws Exception {
        String[] paths = {
            "/var/lib/extensions/a.raw", "/var/lib/extensions/b.raw", "/var/lib/extensions/c.raw",
            "/var/lib/extensions/d", "/var/lib/extensions/x", "/var/lib/extensions/l1", "/var/lib/extensions/self",
            "/var/lib/extensions/dangling.raw", "/var/lib/extensions/toroot", "/var/lib/extensions/abs",
            "/var/lib/extensions/dot", "/var/lib/extensions/up", "/var/./lib//extensions/.", "/var/lib/extensions/",
            "/var/lib/extensions/file/x", "/var/lib/missing/../extensions", "/../../var", "/var/" + "n".repeat(256),
            "/var/lib/extensions/file/..", "/var/lib/extensions/filelink/..",
        };
        for (String p : paths) {
            assertEquals(outcome(() -> PathResolver.resolve(r, p, Set.of(), new PathResolver.Trace())),
                    outcome(() -> PathResolver.resolveWithoutDescriptors(r, p, Set.of(), new PathResolver.Trace())), p);
        }
    }

    @Test
    void resolve_hostPathLongerThanPathMax_worksWithDescriptors() throws Exception {
        TestEnvironment.requireNative();
        // In-root text under 4096 bytes, but R's own prefix pushes the host path over PATH_MAX: systemd
        // walks by descriptors and does not mind; only the java.nio walker meets ENAMETOOLONG.
        String component = "q".repeat(100);
        StringBuilder in = new StringBuilder();
        while (in.length() + component.length() + 1 < 4000) {
            in.append('/').append(component);
        }
        String last = "l".repeat(4090 - in.length() - 1);
        in.append('/').append(last);
        assertTrue(r.toString().length() + in.length() > 4096);
        int depth = in.toString().split("/").length - 2;
        // A shell walks down with relative cd's, which PATH_MAX does not limit.
        Process mk = new ProcessBuilder("sh", "-c",
                "cd \"$1\" && i=0 && while [ $i -lt $2 ]; do mkdir $3 && cd $3 && i=$((i+1)); done && mkdir $4",
                "sh", r.toString(), Integer.toString(depth), component, last).redirectErrorStream(true).start();
        assertEquals(0, mk.waitFor(), new String(mk.getInputStream().readAllBytes()));
        try {
            assertEquals(in.toString(), resolve(in.toString()));
            assertEquals(Errno.ENAMETOOLONG, assertThrows(ResolveException.class,
                    () -> PathResolver.resolveWithoutDescriptors(r, in.toString(), Set.of(), new PathResolver.Trace())).errno());
        } finally {
            // JUnit's temp-dir cleanup cannot delete below PATH_MAX; rm walks relatively.
            new ProcessBuilder("rm", "-rf", "--", r.resolve(component).toString()).start().waitFor();
        }
    }

    private static String outcome(org.junit.jupiter.api.function.ThrowingSupplier<PathResolver.Result> call) {
        try {
            return call.get().toString();
        } catch (ResolveException e) {
            return e.errno().name();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    // --- options ---

    @Test
    void resolve_nofollow_keepsFinalLink() throws Exception {
        assertEquals("/var/lib/extensions/a.raw", resolve("/var/lib/extensions/a.raw", ResolveOption.NOFOLLOW));
        assertEquals("/var/lib/extensions/self", resolve("/var/lib/extensions/self", ResolveOption.NOFOLLOW));
    }

    @Test
    void resolve_nofollow_stillFollowsIntermediateLinks() throws Exception {
        assertEquals("/store/d-dir/x", resolve("/var/lib/extensions/e/x", ResolveOption.NOFOLLOW, ResolveOption.NONEXISTENT));
        assertEquals("/var/lib/extensions/d", resolve("/var/lib/extensions/up/extensions/d", ResolveOption.NOFOLLOW));
    }

    @Test
    void resolve_nofollowWithTrailingSlash_keepsLinkAndFailsAsNotDirectory() {
        // The last component is "e" (the trailing slash is no component), so the link is kept, and a link
        // is not a directory. (The kernel would follow it: trailing slashes force following.)
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/e/", ResolveOption.NOFOLLOW));
    }

    @Test
    void resolve_nonexistent_keepsMissingTailVerbatim() throws Exception {
        ResolvedPath p = root.resolve("/var/lib/nothing/here/./x", ResolveOption.NONEXISTENT);
        assertFalse(p.exists());
        assertEquals("/var/lib/nothing/here/./x", p.path());
        ResolvedPath viaLink = root.resolve("/var/lib/extensions/dangling.raw", ResolveOption.NONEXISTENT);
        assertEquals("/nope.raw", viaLink.path());
        assertFalse(viaLink.exists());
        assertTrue(root.resolve("/var/lib", ResolveOption.NONEXISTENT).exists());
    }

    @Test
    void resolve_mkdir_createsMissingDirectoriesWith0755() throws Exception {
        ResolvedPath p = root.resolve("/var/lib/extensions/e/new/deeper", ResolveOption.MKDIR);
        assertEquals("/store/d-dir/new/deeper", p.path());
        assertTrue(p.exists());
        Path created = r.resolve("store/d-dir/new/deeper");
        assertTrue(Files.isDirectory(created));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(created));
    }

    @Test
    void resolve_mkdirWithNonexistent_createsAllButTheLast() throws Exception {
        ResolvedPath p = root.resolve("/new/last", ResolveOption.MKDIR, ResolveOption.NONEXISTENT);
        assertEquals("/new/last", p.path());
        assertFalse(p.exists());
        assertTrue(Files.isDirectory(r.resolve("new")));
        assertFalse(Files.exists(r.resolve("new/last")));
    }

    @Test
    void resolve_directory_refusesFile() throws Exception {
        assertEquals(Errno.ENOTDIR, failure("/var/lib/extensions/file", ResolveOption.DIRECTORY));
        assertEquals("/store/d-dir", resolve("/var/lib/extensions/d", ResolveOption.DIRECTORY));
    }

    @Test
    void resolve_regular_refusesOtherTypes() throws Exception {
        assertEquals("/store/a-1.raw", resolve("/var/lib/extensions/a.raw", ResolveOption.REGULAR));
        assertEquals(Errno.EISDIR, failure("/var/lib/extensions/d", ResolveOption.REGULAR));
        assertEquals(Errno.ELOOP, failure("/var/lib/extensions/a.raw", ResolveOption.REGULAR, ResolveOption.NOFOLLOW));
        TestEnvironment.requireTool("mkfifo");
        Process p = new ProcessBuilder("mkfifo", r.resolve("fifo").toString()).start();
        assertEquals(0, p.waitFor());
        assertEquals(Errno.EBADFD, failure("/fifo", ResolveOption.REGULAR));
    }

    @Test
    void resolve_directoryAndRegular_failWithEbadslt() {
        assertEquals(Errno.EBADSLT, failure("/store/a-1.raw", ResolveOption.REGULAR, ResolveOption.DIRECTORY));
        assertEquals(Errno.EBADSLT, failure("/store/", ResolveOption.REGULAR));
    }

    @Test
    void resolve_emptyAndSlash_giveRoot() throws Exception {
        assertEquals("/", resolve(""));
        assertEquals("/", resolve("/"));
        assertEquals("/", resolve("."));
        assertEquals("/", resolve(".."));
    }

    @Test
    void resolve_missingRoot_failsWithEnoent() {
        Root missing = Root.of(temp.resolve("nope"));
        assertEquals(Errno.ENOENT, assertThrows(ResolveException.class, () -> missing.resolve("/x")).errno());
    }

    @Test
    void resolve_rootIsFile_failsWithEnotdir() {
        Root file = Root.of(r.resolve("file-at-top"));
        assertEquals(Errno.ENOTDIR, assertThrows(ResolveException.class, () -> file.resolve("/x")).errno());
    }

    @Test
    void resolve_nulInPath_failsWithEinval() {
        assertEquals(Errno.EINVAL, failure("/var\0/lib"));
    }

    @Test
    void resolve_options_areSetIndependent() throws Exception {
        assertEquals(resolve("/var/lib/extensions/a.raw"),
                PathResolver.resolve(r, "var/lib/extensions/a.raw", EnumSet.noneOf(ResolveOption.class)).path());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> supplier) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(supplier);
    }
}
