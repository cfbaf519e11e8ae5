package dev.confext.mount.origin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The dm-verity root hash of a raw image that is known without opening it (spec §8.1): the
 * {@code user.verity.roothash} xattr, else the {@code <image>.roothash} sidecar, else the same for the
 * {@code usr} hash. Stateless.
 */
public final class VeritySidecar {
    private VeritySidecar() {}

    /**
     * The root (or usr) hash of the image at {@code image}, lowercase hex.
     *
     * @param image the resolved image path (sidecars sit next to the target of a symlink)
     * @throws InvalidRootHashException when a hash is present but malformed or shorter than 16 bytes
     */
    public static Optional<String> rootHash(Path image) throws InvalidRootHashException {
        for (String designator : new String[] {"root", "usr"}) {
            Optional<String> fromXattr = xattr(image, "verity." + designator + "hash");
            if (fromXattr.isPresent()) {
                return Optional.of(parse(fromXattr.get(), image + " (xattr user.verity." + designator + "hash)"));
            }
            String name = image.getFileName() == null ? "" : image.getFileName().toString();
            if (!name.endsWith(".raw")) {
                continue;
            }
            Path sidecar = image.resolveSibling(name.substring(0, name.length() - 4) + "." + designator + "hash");
            try {
                String text = Files.readString(sidecar, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                return Optional.of(parse(nl < 0 ? text : text.substring(0, nl), sidecar.toString()));
            } catch (NoSuchFileException e) {
                // no sidecar of this kind
            } catch (IOException e) {
                throw new InvalidRootHashException("Failed to read " + sidecar + ": " + e.getMessage());
            }
        }
        return Optional.empty();
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

    private static Optional<String> xattr(Path image, String name) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(image, UserDefinedFileAttributeView.class);
            if (view == null || !view.list().contains(name)) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
            view.read(name, buffer);
            buffer.flip();
            return Optional.of(StandardCharsets.UTF_8.decode(buffer).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
