package dev.confext.mount.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * The content of the files written into {@code .systemd-sysext/} ({@code .systemd-confext/}) of a merged
 * hierarchy that can be known before mounting. {@code dev} (the overlay's device number) and
 * {@code backing} (the host hierarchy's block device) are measured by the executor after mounting.
 *
 * @param listFileName {@code extensions} or {@code confexts}
 * @param listFile     the extension names, version-sorted, one per line; empty with no extensions
 * @param origin       the origin document (systemd's pretty JSON with a final newline)
 * @param workDir      the {@code work_dir} file: the root-relative, C-escaped workdir path and a newline;
 *                     absent for read-only and ephemeral merges
 */
public record MetadataFiles(String listFileName, String listFile, String origin, Optional<String> workDir) {
    public MetadataFiles {
        Objects.requireNonNull(listFileName, "listFileName");
        Objects.requireNonNull(listFile, "listFile");
        Objects.requireNonNull(origin, "origin");
        workDir = workDir == null ? Optional.empty() : workDir;
    }
}
