package dev.confext.core.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tree of spec §3.3 under a temporary directory standing for {@code /sysroot}:
 *
 * <pre>
 * R/
 * ├── file-at-top                      (regular file)
 * ├── store/
 * │   ├── a-1.raw                      (regular file)
 * │   ├── b.raw                        (regular file)
 * │   ├── c.raw                        (regular file)
 * │   └── d-dir/                       (directory)
 * └── var/
 *     └── lib/
 *         ├── y -> z/
 *         ├── z/                       (directory)
 *         └── extensions/
 *             ├── a.raw -> /store/a-1.raw
 *             ├── b.raw -> ../../../store/b.raw
 *             ├── c.raw -> ../../../../../../store/c.raw
 *             ├── d -> e
 *             ├── e -> /store/d-dir
 *             ├── x -> ../y
 *             ├── l1 -> l2
 *             ├── l2 -> l1
 *             ├── self -> self
 *             ├── dangling.raw -> /nope.raw
 *             ├── toroot -> /
 *             ├── abs -> /../../..
 *             ├── dot -> .
 *             ├── up -> ..
 *             ├── file                 (regular file)
 *             └── filelink -> file
 * </pre>
 */
final class SysrootFixture {
    private SysrootFixture() {}

    static Path create(Path parent) throws IOException {
        Path r = Files.createDirectory(parent.resolve("sysroot"));
        Files.writeString(r.resolve("file-at-top"), "top");
        Path store = Files.createDirectories(r.resolve("store"));
        Files.writeString(store.resolve("a-1.raw"), "a");
        Files.writeString(store.resolve("b.raw"), "b");
        Files.writeString(store.resolve("c.raw"), "c");
        Files.createDirectory(store.resolve("d-dir"));
        Path lib = Files.createDirectories(r.resolve("var/lib"));
        linkVerbatim(lib, "y", "z/");
        Files.createDirectory(lib.resolve("z"));
        Path ext = Files.createDirectory(lib.resolve("extensions"));
        link(ext, "a.raw", "/store/a-1.raw");
        link(ext, "b.raw", "../../../store/b.raw");
        link(ext, "c.raw", "../../../../../../store/c.raw");
        link(ext, "d", "e");
        link(ext, "e", "/store/d-dir");
        link(ext, "x", "../y");
        link(ext, "l1", "l2");
        link(ext, "l2", "l1");
        link(ext, "self", "self");
        link(ext, "dangling.raw", "/nope.raw");
        link(ext, "toroot", "/");
        link(ext, "abs", "/../../..");
        link(ext, "dot", ".");
        link(ext, "up", "..");
        Files.writeString(ext.resolve("file"), "f");
        link(ext, "filelink", "file");
        return r;
    }

    static void link(Path dir, String name, String target) throws IOException {
        Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }

    /** A link whose target keeps its exact text (java.nio would drop a trailing slash). */
    static void linkVerbatim(Path dir, String name, String target) throws IOException {
        try {
            Process p = new ProcessBuilder("ln", "-s", "--", target, dir.resolve(name).toString())
                    .redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IOException("ln -s failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
