package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bin/confext} and {@code bin/sysext} launchers running the packaged jar. */
class LaunchersIT {
    @TempDir
    Path root;

    @Test
    void sysext_version_namesTheTool() throws Exception {
        Tool.Result r = Tool.run("sysext", "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("sysext "), r.out());
    }

    @Test
    void confext_unknownVerb_exitOneWithMessage() throws Exception {
        Tool.Result r = Tool.run("confext", "frobnicate");
        assertEquals(1, r.status());
        assertEquals("Unknown command verb 'frobnicate'.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void confext_badOption_exitOneWithGetoptMessage() throws Exception {
        Tool.Result r = Tool.run("confext", "--nope");
        assertEquals(1, r.status());
        assertEquals("confext: unrecognized option '--nope'\n", r.err());
    }

    /*
     * root/
     *   etc/os-release               ID=fakeos VERSION_ID=42
     *   var/lib/confexts/alpha/etc/extension-release.d/extension-release.alpha
     *   var/lib/confexts/beta.raw     (a regular file: listed as raw without reading it)
     */
    private void makeRoot() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        Path release = root.resolve("var/lib/confexts/alpha/etc/extension-release.d/extension-release.alpha");
        Files.createDirectories(release.getParent());
        Files.writeString(release, "ID=fakeos\nVERSION_ID=42\n");
        Path raw = root.resolve("var/lib/confexts/beta.raw");
        Files.write(raw, new byte[4096]);
        Files.setLastModifiedTime(raw, FileTime.from(Instant.ofEpochSecond(1_700_000_000L)));
    }

    @Test
    void confext_listJsonShort_systemdDocument() throws Exception {
        makeRoot();
        Tool.Result r = Tool.run("confext", "--root=" + root, "list", "--json=short");
        assertEquals(0, r.status(), r.err());
        String alphaTime = r.out().replaceAll("(?s).*\"alpha\".*?\"time\":(\\d+).*", "$1");
        assertEquals("[{\"name\":\"alpha\",\"type\":\"directory\",\"path\":\"" + root + "/var/lib/confexts/alpha\",\"time\":"
                + alphaTime + "},{\"name\":\"beta\",\"type\":\"raw\",\"path\":\"" + root
                + "/var/lib/confexts/beta.raw\",\"time\":1700000000000000}]\n", r.out());
    }

    @Test
    void confext_listTable_headerAndRows() throws Exception {
        makeRoot();
        Tool.Result r = Tool.run("confext", "list", "--root", root.toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].matches("NAME +TYPE +PATH +TIME"), lines[0]);
        assertTrue(lines[1].startsWith("alpha directory " + root + "/var/lib/confexts/alpha "), lines[1]);
        assertTrue(lines[2].startsWith("beta  raw       " + root + "/var/lib/confexts/beta.raw "), lines[2]);
    }

    @Test
    void confext_listEmptyRoot_infoMessage() throws Exception {
        Tool.Result r = Tool.run("confext", "--root=" + root, "list");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("No OS extensions found.\n", r.err());
    }

    @Test
    void confext_listSymlinkLoop_discoveryFails() throws Exception {
        Files.createDirectories(root.resolve("run/confexts"));
        Files.createSymbolicLink(root.resolve("run/confexts/loop"), Path.of("loop"));
        Tool.Result r = Tool.run("confext", "--root=" + root, "list");
        assertEquals(1, r.status());
        assertEquals("Failed to discover images: Too many levels of symbolic links\n", r.err());
    }

    @Test
    void confext_listExplain_saysWhy() throws Exception {
        makeRoot();
        Path release = root.resolve("var/lib/confexts/old/etc/extension-release.d/extension-release.old");
        Files.createDirectories(release.getParent());
        Files.writeString(release, "ID=fakeos\nVERSION_ID=41\n");
        Tool.Result r = Tool.run("confext", "--root=" + root, "list", "--explain", "--json=short");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"name\":\"alpha\""), r.out());
        assertTrue(r.out().matches("(?s).*\"name\":\"alpha\"[^}]*\"compatible\":true.*"), r.out());
        // beta.raw holds only zeros: systemd cannot dissect it, so merge would fail on it.
        assertTrue(r.out().matches("(?s).*\"name\":\"beta\"[^}]*\"compatible\":false,\"reason\":\"[^\"]*Package not installed[^\"]*\".*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\"name\":\"old\"[^}]*\"compatible\":false,\"reason\":\"[^\"]*41[^\"]*\".*"), r.out());
    }
}
