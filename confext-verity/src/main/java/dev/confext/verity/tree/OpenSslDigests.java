package dev.confext.verity.tree;

import dev.confext.verity.api.HashAlgorithm;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code EVP_MD} of each algorithm, fetched from libcrypto once per process (fetching per
 * digest is costly in OpenSSL 3) and kept for the life of the process.
 */
final class OpenSslDigests {
    private static final Map<HashAlgorithm, Long> FETCHED = new EnumMap<>(HashAlgorithm.class);
    private static boolean legacyTried;

    private OpenSslDigests() {
    }

    /** Empty when libcrypto is loaded and has {@code algorithm} with the expected digest size. */
    static Optional<String> unavailableReason(HashAlgorithm algorithm) {
        Optional<String> library = LibCrypto.unavailableReason();
        if (library.isPresent()) {
            return library;
        }
        return fetch(algorithm) == 0 ? Optional.of("libcrypto lacks " + algorithm.veritySetupName()) : Optional.empty();
    }

    /** The fetched {@code EVP_MD}; only after {@link #unavailableReason} was empty. */
    static long md(HashAlgorithm algorithm) {
        long md = fetch(algorithm);
        if (md == 0) {
            throw new IllegalStateException("libcrypto lacks " + algorithm.veritySetupName());
        }
        return md;
    }

    private static synchronized long fetch(HashAlgorithm algorithm) {
        Long known = FETCHED.get(algorithm);
        if (known == null) {
            long md = LibCrypto.EVP_MD_fetch(0, algorithm.openSslName(), null);
            if (md == 0 && !legacyTried) {
                // MD4 and Whirlpool live in OpenSSL 3's legacy provider, which veritysetup loads as well
                legacyTried = true;
                LibCrypto.OSSL_PROVIDER_try_load(0, "legacy", 1);
                md = LibCrypto.EVP_MD_fetch(0, algorithm.openSslName(), null);
            }
            if (md != 0 && LibCrypto.EVP_MD_get_size(md) != algorithm.digestSize()) {
                md = 0;
            }
            known = md;
            FETCHED.put(algorithm, known);
        }
        return known;
    }
}
