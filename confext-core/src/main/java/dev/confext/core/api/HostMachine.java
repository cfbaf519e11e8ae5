package dev.confext.core.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The running kernel's machine name, read once. */
final class HostMachine {
    /** What {@code uname -m} prints, mapped to systemd's name. */
    static final Optional<Architecture> ARCHITECTURE = read();

    private HostMachine() {}

    private static Optional<Architecture> read() {
        try {
            String machine = new String(Files.readAllBytes(Path.of("/proc/sys/kernel/arch")), StandardCharsets.US_ASCII)
                    .strip();
            return Architecture.fromUname(machine);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
