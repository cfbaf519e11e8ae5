package dev.confext.verity.tree;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.confext.verity.api.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The optional native helper ({@code src/main/c/block_digests.c}) that computes the salted digests of a whole
 * batch of blocks in one call, with OpenSSL's low-level SHA functions. Per block, it saves a call from Java
 * into native code and the context that {@code EVP_Digest} allocates and frees: together about a fifth of
 * the processor time of hashing 4 KiB blocks with SHA-256.
 *
 * <p>The module's build compiles the helper when a C compiler is present and bundles it as a resource next
 * to this class; without one, {@link OpenSslBlockHasher} makes one {@code EVP_Digest} call per block and the
 * digests are the same. Where the library comes from, in this order:
 * <ul>
 *   <li>the system property {@value #PROPERTY}: a path to the library (the command-line tools unpack it
 *       once per build next to their jar and name it here), or {@code off} to not use the helper;</li>
 *   <li>the resource, loaded in place when it is a file (a build directory), else unpacked into a temporary
 *       file that is deleted as soon as it is loaded.</li>
 * </ul>
 * Loading is attempted once per process; {@link #unavailableReason} says why it failed, if it did.
 */
final class NativeBlockDigests {
    /** System property: the helper's path, or {@code off}. */
    static final String PROPERTY = "confext.verity.blockDigests";
    /** The bundled library's resource name, relative to this class; the build names it the same way. */
    static final String RESOURCE = "libconfext-block-digests-linux-"
            + System.getProperty("os.arch", "").toLowerCase(Locale.ROOT) + ".so";
    private static final String FAILURE = load();

    private NativeBlockDigests() {
    }

    /** Empty when the helper is loaded; else why it is not. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(FAILURE);
    }

    /**
     * The helper's functions for {@code algorithm}: OpenSSL's low-level initialise, update and finish functions
     * of its digest. Empty when the helper or libcrypto is unavailable, or the algorithm has no low-level
     * functions (only the SHA-1 and SHA-2 ones are used).
     */
    static Optional<Functions> functions(HashAlgorithm algorithm) {
        String prefix = switch (algorithm) {
            case SHA1 -> "SHA1";
            case SHA224 -> "SHA224";
            case SHA256 -> "SHA256";
            case SHA384 -> "SHA384";
            case SHA512 -> "SHA512";
            default -> null;
        };
        if (prefix == null || FAILURE != null || LibCrypto.unavailableReason().isPresent()) {
            return Optional.empty();
        }
        long init = LibCrypto.functionAddress(prefix + "_Init");
        long update = LibCrypto.functionAddress(prefix + "_Update");
        long finish = LibCrypto.functionAddress(prefix + "_Final");
        if (init == 0 || update == 0 || finish == 0) {
            return Optional.empty();
        }
        return Optional.of(new Functions(init, update, finish));
    }

    /** Addresses of one algorithm's {@code <name>_Init}, {@code <name>_Update} and {@code <name>_Final} in libcrypto. */
    record Functions(long init, long update, long finish) {
    }

    /**
     * {@code int confext_block_digests(init, update, final, salt, salt_length, salt_first, data, block_size,
     * count, digests, digest_size)}: the digests of {@code count} blocks at {@code data}, {@code block_size}
     * bytes apart, written {@code digest_size} bytes apart at {@code digests}; {@code H(salt || block)} when
     * {@code saltFirst} is 1, else {@code H(block || salt)}. Returns 1, or 0 when a digest function failed.
     */
    static native int confext_block_digests(long init, long update, long finish, long salt, long saltLength,
            int saltFirst, long data, long blockSize, int count, long digests, long digestSize);

    private static String load() {
        String configured = System.getProperty(PROPERTY, "");
        if (configured.equals("off")) {
            return PROPERTY + "=off";
        }
        try {
            if (!configured.isEmpty()) {
                register(Path.of(configured));
                return null;
            }
            URL resource = NativeBlockDigests.class.getResource(RESOURCE);
            if (resource == null) {
                return RESOURCE + " was not built (no C compiler when this module was built)";
            }
            if (resource.getProtocol().equals("file")) {
                register(Path.of(resource.toURI()));
                return null;
            }
            Path unpacked = Files.createTempFile("confext-block-digests", ".so");
            try {
                try (InputStream in = NativeBlockDigests.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        return RESOURCE + " cannot be read";
                    }
                    Files.copy(in, unpacked, StandardCopyOption.REPLACE_EXISTING);
                }
                register(unpacked);
            } finally {
                // once loaded, the mapping stays valid without the file
                Files.deleteIfExists(unpacked);
            }
            return null;
        } catch (IOException | URISyntaxException | RuntimeException | LinkageError e) {
            return "cannot load the block digest helper: " + e.getMessage();
        }
    }

    private static void register(Path library) {
        Native.register(NativeBlockDigests.class, NativeLibrary.getInstance(library.toAbsolutePath().toString()));
    }
}
