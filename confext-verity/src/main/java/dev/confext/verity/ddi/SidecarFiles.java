package dev.confext.verity.ddi;

import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VeritySignature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;

/**
 * The verity artifacts next to an image {@code NAME.raw}: the root hash (xattr {@code user.verity.roothash},
 * else {@code NAME.roothash}; then the same for {@code usrhash}), the signature ({@code NAME.roothash.p7s} or
 * {@code NAME.usrhash.p7s}, matching the hash found, only when a hash is known) and the hash tree
 * ({@code NAME.verity}). Sidecar files sit next to the image's resolved target (systemd v260); an image
 * whose name does not end in {@code .raw} has no sidecar files.
 *
 * @param rootHash        the root hash, if one was found
 * @param designator      {@code ROOT} or {@code USR}: which one the hash is for
 * @param rootHashOrigin  the file or xattr it came from
 * @param signature       the signature file's content
 * @param signatureOrigin the signature file
 * @param hashTree        the {@code .verity} file
 */
public record SidecarFiles(Optional<RootHash> rootHash, Optional<PartitionDesignator> designator,
        Optional<String> rootHashOrigin, Optional<VeritySignature> signature, Optional<Path> signatureOrigin,
        Optional<Path> hashTree) {

    /** No artifacts at all. */
    public static SidecarFiles none() {
        return new SidecarFiles(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** True when nothing was found. */
    public boolean isEmpty() {
        return rootHash.isEmpty() && signature.isEmpty() && hashTree.isEmpty();
    }

    /**
     * Loads the artifacts of {@code image}.
     *
     * @throws InvalidImageException "Failed to read verity artifacts" with the reason: a root hash that is not
     *                               hex, has an odd digit count or is shorter than 16 bytes, an empty or
     *                               unreadable signature file
     */
    public static SidecarFiles load(Path image) throws InvalidImageException {
        image = resolved(image);
        String name = image.getFileName() == null ? "" : image.getFileName().toString();
        Optional<Path> base = name.endsWith(".raw") && name.length() > 4
                ? Optional.of(image.resolveSibling(name.substring(0, name.length() - 4))) : Optional.empty();
        try {
            RootHash rootHash = null;
            PartitionDesignator designator = null;
            String origin = null;
            for (String kind : new String[] {"roothash", "usrhash"}) {
                Optional<String> xattr = readXattr(image, "verity." + kind);
                if (xattr.isPresent()) {
                    rootHash = parse(xattr.get(), "xattr user.verity." + kind);
                    origin = "xattr user.verity." + kind;
                } else if (base.isPresent()) {
                    Path file = sibling(base.get(), "." + kind);
                    Optional<String> line = readFirstLine(file);
                    if (line.isPresent()) {
                        rootHash = parse(line.get(), file.toString());
                        origin = file.toString();
                    }
                }
                if (rootHash != null) {
                    designator = kind.equals("roothash") ? PartitionDesignator.ROOT : PartitionDesignator.USR;
                    break;
                }
            }
            VeritySignature signature = null;
            Path signatureFile = null;
            if (rootHash != null && base.isPresent()) {
                for (String kind : designator == PartitionDesignator.ROOT
                        ? new String[] {"roothash"} : new String[] {"usrhash"}) {
                    Path file = sibling(base.get(), "." + kind + ".p7s");
                    Optional<byte[]> content = readFile(file);
                    if (content.isPresent()) {
                        if (content.get().length == 0) {
                            throw new InvalidImageException(failure(image, "signature file " + file + " is empty"));
                        }
                        signature = new VeritySignature(content.get(), VeritySignature.Source.SIDECAR_FILE,
                                Optional.empty());
                        signatureFile = file;
                        break;
                    }
                }
            }
            Path verity = null;
            if (base.isPresent()) {
                Path file = sibling(base.get(), ".verity");
                if (Files.exists(file)) {
                    verity = file;
                }
            }
            return new SidecarFiles(Optional.ofNullable(rootHash), Optional.ofNullable(designator),
                    Optional.ofNullable(origin), Optional.ofNullable(signature), Optional.ofNullable(signatureFile),
                    Optional.ofNullable(verity));
        } catch (IOException e) {
            throw new InvalidImageException(failure(image, e instanceof java.nio.file.FileSystemException f
                    ? f.getFile() + ": " + f.getReason() : e.getMessage()), e);
        }
    }

    /** systemd v260 looks for sidecar files next to the image's resolved target, not next to a symlink. */
    private static Path resolved(Path image) {
        try {
            return image.toRealPath();
        } catch (IOException e) {
            return image;
        }
    }

    private static String failure(Path image, String reason) {
        return "Failed to read verity artifacts for " + image + ": " + reason;
    }

    private static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    private static RootHash parse(String text, String origin) throws InvalidImageException {
        try {
            return RootHash.of(TolerantHex.decode(text));
        } catch (IllegalArgumentException | VerityException e) {
            throw new InvalidImageException("Failed to read verity artifacts: root hash in " + origin + ": "
                    + e.getMessage(), e);
        }
    }

    private static Optional<String> readFirstLine(Path file) throws IOException {
        Optional<byte[]> content = readFile(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(content.get(), StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        return Optional.of(newline < 0 ? text : text.substring(0, newline));
    }

    /** Sidecar files are small; anything larger than this is refused instead of read into memory. */
    private static final int MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

    private static Optional<byte[]> readFile(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_SIDECAR_BYTES + 1);
            if (content.length > MAX_SIDECAR_BYTES) {
                throw new IOException(file + " is larger than " + MAX_SIDECAR_BYTES + " bytes");
            }
            return Optional.of(content);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readXattr(Path image, String name) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(image, UserDefinedFileAttributeView.class);
            if (view == null || !view.list().contains(name)) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
            view.read(name, buffer);
            return Optional.of(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
