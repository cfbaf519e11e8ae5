package dev.confext.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.confext.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confext} run in-process over {@link HostileTree} (drawn there): whatever the verb, nothing it
 * prints names or quotes the sentinel outside the root, every path it reports lies inside the root, and
 * failures are one clear line with an exit status, never a stack trace.
 */
class HostileRootCliTest {
    @TempDir
    Path base;

    record Run(int status, String out, String err) {}

    private static Run confext(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run("confext", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertClean(HostileTree t, Run run) {
        for (String text : List.of(run.out(), run.err())) {
            assertFalse(text.contains(HostileTree.MARKER), text);
            assertFalse(text.contains(HostileTree.SENTINEL_ID), text);
            assertFalse(text.contains(HostileTree.SENTINEL_ROOT_HASH), text);
            assertFalse(text.contains(t.sentinel.toString()), text);
        }
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    /** Every string value of a JSON document (or of a sequence of them), by field name. */
    private static List<String[]> strings(String json) throws IOException {
        List<String[]> values = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            String field = "";
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (token == JsonToken.VALUE_STRING) {
                    values.add(new String[] {field, p.getText()});
                }
            }
        }
        return values;
    }

    @Test
    void listJson_hostileRoot_pathsInsideRootOnly() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "--json=short", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
        Map<String, String> paths = new TreeMap<>();
        String name = null;
        for (String[] v : strings(run.out())) {
            if (v[0].equals("name")) {
                name = v[1];
            } else if (v[0].equals("path")) {
                assertTrue(Path.of(v[1]).normalize().startsWith(t.root), v[1]);
                paths.put(name, t.root.relativize(Path.of(v[1])).toString());
            }
        }
        assertEquals(Map.of("climb", "host-sentinel/ext", "img", "var/lib/confexts/img", "side",
                "var/lib/confexts/side.raw", "slash", ""), paths);
    }

    @Test
    void listTable_hostileRoot_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
        assertTrue(run.out().contains(t.root + "/host-sentinel/ext"), run.out());
    }

    @Test
    void listExplain_hostileRoot_decoyDecidesNeverTheSentinel() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "--json=short", "--explain", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
        assertTrue(run.out().matches("(?s).*\"name\":\"climb\"[^}]*\"compatible\":true.*"), run.out());
        assertTrue(run.out().matches("(?s).*\"name\":\"img\"[^}]*\"compatible\":false.*"), run.out());
        for (String[] v : strings(run.out())) {
            if (v[0].equals("path")) {
                assertTrue(Path.of(v[1]).normalize().startsWith(t.root), v[1]);
            }
        }
    }

    @Test
    void listExplainText_hostileRoot_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "--explain", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
    }

    @Test
    void planJson_hostileRoot_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "--json=short", "plan");

        assertClean(t, run);
        assertEquals(0, run.status(), run.err());
        for (String[] v : strings(run.out())) {
            if (v[1].startsWith(t.base.toString())) {
                assertTrue(Path.of(v[1]).normalize().startsWith(t.root), v[0] + "=" + v[1]);
            }
        }
    }

    /**
     * {@code VeritySidecar.rootHash} reads {@code side.roothash} inside the root (upstream reads it with host
     * semantics), so a sidecar linked outside the root cannot put the sentinel's root hash into the plan
     * (images[].identity.verityHash and the origin).
     */
    @Test
    void planJson_sidecarsLinkedOut_rootHashNotReadFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);
        t.linkSidecarsOut();

        Run run = confext("--root=" + t.root, "--json=short", "plan");

        assertClean(t, run);
    }

    @Test
    void listExplain_sidecarsLinkedOut_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);
        t.linkSidecarsOut();

        Run run = confext("--root=" + t.root, "--json=short", "--explain", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
    }

    @Test
    void planText_hostileRoot_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "plan");

        assertClean(t, run);
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void status_hostileRoot_nothingFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);

        Run run = confext("--root=" + t.root, "--json=short", "status");

        assertClean(t, run);
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void list_searchDirectoryLoop_oneLineErrorAndFailure() throws Exception {
        HostileTree t = HostileTree.create(base);
        Files.createSymbolicLink(t.root.resolve("var/lib/confexts/loop"), Path.of("loop"));

        Run run = confext("--root=" + t.root, "list");

        assertClean(t, run);
        assertTrue(run.status() != 0, run.out());
        assertTrue(run.err().contains("Too many levels of symbolic links"), run.err());
    }

    @Test
    void plan_osReleaseOnlyOutside_failsWithoutReadingIt() throws Exception {
        HostileTree t = HostileTree.create(base);
        Files.delete(t.root.resolve("host-sentinel/etc/os-release"));

        Run run = confext("--root=" + t.root, "plan");

        assertClean(t, run);
        assertTrue(run.status() != 0, run.out());
        assertTrue(run.err().contains("Failed to acquire 'os-release' data of OS tree"), run.err());
    }

    /**
     * {@code MutableLayout.checkMode} stats the mutable directory inside the root (upstream stats
     * {@code root + /var/lib/extensions.mutable/etc} with host semantics, quirk 12), so a mutable directory
     * linked outside the root never reports the mode of a directory outside it. The absolute link is
     * re-rooted, so the planned upper directory is the in-root path {@code /<S>/mutable/etc}: its text is the
     * sentinel's host path, which is why this test checks the plan's wording instead of {@link #assertClean}'s
     * "no sentinel path" rule.
     *
     * <pre>
     * S/mutable/etc/                       mode 0700
     * R/var/lib/extensions.mutable -> S/mutable
     * </pre>
     */
    @Test
    void planMutableYes_mutableDirectoryLinkedOut_noModeFromOutside() throws Exception {
        HostileTree t = HostileTree.create(base);
        Path outside = Files.createDirectories(t.sentinel.resolve("mutable/etc"));
        Files.setPosixFilePermissions(outside, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        t.link("var/lib/extensions.mutable", t.s("mutable"));

        Run run = confext("--root=" + t.root, "--mutable=yes", "plan");

        assertEquals(0, run.status(), run.err());
        for (String text : List.of(run.out(), run.err())) {
            assertFalse(text.contains(HostileTree.MARKER), text);
            assertFalse(text.contains(HostileTree.SENTINEL_ID), text);
            assertFalse(text.contains("has mode 0700"), text);
        }
        assertFalse(run.err().contains("0700"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        // re-rooted: nothing exists at the in-root path yet, so it is to be created with /etc's mode
        assertTrue(run.out().contains("upper: mutable-dir " + t.s("mutable/etc") + " (created, mode 0755)"), run.out());
    }
}
