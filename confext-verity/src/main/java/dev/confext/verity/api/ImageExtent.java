package dev.confext.verity.api;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A byte range of a file: a partition of an image, or a whole sidecar file.
 *
 * @param file      the file
 * @param offset    where the range starts
 * @param length    its size in bytes
 * @param partition the GPT partition number, empty for a whole file
 */
public record ImageExtent(Path file, long offset, long length, OptionalInt partition) {
}
