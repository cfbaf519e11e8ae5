package dev.confext.mount.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * One lower directory of a merged overlay.
 *
 * @param kind        what the directory is
 * @param path        where it is ({@link PlanPath.Base#STAGING} for the metadata directory and mounted images,
 *                    {@link PlanPath.Base#ROOT} for the host hierarchy and an imported mutable directory)
 * @param extension   the image name for {@link Kind#EXTENSION} layers
 * @param conditional true when the image is not inspected yet (a raw image still to be mounted): the layer
 *                    is used only if the hierarchy exists in the mounted image and is a non-empty directory
 */
public record Layer(Kind kind, PlanPath path, Optional<String> extension, boolean conditional) {

    /** What a lower directory is. */
    public enum Kind {
        /** The fresh metadata directory, always the top-most layer. */
        META,
        /** The persistent mutable directory, imported read-only (modes import, ephemeral-import). */
        IMPORTED,
        /** The hierarchy inside one mounted extension image. */
        EXTENSION,
        /** The host's own hierarchy, always the bottom layer. */
        HOST;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The kind for a JSON word. */
        public static Kind ofWord(String word) {
            return PlanWords.find(values(), word, "layer kind");
        }
    }

    public Layer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        extension = extension == null ? Optional.empty() : extension;
        if ((kind == Kind.EXTENSION) != extension.isPresent()) {
            throw new IllegalArgumentException("an extension name is required for extension layers only");
        }
    }

    /** The metadata layer at {@code path}. */
    public static Layer meta(PlanPath path) {
        return new Layer(Kind.META, path, Optional.empty(), false);
    }

    /** An imported mutable directory. */
    public static Layer imported(PlanPath path) {
        return new Layer(Kind.IMPORTED, path, Optional.empty(), false);
    }

    /** The hierarchy inside extension {@code name}. */
    public static Layer extension(String name, PlanPath path, boolean conditional) {
        return new Layer(Kind.EXTENSION, path, Optional.of(name), conditional);
    }

    /** The host hierarchy. */
    public static Layer host(PlanPath path) {
        return new Layer(Kind.HOST, path, Optional.empty(), false);
    }

    /**
     * The short label the conformance summaries use: {@code meta}, {@code extension:NAME},
     * {@code mutable-dir:/var/lib/extensions.mutable/etc}, {@code host:/etc}.
     */
    public String label() {
        return switch (kind) {
            case META -> "meta";
            case IMPORTED -> "mutable-dir:" + path.path();
            case EXTENSION -> "extension:" + extension.orElseThrow();
            case HOST -> "host:" + path.path();
        };
    }
}
