package dev.confext.verity.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Locale;
import java.util.Optional;

/**
 * A digest that dm-verity trees can use, named as veritysetup and the kernel name it.
 *
 * <p>Digests always come from the JDK's own {@code SUN} provider, whatever providers the
 * application has registered: a third-party provider installed first (such as BouncyCastle) would
 * otherwise be picked and is several times slower.
 */
public enum HashAlgorithm {
    SHA1("sha1", "SHA-1", 20),
    SHA224("sha224", "SHA-224", 28),
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64),
    SHA3_224("sha3-224", "SHA3-224", 28),
    SHA3_256("sha3-256", "SHA3-256", 32),
    SHA3_384("sha3-384", "SHA3-384", 48),
    SHA3_512("sha3-512", "SHA3-512", 64);

    private static final String PROVIDER = "SUN";

    private final String veritySetupName;
    private final String jdkName;
    private final int digestSize;

    HashAlgorithm(String veritySetupName, String jdkName, int digestSize) {
        this.veritySetupName = veritySetupName;
        this.jdkName = jdkName;
        this.digestSize = digestSize;
    }

    /** The lowercase name veritysetup takes in {@code --hash} and stores in the superblock, e.g. {@code sha256}. */
    public String veritySetupName() {
        return veritySetupName;
    }

    /** Digest length in bytes. */
    public int digestSize() {
        return digestSize;
    }

    /** A new digest of this algorithm from the JDK's {@code SUN} provider. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName, PROVIDER);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("The JDK provider " + PROVIDER + " lacks " + jdkName, e);
        }
    }

    /**
     * The algorithm veritysetup knows under {@code name}; case does not matter, as veritysetup
     * lowercases the name.
     */
    public static Optional<HashAlgorithm> fromVeritySetupName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.veritySetupName.equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return veritySetupName;
    }
}
