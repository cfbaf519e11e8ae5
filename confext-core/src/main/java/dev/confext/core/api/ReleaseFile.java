package dev.confext.core.api;

import java.util.Map;

/**
 * An extension-release file found inside an image.
 *
 * @param path   where it is, as a path inside the image root (the file found, before symlinks)
 * @param values its assignments, unmodifiable; empty when the file had none
 */
public record ReleaseFile(String path, Map<String, String> values) {
    public ReleaseFile {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
