package dev.confext.mount.kernel;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libcryptsetup 2.x entry points used for dm-verity ({@code libcryptsetup.so.12}). Every {@code int} result is
 * 0 (or a non-negative count) on success and a negative errno on failure; {@code size_t} is a Java {@code long}
 * (x86-64). Loaded on first use by {@link Holder}; not having the library is not an error until it is needed.
 */
interface CryptSetupLibrary extends Library {
    /** {@code CRYPT_VERITY}: the device type name for {@link #crypt_load}. */
    String CRYPT_VERITY = "VERITY";
    /** {@code CRYPT_ACTIVATE_READONLY}: dm-verity is read-only, the flag is mandatory. */
    int CRYPT_ACTIVATE_READONLY = 1;
    /** {@code CRYPT_VERITY_ROOT_HASH_SIGNATURE}: the device was activated with a root hash signature. */
    int CRYPT_VERITY_ROOT_HASH_SIGNATURE = 1 << 3;
    /** {@code CRYPT_DEACTIVATE_DEFERRED}: remove once the last user lets go. */
    int CRYPT_DEACTIVATE_DEFERRED = 1;
    /** {@code CRYPT_ANY_SLOT}. */
    int CRYPT_ANY_SLOT = -1;
    /** {@code CRYPT_LOG_ERROR}. */
    int CRYPT_LOG_ERROR = 1;
    /** {@code crypt_status_info}: {@code CRYPT_INVALID}, {@code CRYPT_INACTIVE}, {@code CRYPT_ACTIVE}, {@code CRYPT_BUSY}. */
    int CRYPT_INACTIVE = 1;

    /** {@code void (*log)(int level, const char *msg, void *usrptr)}. */
    interface LogCallback extends Callback {
        void invoke(int level, String message, Pointer user);
    }

    int crypt_init(PointerByReference cd, String device);

    int crypt_init_data_device(PointerByReference cd, String device, String dataDevice);

    int crypt_init_by_name(PointerByReference cd, String name);

    void crypt_free(Pointer cd);

    int crypt_load(Pointer cd, String requestedType, CryptParamsVerity params);

    int crypt_set_data_device(Pointer cd, String device);

    int crypt_get_verity_info(Pointer cd, CryptParamsVerity params);

    int crypt_activate_by_volume_key(Pointer cd, String name, byte[] volumeKey, long volumeKeySize, int flags);

    int crypt_activate_by_signed_key(Pointer cd, String name, byte[] volumeKey, long volumeKeySize, byte[] signature,
            long signatureSize, int flags);

    int crypt_volume_key_get(Pointer cd, int keyslot, byte[] volumeKey, LongByReference volumeKeySize,
            String passphrase, long passphraseSize);

    int crypt_deactivate_by_name(Pointer cd, String name, int flags);

    int crypt_status(Pointer cd, String name);

    void crypt_set_log_callback(Pointer cd, LogCallback log, Pointer user);

    /** The library, loaded once; {@link #failure} says why it could not be. */
    final class Holder {
        static final CryptSetupLibrary INSTANCE;
        static final String failure;

        static {
            CryptSetupLibrary loaded = null;
            String why = null;
            try {
                loaded = Native.load("libcryptsetup.so.12", CryptSetupLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                try {
                    loaded = Native.load("cryptsetup", CryptSetupLibrary.class);
                } catch (UnsatisfiedLinkError e2) {
                    why = "libcryptsetup.so.12 cannot be loaded: " + e2.getMessage().lines().findFirst().orElse("");
                }
            }
            INSTANCE = loaded;
            failure = why;
        }

        private Holder() {}
    }
}
