package dev.confext.mount.origin;

import dev.confext.core.api.Errno;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.state.InRootFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The dm-verity root hash of a raw image that is known without opening it (spec §8.1): the
 * {@code user.verity.roothash} xattr, else the {@code <image>.roothash} sidecar, else the same for the
 * {@code usr} hash. Sidecars are looked up next to the resolved image and read inside the image's root:
 * a sidecar that is a symlink is followed inside the root only (an absolute target starts again at the
 * root), so nothing outside the root is ever read, and the read goes through a descriptor with a size
 * bound. Stateless.
 */
public final class VeritySidecar {
    /** Upstream reads one line of at most this many bytes. */
    static final int MAX_SIDECAR_BYTES = 1024 * 1024;

    private VeritySidecar() {}

    /**
     * The root (or usr) hash of the image at {@code image}, lowercase hex.
     *
     * @param image the resolved image inside its root (sidecars sit next to the target of a symlink)
     * @throws InvalidRootHashException when a hash is present but malformed or shorter than 16 bytes, or a
     *                                  sidecar exists but cannot be read (not a regular file, too large, ...)
     */
    public static Optional<String> rootHash(ResolvedPath image) throws InvalidRootHashException {
        return designatedRootHash(image).map(DesignatedHash::hex);
    }

    /**
     * A root hash and the partition it protects: {@code root} (from {@code user.verity.roothash} or
     * {@code .roothash}) or {@code usr} (from {@code user.verity.usrhash} or {@code .usrhash}).
     *
     * @param designator {@code root} or {@code usr}
     * @param hex        the hash, lowercase hex
     */
    public record DesignatedHash(String designator, String hex) {}

    /**
     * As {@link #rootHash(ResolvedPath)}, saying also which partition the hash is for.
     *
     * @throws InvalidRootHashException as {@link #rootHash(ResolvedPath)}
     */
    public static Optional<DesignatedHash> designatedRootHash(ResolvedPath image) throws InvalidRootHashException {
        for (String designator : new String[] {"root", "usr"}) {
            Optional<String> fromXattr = xattr(image, "verity." + designator + "hash");
            if (fromXattr.isPresent()) {
                return Optional.of(new DesignatedHash(designator, parse(fromXattr.get(),
                        image + " (xattr user.verity." + designator + "hash)")));
            }
            Optional<String> sidecar = siblingPath(image, "." + designator + "hash");
            if (sidecar.isEmpty()) {
                continue;
            }
            Path shown = image.root().hostPath(sidecar.get());
            Optional<byte[]> content;
            try {
                content = InRootFiles.read(image.root(), sidecar.get(), MAX_SIDECAR_BYTES);
            } catch (IOException e) {
                throw new InvalidRootHashException("Failed to read " + shown + ": " + e.getMessage());
            }
            if (content.isPresent()) {
                String text = new String(content.get(), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                return Optional.of(new DesignatedHash(designator, parse(nl < 0 ? text : text.substring(0, nl),
                        shown.toString())));
            }
        }
        return Optional.empty();
    }

    /**
     * The root (or usr) hash of an image known only by a host path. Without a root to confine them to,
     * sidecars are confined to the image's own directory: a sidecar symlink is followed only as far as that
     * directory (an absolute target starts again there, {@code ..} stops there), so it cannot reach a file
     * elsewhere. Prefer {@link #rootHash(ResolvedPath)}, which confines to the image's root instead.
     *
     * @param image the resolved image path (sidecars sit next to the target of a symlink)
     * @throws InvalidRootHashException as {@link #rootHash(ResolvedPath)}
     */
    public static Optional<String> rootHash(Path image) throws InvalidRootHashException {
        Optional<ResolvedPath> confined = confinedToDirectory(image);
        return confined.isPresent() ? rootHash(confined.get()) : Optional.empty();
    }

    /**
     * Where a sidecar of {@code image} with {@code suffix} (e.g. {@code ".verity"}, {@code ".roothash.p7s"})
     * is, resolved inside the image's root; empty when the image name does not end in {@code .raw} or the
     * sidecar does not exist inside the root (a link aimed outside, re-rooted, usually leads nowhere).
     *
     * @throws InvalidRootHashException when the sidecar cannot be resolved for another reason (a loop, ...)
     */
    public static Optional<ResolvedPath> sidecar(ResolvedPath image, String suffix) throws InvalidRootHashException {
        Optional<String> path = siblingPath(image, suffix);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(image.root().resolve(path.get()));
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new InvalidRootHashException("Failed to resolve " + image.root().hostPath(path.get()) + ": "
                    + e.errno().text());
        }
    }

    /** {@code /d/NAME.raw} → {@code /d/NAME<suffix>} inside the root; empty for other names. */
    private static Optional<String> siblingPath(ResolvedPath image, String suffix) {
        String name = image.fileName();
        if (!name.endsWith(".raw")) {
            return Optional.empty();
        }
        String parent = image.path().substring(0, image.path().length() - name.length());
        return Optional.of(parent + name.substring(0, name.length() - 4) + suffix);
    }

    private static Optional<ResolvedPath> confinedToDirectory(Path image) {
        Path absolute = image.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            return Optional.empty();
        }
        Root directory = Root.of(absolute.getParent());
        String name = directory.isHost() ? absolute.toString() : "/" + absolute.getFileName();
        return Optional.of(new ResolvedPath(directory, name, true));
    }

    /** Parses hex digits of either case, whitespace ignored. */
    static String parse(String text, String where) throws InvalidRootHashException {
        StringBuilder hex = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw new InvalidRootHashException("Failed to parse root hash in " + where + ": Invalid argument");
            }
            hex.append(c);
        }
        if (hex.length() % 2 != 0) {
            throw new InvalidRootHashException("Failed to parse root hash in " + where + ": Invalid argument");
        }
        if (hex.length() < 32) {
            throw new InvalidRootHashException("Root hash in " + where + " is too short");
        }
        return HexFormat.of().formatHex(HexFormat.of().parseHex(hex.toString().toLowerCase(Locale.ROOT)));
    }

    /** An xattr of the image, read through a descriptor opened inside its root; empty when absent or unreadable. */
    private static Optional<String> xattr(ResolvedPath image, String name) {
        try (OpenedPath opened = image.root().open(image.path())) {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(opened.procPath(),
                    UserDefinedFileAttributeView.class);
            if (view == null || !view.list().contains(name)) {
                return Optional.empty();
            }
            int size = view.size(name);
            if (size > MAX_SIDECAR_BYTES) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(size);
            view.read(name, buffer);
            buffer.flip();
            return Optional.of(StandardCharsets.UTF_8.decode(buffer).toString());
        } catch (ResolveException | IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
