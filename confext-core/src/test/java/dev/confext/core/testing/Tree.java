package dev.confext.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/** Builds a fixture tree below a directory; every path is relative to it (a leading {@code /} is allowed). */
public final class Tree {
    private final Path base;

    public Tree(Path base) {
        this.base = base;
    }

    public Path base() {
        return base;
    }

    public Path path(String relative) {
        String r = relative.startsWith("/") ? relative.substring(1) : relative;
        return r.isEmpty() ? base : base.resolve(r);
    }

    public Tree dir(String relative) throws IOException {
        Files.createDirectories(path(relative));
        return this;
    }

    public Tree file(String relative, String content) throws IOException {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public Tree file(String relative, byte[] content) throws IOException {
        Path p = path(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return this;
    }

    public Tree symlink(String relative, String target) throws IOException {
        Path p = path(relative);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        return this;
    }

    public Tree xattr(String relative, String name, String value) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path(relative),
                UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.write(name.replaceFirst("^user\\.", ""), ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** A confext directory image at {@code relative} whose release file is named after {@code releaseName}. */
    public Tree confext(String relative, String releaseName, String release) throws IOException {
        return file(relative + "/etc/extension-release.d/extension-release." + releaseName, release + "\n");
    }

    /** A sysext directory image at {@code relative} whose release file is named after {@code releaseName}. */
    public Tree sysext(String relative, String releaseName, String release) throws IOException {
        return file(relative + "/usr/lib/extension-release.d/extension-release." + releaseName, release + "\n");
    }
}
