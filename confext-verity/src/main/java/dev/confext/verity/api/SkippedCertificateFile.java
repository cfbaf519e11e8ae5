package dev.confext.verity.api;

/**
 * A {@code *.crt} file in a {@code verity.d} directory that gave no certificate.
 *
 * @param path   its in-root path
 * @param reason why, for people (e.g. "masked", "no PEM certificate")
 */
public record SkippedCertificateFile(String path, String reason) {
}
