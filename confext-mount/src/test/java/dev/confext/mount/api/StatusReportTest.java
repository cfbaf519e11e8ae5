package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import dev.confext.mount.state.MountEntry;
import dev.confext.mount.state.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} data against fake mount tables (no mounting).
 *
 * <pre>
 * R/
 * ├── etc/.systemd-confext/{dev, confexts}   dev = the device of R/etc
 * └── usr/
 * </pre>
 */
class StatusReportTest {
    @TempDir
    Path temp;

    private Root merged(String devText) throws Exception {
        Path r = temp.resolve("root");
        Path meta = r.resolve("etc/.systemd-confext");
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("dev"), devText);
        Files.writeString(meta.resolve("confexts"), "alpha\nbeta\n");
        return Root.of(r);
    }

    private static String devOf(Path p) throws Exception {
        long dev = ((Number) Files.getAttribute(p, "unix:dev")).longValue();
        return (((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L)) + ":" + ((dev & 0xff) | ((dev >>> 12) & 0xffffff00L)) + "\n";
    }

    private static MountTable mountedAt(Path p) {
        return new MountTable(List.of(new MountEntry(5, 1, 0, 50, "/", p.toString(), List.of("ro"), List.of(), "overlay",
                "confext", "ro,lowerdir=/x")));
    }

    @Test
    void read_ours_listsExtensionsAndHostMtime() throws Exception {
        Path etc = temp.resolve("root/etc");
        Files.createDirectories(etc);
        Root root = merged(devOf(etc));
        StatusReport report = StatusReport.read(ExtensionKind.CONFEXT, root, List.of("/etc"), mountedAt(etc));
        HierarchyStatus row = report.rows().get(0);
        assertTrue(row.merged());
        assertEquals(List.of("alpha", "beta"), row.extensions());
        // quirk: the host's /etc is stat-ed, not the one inside the root
        assertEquals(OptionalLong.of(Files.getLastModifiedTime(Path.of("/etc")).to(java.util.concurrent.TimeUnit.MICROSECONDS)),
                row.sinceUsec());
        assertEquals(List.of(), report.errors());
    }

    @Test
    void read_notAMountPoint_notOurs() throws Exception {
        Path etc = temp.resolve("root/etc");
        Files.createDirectories(etc);
        Root root = merged(devOf(etc));
        StatusReport report = StatusReport.read(ExtensionKind.CONFEXT, root, List.of("/etc"), MountTable.empty());
        assertEquals(List.of(new HierarchyStatus("/etc", false, List.of(), OptionalLong.empty())), report.rows());
    }

    @Test
    void read_otherDevice_offlineCopyNotOurs() throws Exception {
        Path etc = temp.resolve("root/etc");
        Files.createDirectories(etc);
        Root root = merged("4095:1048575\n");
        StatusReport report = StatusReport.read(ExtensionKind.CONFEXT, root, List.of("/etc"), mountedAt(etc));
        assertEquals(false, report.rows().get(0).merged());
    }

    @Test
    void read_unparsableDev_errorAndNoRow() throws Exception {
        Path etc = temp.resolve("root/etc");
        Files.createDirectories(etc);
        Root root = merged("garbage\n");
        StatusReport report = StatusReport.read(ExtensionKind.CONFEXT, root, List.of("/etc"), mountedAt(etc));
        assertEquals(List.of(), report.rows());
        assertTrue(report.errors().get(0).startsWith("Failed to parse device major/minor"), report.errors().toString());
    }

    @Test
    void read_missingHierarchy_noRow() throws Exception {
        Path etc = temp.resolve("root/etc");
        Files.createDirectories(etc);
        StatusReport report = StatusReport.read(ExtensionKind.SYSEXT, Root.of(temp.resolve("root")), List.of("/usr", "/opt"),
                MountTable.empty());
        assertEquals(List.of(), report.rows());
    }
}
