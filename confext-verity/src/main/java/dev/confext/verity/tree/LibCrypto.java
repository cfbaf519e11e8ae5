package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * The few OpenSSL 3 libcrypto functions used for hashing, bound by JNA direct mapping. Pointers are
 * passed as {@code long} addresses (native memory of direct buffers), so a call copies nothing.
 * Loading is attempted once; {@link #unavailableReason()} says why it failed, if it did.
 */
final class LibCrypto {
    private static final String[] NAMES = {"libcrypto.so.3", "crypto"};
    private static NativeLibrary library;
    private static final String FAILURE = load();

    private LibCrypto() {
    }

    /** Empty when libcrypto is bound and usable. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(FAILURE);
    }

    private static String load() {
        String reason = "no libcrypto found";
        for (String name : NAMES) {
            try {
                NativeLibrary candidate = NativeLibrary.getInstance(name);
                Native.register(LibCrypto.class, candidate);
                library = candidate;
                return null;
            } catch (Throwable e) {
                reason = "cannot bind " + name + ": " + e.getMessage();
            }
        }
        return reason;
    }

    /**
     * The address of the exported function {@code name}, or 0 when libcrypto is not bound or does not export it
     * (OpenSSL builds configured without deprecated functions lack the low-level digest ones).
     */
    static long functionAddress(String name) {
        if (library == null) {
            return 0;
        }
        try {
            return Pointer.nativeValue(library.getFunction(name));
        } catch (UnsatisfiedLinkError e) {
            return 0;
        }
    }

    /** {@code EVP_MD *EVP_MD_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)}. */
    static native long EVP_MD_fetch(long libraryContext, String algorithm, String properties);

    /**
     * {@code OSSL_PROVIDER *OSSL_PROVIDER_try_load(OSSL_LIB_CTX *ctx, const char *name, int retain_fallbacks)}:
     * loads a provider (here: {@code legacy}) next to the default one; 0 when it cannot.
     */
    static native long OSSL_PROVIDER_try_load(long libraryContext, String name, int retainFallbacks);

    /** {@code int EVP_MD_get_size(const EVP_MD *md)}. */
    static native int EVP_MD_get_size(long md);

    /**
     * {@code int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size,
     * const EVP_MD *type, ENGINE *impl)}: one-shot digest; 1 on success.
     */
    static native int EVP_Digest(long data, long count, long out, long size, long type, long engine);
}
