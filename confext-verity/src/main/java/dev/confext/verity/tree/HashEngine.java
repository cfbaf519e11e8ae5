package dev.confext.verity.tree;

import dev.confext.verity.api.HashAlgorithm;
import dev.confext.verity.api.VerityParameters;
import java.util.Locale;
import java.util.Optional;

/**
 * Where block digests are computed: the JDK's {@code SUN} provider ({@link #JDK}) or OpenSSL's
 * libcrypto through JNA ({@link #OPENSSL}). Both give the same bytes; OpenSSL needs no JIT warm-up,
 * which is most of the run time on images of a few GiB. The system property
 * {@value #PROPERTY} chooses: {@code auto} (default: OpenSSL when it is loadable and knows the
 * algorithm, else the JDK), {@code jdk} or {@code openssl} (fails if unavailable).
 */
enum HashEngine {
    JDK {
        @Override
        Optional<String> unavailableReason(HashAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        BlockHasher newHasher(VerityParameters parameters, int maxBlock) {
            return new JdkBlockHasher(parameters);
        }
    },
    OPENSSL {
        @Override
        Optional<String> unavailableReason(HashAlgorithm algorithm) {
            return OpenSslDigests.unavailableReason(algorithm);
        }

        @Override
        BlockHasher newHasher(VerityParameters parameters, int maxBlock) {
            return new OpenSslBlockHasher(OpenSslDigests.md(parameters.algorithm()),
                    NativeBlockDigests.functions(parameters.algorithm()).orElse(null), parameters, maxBlock);
        }
    };

    /** System property naming the engine: {@code auto}, {@code jdk} or {@code openssl}. */
    static final String PROPERTY = "confext.verity.hashEngine";

    /** Empty when this engine can hash {@code algorithm} here; else why not. */
    abstract Optional<String> unavailableReason(HashAlgorithm algorithm);

    /** A new single-thread hasher for blocks of at most {@code maxBlock} bytes. */
    abstract BlockHasher newHasher(VerityParameters parameters, int maxBlock);

    /**
     * The engine for {@code algorithm} as {@value #PROPERTY} asks.
     *
     * @throws IllegalStateException if OpenSSL is asked for explicitly and cannot hash {@code algorithm},
     *     or the property has an unknown value
     */
    static HashEngine select(HashAlgorithm algorithm) {
        String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "auto":
                return OPENSSL.unavailableReason(algorithm).isEmpty() ? OPENSSL : JDK;
            case "jdk":
                return JDK;
            case "openssl":
                OPENSSL.unavailableReason(algorithm).ifPresent(reason -> {
                    throw new IllegalStateException(PROPERTY + "=openssl, but " + reason);
                });
                return OPENSSL;
            default:
                throw new IllegalStateException(PROPERTY + " must be auto, jdk or openssl, not " + wanted);
        }
    }
}
