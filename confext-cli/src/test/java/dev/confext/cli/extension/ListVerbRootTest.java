package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.ExtensionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list} in-process over real trees, with the library's scanner and compatibility checks. */
class ListVerbRootTest {
    @TempDir
    Path root;

    private Captured run(ExtensionKind kind, String... args) {
        Captured c = new Captured();
        c.status = ExtensionCommand.run(kind, args, Map.of(), Verbs.standard(), c.out, c.err);
        return c;
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /*
     * root/
     *   etc/os-release                                    ID=fakeos VERSION_ID=42
     *   run/confexts/good/etc/extension-release.d/extension-release.good     ID=fakeos VERSION_ID=42
     *   var/lib/confexts/good/...                         shadowed by /run/confexts/good
     *   var/lib/confexts/other/etc/extension-release.d/extension-release.other   ID=otheros VERSION_ID=42
     *   var/lib/confexts/norelease/etc/hello              (no extension-release file)
     */
    private void makeRoot() throws IOException {
        write("etc/os-release", "ID=fakeos\nVERSION_ID=42\n");
        write("run/confexts/good/etc/extension-release.d/extension-release.good", "ID=fakeos\nVERSION_ID=42\n");
        write("var/lib/confexts/good/etc/extension-release.d/extension-release.good", "ID=fakeos\nVERSION_ID=1\n");
        write("var/lib/confexts/other/etc/extension-release.d/extension-release.other", "ID=otheros\nVERSION_ID=42\n");
        write("var/lib/confexts/norelease/etc/hello", "hi\n");
    }

    @Test
    void list_realTree_highestPriorityDirectoryWins() throws IOException {
        makeRoot();
        Captured c = run(ExtensionKind.CONFEXT, "--root=" + root, "--json=short", "list");
        assertEquals(0, c.status, c.err());
        assertTrue(c.out().contains("\"name\":\"good\",\"type\":\"directory\",\"path\":\"" + root + "/run/confexts/good\""),
                c.out());
        assertTrue(c.out().indexOf("\"good\"") < c.out().indexOf("\"norelease\""));
        assertTrue(c.out().indexOf("\"norelease\"") < c.out().indexOf("\"other\""));
    }

    @Test
    void listExplain_realTree_reasonPerImage() throws IOException {
        makeRoot();
        Captured c = run(ExtensionKind.CONFEXT, "--root=" + root, "--json=short", "--explain", "list");
        assertEquals(0, c.status, c.err());
        String out = c.out();
        assertTrue(out.matches("(?s).*\"name\":\"good\"[^}]*\"compatible\":true.*"), out);
        assertTrue(out.matches("(?s).*\"name\":\"other\"[^}]*\"compatible\":false,\"reason\":\"[^\"]*otheros[^\"]*\".*"), out);
        assertTrue(out.matches("(?s).*\"name\":\"norelease\"[^}]*\"compatible\":false.*"), out);
    }

    @Test
    void listExplain_force_acceptsEverything() throws IOException {
        makeRoot();
        Captured c = run(ExtensionKind.CONFEXT, "--root=" + root, "--json=short", "--explain", "--force", "list");
        assertEquals(0, c.status, c.err());
        assertTrue(!c.out().contains("\"compatible\":false"), c.out());
    }

    @Test
    void listExplain_noHostOsRelease_everyImageIncompatibleWithReason() throws IOException {
        makeRoot();
        Files.delete(root.resolve("etc/os-release"));
        Captured c = run(ExtensionKind.CONFEXT, "--root=" + root, "--json=short", "--explain", "list");
        assertEquals(0, c.status, c.err());
        assertTrue(c.out().matches("(?s).*\"name\":\"good\"[^}]*\"compatible\":false,\"reason\":\"[^\"]*os-release[^\"]*\".*"),
                c.out());
    }

    @Test
    void listExplain_sysextDirectoryWithOsRelease_refused() throws IOException {
        write("etc/os-release", "ID=fakeos\nVERSION_ID=42\n");
        write("var/lib/extensions/tree/usr/lib/extension-release.d/extension-release.tree", "ID=fakeos\nVERSION_ID=42\n");
        write("var/lib/extensions/tree/usr/lib/os-release", "ID=fakeos\n");
        Captured c = run(ExtensionKind.SYSEXT, "--root=" + root, "--explain", "list");
        assertEquals(0, c.status, c.err());
        assertTrue(c.out().contains("contains usr/lib/os-release"), c.out());
    }

    @Test
    void list_symlinkLoop_failsLikeSystemd() throws IOException {
        Files.createDirectories(root.resolve("var/lib/confexts"));
        Files.createSymbolicLink(root.resolve("var/lib/confexts/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("var/lib/confexts/b"), Path.of("a"));
        Captured c = run(ExtensionKind.CONFEXT, "--root=" + root, "list");
        assertEquals(1, c.status);
        assertEquals("Failed to discover images: Too many levels of symbolic links\n", c.err());
    }
}
