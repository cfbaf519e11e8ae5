package dev.confext.mount.kernel;

import dev.confext.mount.api.MountException;
import java.util.Optional;

/**
 * A libcryptsetup call failed. The message names the call, its subject, the errno and what libcryptsetup logged
 * as an error, e.g. {@code "crypt_load(/dev/loop3): Invalid argument (EINVAL): Verity device /dev/loop3 does not
 * use on-disk header."}.
 */
public final class CryptSetupException extends MountException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    CryptSetupException(String call, String subject, int errno, Optional<String> libraryMessage) {
        super(call + "(" + subject + "): " + Errnos.text(errno) + " (" + Errnos.name(errno) + ")"
                + libraryMessage.map(m -> ": " + m).orElse(""));
        this.errno = errno;
    }

    CryptSetupException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The Linux errno number (positive). */
    public int errno() {
        return errno;
    }
}
