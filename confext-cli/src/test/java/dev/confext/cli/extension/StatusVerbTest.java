package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.cli.output.SystemdTimestamp;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} on unmerged trees (merged ones need a mount; see {@code StatusReportTest} in confext-mount).
 *
 * <pre>
 * R/
 * ├── etc/
 * └── usr/        (no opt/)
 * </pre>
 */
class StatusVerbTest {
    @TempDir
    Path temp;

    private Captured run(ExtensionKind kind, JsonMode json, boolean legend, Map<String, String> env) throws IOException {
        Path r = temp.resolve("root");
        Files.createDirectories(r.resolve("etc"));
        Files.createDirectories(r.resolve("usr"));
        ExtensionOptions options = new ExtensionOptions(kind, Root.of(r), true, json, legend, false, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, env);
        Captured c = new Captured();
        c.status = new StatusVerb(SystemdTimestamp.in(ZoneId.of("UTC"))).run(options, c.out, c.err);
        return c;
    }

    @Test
    void run_notMerged_jsonShortHasEmptyArray() throws IOException {
        Captured c = run(ExtensionKind.CONFEXT, JsonMode.SHORT, true, Map.of());
        assertEquals(0, c.status);
        assertEquals("[{\"hierarchy\":\"/etc\",\"extensions\":[],\"since\":null}]\n", c.out());
        assertEquals("", c.err());
    }

    @Test
    void run_notMerged_tableSaysNone() throws IOException {
        Captured c = run(ExtensionKind.CONFEXT, JsonMode.OFF, true, Map.of());
        assertEquals("HIERARCHY EXTENSIONS SINCE\n/etc      none       -\n", c.out());
    }

    @Test
    void run_noLegend_headerLeftOut() throws IOException {
        Captured c = run(ExtensionKind.CONFEXT, JsonMode.OFF, false, Map.of());
        assertEquals("/etc none -\n", c.out());
    }

    @Test
    void run_missingHierarchy_noRow() throws IOException {
        Captured c = run(ExtensionKind.SYSEXT, JsonMode.SHORT, true, Map.of());
        assertEquals("[{\"hierarchy\":\"/usr\",\"extensions\":[],\"since\":null}]\n", c.out());
    }

    @Test
    void run_hierarchiesVariable_rowsSortedByPath() throws IOException {
        Captured c = run(ExtensionKind.SYSEXT, JsonMode.SHORT, true, Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "/usr:/etc"));
        assertEquals("[{\"hierarchy\":\"/etc\",\"extensions\":[],\"since\":null},"
                + "{\"hierarchy\":\"/usr\",\"extensions\":[],\"since\":null}]\n", c.out());
    }

    @Test
    void run_badHierarchiesVariable_fails() throws IOException {
        Captured c = run(ExtensionKind.SYSEXT, JsonMode.SHORT, true, Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "usr"));
        assertEquals(1, c.status);
        assertEquals("", c.out());
    }
}
