package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageScanner;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.plan.Upper;
import dev.confext.mount.state.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on a small confext tree, one scenario per test, nothing mounted.
 *
 * <pre>
 * R/
 * ├── etc/                                  0755
 * │   ├── os-release                        ID=fakeos VERSION_ID=42
 * │   └── host.conf
 * ├── opt/ (sysext tests only)
 * └── var/lib/confexts/
 *     ├── alpha/etc/{alpha.conf, extension-release.d/extension-release.alpha}
 *     └── beta/etc/{beta.conf, extension-release.d/extension-release.beta}
 * </pre>
 */
class MergePlannerTest {
    @TempDir
    Path temp;
    Root root;

    @BeforeEach
    void tree() throws IOException {
        Path r = temp.resolve("root");
        write(r.resolve("etc/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        write(r.resolve("etc/host.conf"), "host\n");
        Files.setPosixFilePermissions(r.resolve("etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        confext(r, "alpha", "ID=fakeos\nVERSION_ID=42\n");
        confext(r, "beta", "ID=fakeos\nVERSION_ID=42\n");
        root = Root.of(r);
    }

    private static void confext(Path r, String name, String release) throws IOException {
        Path dir = r.resolve("var/lib/confexts/" + name);
        write(dir.resolve("etc/" + name + ".conf"), name + "\n");
        write(dir.resolve("etc/extension-release.d/extension-release." + name), release);
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private MergePlan plan(ExtensionKind kind, Operation op, MutableMode mode, Map<String, String> env, MountTable table)
            throws ConfextException {
        PlanRequest request = PlanRequest.of(kind, root, op)
                .withMutable(new MutableChoice(mode, MutableChoice.Source.COMMAND_LINE))
                .withOverlayOptions(PlanRequest.overlayOptions(kind, env));
        List<ImageCandidate> candidates = ImageValidation.validate(kind, root, HostRelease.read(root, kind, env),
                ImageScanner.of(kind, root).discover(), false, MergePlanner.currentOrigin(request, table));
        return MergePlanner.of(request).plan(candidates, table);
    }

    private MergePlan plan(MutableMode mode) throws ConfextException {
        return plan(ExtensionKind.CONFEXT, Operation.MERGE, mode, Map.of(), MountTable.empty());
    }

    private static Overlay etc(MergePlan plan) {
        return plan.hierarchy("/etc").orElseThrow().overlay().orElseThrow();
    }

    private static List<String> labels(Overlay o) {
        return o.layers().stream().map(Layer::label).toList();
    }

    @Test
    void plan_modeNo_readOnlyOverlayWithLastNameOnTop() throws ConfextException {
        MergePlan plan = plan(MutableMode.NO);
        Overlay o = etc(plan);
        assertEquals(List.of("meta", "extension:beta", "extension:alpha", "host:/etc"), labels(o));
        assertEquals(List.of("ro", "nosuid", "nodev", "noexec"), o.flags().words());
        assertEquals(Optional.empty(), o.upper());
        assertEquals("", o.extraOptions());
        assertEquals("alpha\nbeta\n", o.metadata().listFile());
        assertEquals(Optional.empty(), o.metadata().workDir());
        assertEquals(List.of("Using extensions 'alpha', 'beta'."), plan.messages());
        assertEquals(Decision.MERGE, plan.decision());
        assertEquals(PlanPath.inStaging("/confexts/beta/etc"), o.layers().get(1).path());
        assertEquals("lowerdir=/run/systemd/sysext/meta/etc:/run/systemd/sysext/confexts/beta/etc:"
                + "/run/systemd/sysext/confexts/alpha/etc:" + root.path() + "/etc",
                o.mountData(root.path(), Path.of("/run/systemd/sysext")));
    }

    @Test
    void plan_modeYes_createsMutableDirAsUpper() throws ConfextException {
        Overlay o = etc(plan(MutableMode.YES));
        Upper u = o.upper().orElseThrow();
        assertEquals(Upper.Kind.MUTABLE_DIR, u.kind());
        assertEquals(PlanPath.inRoot("/var/lib/extensions.mutable/etc"), u.path());
        assertEquals(PlanPath.inRoot("/var/lib/extensions.mutable/.systemd-etc-workdir"), u.workdir());
        assertTrue(u.create());
        assertEquals(0755, u.mode());
        assertEquals(List.of("rw", "nosuid", "nodev", "noexec", "noatime"), o.flags().words());
        assertEquals("redirect_dir=on,noatime,metacopy=off,index=off", o.extraOptions());
        assertEquals(Optional.of("var/lib/extensions.mutable/.systemd-etc-workdir\n"), o.metadata().workDir());
        assertTrue(o.mountData(root.path(), Path.of("/run/systemd/sysext"))
                .endsWith(",workdir=" + root.path() + "/var/lib/extensions.mutable/.systemd-etc-workdir,"
                        + "redirect_dir=on,metacopy=off,index=off"), "noatime is a flag, not overlay data");
        assertTrue(o.metadata().origin().contains("\"/etc\" : \"/var/lib/extensions.mutable/etc\""));
        assertFalse(Files.exists(root.hostPath("/var/lib/extensions.mutable")), "planning creates nothing");
    }

    @Test
    void plan_modeAuto_withoutMutableDir_readOnly() throws ConfextException {
        Overlay o = etc(plan(MutableMode.AUTO));
        assertEquals(Optional.empty(), o.upper());
        assertTrue(o.flags().readOnly());
        assertFalse(o.metadata().origin().contains("mutableDirs"));
    }

    @Test
    void plan_modeAuto_withMutableDir_usesItWithoutCreating() throws Exception {
        Files.createDirectories(root.hostPath("/var/lib/extensions.mutable/etc"));
        Files.setPosixFilePermissions(root.hostPath("/var/lib/extensions.mutable/etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Upper u = etc(plan(MutableMode.AUTO)).upper().orElseThrow();
        assertFalse(u.create());
        assertEquals(Upper.Kind.MUTABLE_DIR, u.kind());
    }

    @Test
    void plan_modeYes_mutableDirWithOtherMode_failsNamingBoth() throws Exception {
        Files.createDirectories(root.hostPath("/var/lib/extensions.mutable/etc"));
        Files.setPosixFilePermissions(root.hostPath("/var/lib/extensions.mutable/etc"), PosixFilePermissions.fromString("rwx------"));
        MountException e = assertThrows(MountException.class, () -> plan(MutableMode.YES));
        assertEquals("Mutable directory '" + root.hostPath("/var/lib/extensions.mutable/etc")
                + "' has mode 0700, ought to have mode 0755", e.getMessage());
    }

    @Test
    void plan_mutableDirLinksToHierarchy_hierarchyBecomesUpper() throws Exception {
        Files.createDirectories(root.hostPath("/var/lib/extensions.mutable"));
        Files.createSymbolicLink(root.hostPath("/var/lib/extensions.mutable/etc"), Path.of("../../../etc"));
        Overlay o = etc(plan(MutableMode.YES));
        assertEquals(List.of("meta", "extension:beta", "extension:alpha"), labels(o));
        Upper u = o.upper().orElseThrow();
        assertEquals(Upper.Kind.HOST, u.kind());
        assertEquals(PlanPath.inRoot("/etc"), u.path());
        assertEquals(PlanPath.inRoot("/.systemd-etc-workdir"), u.workdir());
        assertEquals(Optional.of(".systemd-etc-workdir\n"), o.metadata().workDir());
    }

    @Test
    void plan_modeImport_importsMutableDirBelowMeta() throws Exception {
        write(root.hostPath("/var/lib/extensions.mutable/etc/local.conf"), "x");
        Overlay o = etc(plan(MutableMode.IMPORT));
        assertEquals(List.of("meta", "mutable-dir:/var/lib/extensions.mutable/etc", "extension:beta", "extension:alpha",
                "host:/etc"), labels(o));
        assertTrue(o.flags().readOnly());
    }

    @Test
    void plan_importOfHierarchyItself_failsAfterAnnouncingTheExtensions() throws Exception {
        Files.createDirectories(root.hostPath("/var/lib/extensions.mutable"));
        Files.createSymbolicLink(root.hostPath("/var/lib/extensions.mutable/etc"), Path.of("/etc"));
        MountException e = assertThrows(MountException.class, () -> plan(MutableMode.IMPORT));
        assertEquals("Using extensions 'alpha', 'beta'.\n"
                + "Not importing mutable directory for hierarchy /etc as a lower dir, because it points to the "
                + "hierarchy itself", e.getMessage());
    }

    @Test
    void plan_modeEphemeral_upperInStaging() throws ConfextException {
        Overlay o = etc(plan(MutableMode.EPHEMERAL));
        Upper u = o.upper().orElseThrow();
        assertEquals(PlanPath.inStaging("/mh_workspace/etc/etc"), u.path());
        assertEquals(PlanPath.inStaging("/mh_workspace/etc/.systemd-etc-workdir"), u.workdir());
        assertFalse(u.persistent());
        assertEquals(Optional.empty(), o.metadata().workDir());
        assertTrue(o.metadata().origin().contains("\"/etc\" : \"/run/systemd/sysext/etc\""));
    }

    @Test
    void plan_modeEphemeralImport_importsAndWritesToStaging() throws Exception {
        write(root.hostPath("/var/lib/extensions.mutable/etc/local.conf"), "x");
        Overlay o = etc(plan(MutableMode.EPHEMERAL_IMPORT));
        assertEquals("mutable-dir:/var/lib/extensions.mutable/etc", labels(o).get(1));
        assertEquals(Upper.Kind.EPHEMERAL, o.upper().orElseThrow().kind());
    }

    @Test
    void plan_overlayOptionsVariableEmpty_appendsNothingEvenWhenMutable() throws ConfextException {
        Overlay o = etc(plan(ExtensionKind.CONFEXT, Operation.MERGE, MutableMode.YES,
                Map.of("SYSTEMD_CONFEXT_OVERLAYFS_MOUNT_OPTIONS", ""), MountTable.empty()));
        assertEquals("", o.extraOptions());
        assertFalse(o.flags().noatime());
        assertFalse(o.metadata().origin().contains("mountOptions"));
    }

    @Test
    void plan_overlayOptionsVariableSet_appendedInReadOnlyModeAndRecorded() throws ConfextException {
        Overlay o = etc(plan(ExtensionKind.CONFEXT, Operation.MERGE, MutableMode.NO,
                Map.of("SYSTEMD_CONFEXT_OVERLAYFS_MOUNT_OPTIONS", "xino=off"), MountTable.empty()));
        assertTrue(o.mountData(root.path(), Path.of("/run/systemd/sysext")).endsWith(",xino=off"));
        assertTrue(o.metadata().origin().contains("\"mountOptions\" : \"xino=off\""));
    }

    @Test
    void plan_sysextWithoutOpt_onlyUsrOverlaid() throws Exception {
        Path ext = root.hostPath("/var/lib/extensions/tool");
        write(ext.resolve("usr/bin/tool"), "#!/bin/sh\n");
        write(ext.resolve("usr/lib/extension-release.d/extension-release.tool"), "ID=fakeos\nVERSION_ID=42\n");
        write(root.hostPath("/usr/lib/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        MergePlan plan = plan(ExtensionKind.SYSEXT, Operation.MERGE, MutableMode.NO, Map.of(), MountTable.empty());
        assertEquals(List.of("ro", "nodev"), plan.hierarchy("/usr").orElseThrow().overlay().orElseThrow().flags().words());
        assertEquals(Decision.NOTHING, plan.hierarchy("/opt").orElseThrow().decision());
        MergePlan mutable = plan(ExtensionKind.SYSEXT, Operation.MERGE, MutableMode.YES, Map.of(), MountTable.empty());
        Overlay opt = mutable.hierarchy("/opt").orElseThrow().overlay().orElseThrow();
        assertEquals(List.of("meta"), labels(opt), "a missing /opt is not a layer");
        assertEquals(PlanPath.inRoot("/var/lib/extensions.mutable/opt"), opt.upper().orElseThrow().path());
    }

    /**
     * The host's hierarchy is a file where an extension ships a directory: systemd fails before any overlay is
     * built (nothing gets merged, not even /usr).
     * <pre>
     *   root/usr/lib/os-release                       ID=fakeos VERSION_ID=42
     *   root/opt                                      a regular file
     *   root/var/lib/extensions/tool/usr/bin/tool
     *   root/var/lib/extensions/tool/opt/tool/data
     *   root/var/lib/extensions/tool/usr/lib/extension-release.d/extension-release.tool
     * </pre>
     */
    @Test
    void plan_hostHierarchyIsAFile_failsBeforeAnyOverlayAsSystemd() throws Exception {
        Path ext = root.hostPath("/var/lib/extensions/tool");
        write(ext.resolve("usr/bin/tool"), "#!/bin/sh\n");
        write(ext.resolve("opt/tool/data"), "data\n");
        write(ext.resolve("usr/lib/extension-release.d/extension-release.tool"), "ID=fakeos\nVERSION_ID=42\n");
        write(root.hostPath("/usr/lib/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        write(root.hostPath("/opt"), "not a directory\n");
        MountException e = assertThrows(MountException.class,
                () -> plan(ExtensionKind.SYSEXT, Operation.MERGE, MutableMode.NO, Map.of(), MountTable.empty()));
        assertEquals("Using extensions 'tool'.\nFailed to check if host hierarchy '" + root.hostPath("/opt")
                + "' is empty: Not a directory", e.getMessage());
    }

    @Test
    void plan_sysextShipsOptAsFile_failsAfterAnnouncingTheExtensionsAsSystemd() throws Exception {
        Path ext = root.hostPath("/var/lib/extensions/optfile");
        write(ext.resolve("usr/lib/extension-release.d/extension-release.optfile"), "ID=fakeos\nVERSION_ID=42\n");
        write(ext.resolve("opt"), "not a directory\n");
        write(root.hostPath("/usr/lib/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        MountException e = assertThrows(MountException.class,
                () -> plan(ExtensionKind.SYSEXT, Operation.MERGE, MutableMode.NO, Map.of(), MountTable.empty()));
        assertEquals("Using extensions 'optfile'.\n"
                + "Failed to check if hierarchy '/run/systemd/sysext/extensions/optfile/opt' in extension "
                + "'/run/systemd/sysext/extensions/optfile' is empty: Not a directory", e.getMessage());
    }

    @Test
    void plan_sysextDirectoryWithOsRelease_failsWholeMerge() throws Exception {
        Path ext = root.hostPath("/var/lib/extensions/tree");
        write(ext.resolve("usr/lib/os-release"), "ID=fakeos\n");
        write(ext.resolve("usr/lib/extension-release.d/extension-release.tree"), "ID=fakeos\nVERSION_ID=42\n");
        write(root.hostPath("/usr/lib/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        MountException e = assertThrows(MountException.class,
                () -> plan(ExtensionKind.SYSEXT, Operation.MERGE, MutableMode.NO, Map.of(), MountTable.empty()));
        assertEquals("Failed to read metadata for image tree: No medium found", e.getMessage());
    }

    @Test
    void plan_noExtensions_modeNo_nothingToDo() throws Exception {
        deleteExtensions();
        MergePlan plan = plan(MutableMode.NO);
        assertEquals(Decision.NOTHING, plan.decision());
        assertEquals(List.of("No extensions found."), plan.messages());
        assertTrue(plan.steps().isEmpty());
    }

    @Test
    void plan_noExtensions_mutableMode_stillMountsWritableOverlay() throws Exception {
        deleteExtensions();
        MergePlan plan = plan(MutableMode.YES);
        assertEquals(List.of("No extensions found, proceeding in mutable mode."), plan.messages());
        assertEquals("", etc(plan).metadata().listFile());
        assertEquals(List.of("meta", "host:/etc"), labels(etc(plan)));
    }

    @Test
    void plan_incompatibleOnly_countsIgnored() throws Exception {
        deleteExtensions();
        confext(root.path(), "old", "ID=fakeos\nVERSION_ID=41\n");
        MergePlan plan = plan(MutableMode.NO);
        assertEquals(List.of("No suitable extensions found (1 ignored due to incompatible image(s))."), plan.messages());
        assertEquals(ImageVerdict.Status.REJECTED, plan.images().get(0).status());
    }

    @Test
    void plan_rawImage_pendingWithConditionalLayer() throws Exception {
        Files.write(root.hostPath("/var/lib/confexts/disk.raw"), new byte[4096]);
        MergePlan plan = plan(MutableMode.NO);
        assertEquals(ImageVerdict.Status.PENDING, plan.images().stream().filter(i -> i.name().equals("disk")).findFirst()
                .orElseThrow().status());
        Layer disk = etc(plan).layers().get(1);
        assertEquals("extension:disk", disk.label());
        assertTrue(disk.conditional());
    }

    @Test
    void plan_hierarchyIsAFileInDirectoryImage_imageIgnoredForLackOfReleaseData() throws Exception {
        // etc/ is a file, so no extension-release can be found in it: systemd ignores such a directory image
        Path beta = root.hostPath("/var/lib/confexts/beta");
        MergeFixtures.deleteTree(beta);
        write(beta.resolve("etc"), "not a directory");
        MergePlan plan = plan(MutableMode.NO);
        assertEquals(List.of("meta", "extension:alpha", "host:/etc"), labels(etc(plan)));
    }

    @Test
    void plan_sameStateTwice_equalPlans() throws ConfextException {
        assertEquals(plan(MutableMode.YES), plan(MutableMode.YES));
        assertEquals(plan(MutableMode.NO), plan(MutableMode.NO));
    }

    @Test
    void plan_mergeWhileMerged_failsWithEbusyMessage() throws Exception {
        MountTable table = FakeMerge.apply(plan(MutableMode.NO), root);
        MountException e = assertThrows(MountException.class,
                () -> plan(ExtensionKind.CONFEXT, Operation.MERGE, MutableMode.NO, Map.of(), table));
        assertEquals("Hierarchy '/etc' is already merged.", e.getMessage());
    }

    @Test
    void plan_refreshUnchanged_skipsWithoutSteps() throws Exception {
        MountTable table = FakeMerge.apply(plan(MutableMode.NO), root);
        MergePlan refresh = plan(ExtensionKind.CONFEXT, Operation.REFRESH, MutableMode.NO, Map.of(), table);
        assertEquals(Decision.SKIP, refresh.decision());
        assertEquals(SkipCheck.Status.UNCHANGED, refresh.skipCheck().status());
        assertTrue(refresh.steps().isEmpty());
    }

    @Test
    void plan_refreshAfterAddingExtension_refreshes() throws Exception {
        MountTable table = FakeMerge.apply(plan(MutableMode.NO), root);
        confext(root.path(), "gamma", "ID=fakeos\nVERSION_ID=42\n");
        MergePlan refresh = plan(ExtensionKind.CONFEXT, Operation.REFRESH, MutableMode.NO, Map.of(), table);
        assertEquals(SkipCheck.Status.CHANGED, refresh.skipCheck().status());
        HierarchyPlan etc = refresh.hierarchy("/etc").orElseThrow();
        assertEquals(Decision.REFRESH, etc.decision());
        assertEquals(List.of("meta", "extension:gamma", "extension:beta", "extension:alpha", "host:/etc"),
                labels(etc.overlay().orElseThrow()));
    }

    @Test
    void plan_refreshOtherMutableMode_refreshes() throws Exception {
        MountTable table = FakeMerge.apply(plan(MutableMode.NO), root);
        MergePlan refresh = plan(ExtensionKind.CONFEXT, Operation.REFRESH, MutableMode.EPHEMERAL, Map.of(), table);
        assertEquals(SkipCheck.Status.CHANGED, refresh.skipCheck().status());
    }

    @Test
    void plan_refreshWithNothingLeft_unmerges() throws Exception {
        MountTable table = FakeMerge.apply(plan(MutableMode.NO), root);
        deleteExtensions();
        MergePlan refresh = plan(ExtensionKind.CONFEXT, Operation.REFRESH, MutableMode.NO, Map.of(), table);
        assertEquals(Decision.UNMERGE, refresh.decision());
        assertEquals(Decision.UNMERGE, refresh.hierarchy("/etc").orElseThrow().decision());
    }

    @Test
    void escapePath_separatorsAndControlBytes() {
        assertEquals("/a\\,b\\:c\\\\d\\ne", Overlay.escapePath("/a,b:c\\d\ne"));
        assertEquals("/é", Overlay.escapePath("/é"));
    }

    private void deleteExtensions() throws IOException {
        MergeFixtures.deleteTree(root.hostPath("/var/lib/confexts"));
    }
}
