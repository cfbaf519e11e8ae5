package dev.confext.cli.extension;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may mount: {@code CAP_SYS_ADMIN} in its effective capability set. */
final class Privileges {
    private static final int CAP_SYS_ADMIN = 21;

    private Privileges() {}

    static boolean canMount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16).testBit(CAP_SYS_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
