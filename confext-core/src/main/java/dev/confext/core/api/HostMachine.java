package dev.confext.core.api;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running kernel's machine name, read once: {@code uname(2)} through JNA (which honours the process
 * personality, like {@code uname -m}), else {@code /proc/sys/kernel/arch}. Never {@code os.arch}.
 */
final class HostMachine {
    /** What {@code uname -m} prints, mapped to systemd's name. */
    static final Optional<Architecture> ARCHITECTURE = machine().flatMap(Architecture::fromUname);

    /** Linux {@code struct utsname}: six fields of 65 bytes; {@code machine} is the fifth. */
    private static final int FIELD = 65;

    /** {@code uname(2)} bound by JNA direct mapping (no interface proxy to generate at start-up). */
    private static final class Uname {
        static {
            Native.register(Uname.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Uname() {}

        static native int uname(byte[] buffer);
    }

    private HostMachine() {}

    static Optional<String> machine() {
        try {
            byte[] buffer = new byte[FIELD * 6];
            if (Uname.uname(buffer) == 0) {
                int start = FIELD * 4;
                int end = start;
                while (end < start + FIELD && buffer[end] != 0) {
                    end++;
                }
                return Optional.of(new String(buffer, start, end - start, StandardCharsets.US_ASCII));
            }
        } catch (LinkageError | RuntimeException e) {
            // no JNA or no libc: fall back to procfs
        }
        try {
            return Optional.of(new String(Files.readAllBytes(Path.of("/proc/sys/kernel/arch")),
                    StandardCharsets.US_ASCII).strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
