package dev.confext.verity.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Locale;
import java.util.Optional;

/**
 * A digest that dm-verity trees can use, named as veritysetup names it ({@code --hash}) and
 * stores it in the superblock: every name veritysetup 2.6 with OpenSSL 3 accepts. The SHA-1,
 * SHA-2 and SHA-3 families and MD5 also come from the JDK; the others (SHAKE, BLAKE2, SM3, MD4,
 * RIPEMD-160, Whirlpool) are hashed by OpenSSL's libcrypto when it is present (MD4 and Whirlpool
 * from its legacy provider, as veritysetup does) and by BouncyCastle's lightweight digests
 * otherwise. {@code ripemd160} and {@code rmd160} are the same digest under the two names
 * veritysetup takes; the name is what ends up in the superblock.
 *
 * <p>JDK digests always come from the JDK's own {@code SUN} provider, whatever providers the
 * application has registered: a third-party provider installed first (such as BouncyCastle) would
 * otherwise be picked and is several times slower.
 */
public enum HashAlgorithm {
    SHA1("sha1", "SHA-1", "SHA1", 20),
    SHA224("sha224", "SHA-224", "SHA224", 28),
    SHA256("sha256", "SHA-256", "SHA256", 32),
    SHA384("sha384", "SHA-384", "SHA384", 48),
    SHA512("sha512", "SHA-512", "SHA512", 64),
    SHA512_224("sha512-224", "SHA-512/224", "SHA512-224", 28),
    SHA512_256("sha512-256", "SHA-512/256", "SHA512-256", 32),
    SHA3_224("sha3-224", "SHA3-224", "SHA3-224", 28),
    SHA3_256("sha3-256", "SHA3-256", "SHA3-256", 32),
    SHA3_384("sha3-384", "SHA3-384", "SHA3-384", 48),
    SHA3_512("sha3-512", "SHA3-512", "SHA3-512", 64),
    /** SHAKE128 with OpenSSL's default output length, 16 bytes. */
    SHAKE128("shake128", null, "SHAKE128", 16),
    /** SHAKE256 with OpenSSL's default output length, 32 bytes. */
    SHAKE256("shake256", null, "SHAKE256", 32),
    BLAKE2B_512("blake2b-512", null, "BLAKE2B-512", 64),
    BLAKE2S_256("blake2s-256", null, "BLAKE2S-256", 32),
    SM3("sm3", null, "SM3", 32),
    MD5("md5", "MD5", "MD5", 16),
    MD4("md4", null, "MD4", 16),
    RIPEMD160("ripemd160", null, "RIPEMD160", 20),
    RMD160("rmd160", null, "RIPEMD160", 20),
    WHIRLPOOL("whirlpool", null, "WHIRLPOOL", 64);

    private static final String PROVIDER = "SUN";

    private final String veritySetupName;
    /** The {@code SUN} provider's name, or null when BouncyCastle's lightweight digest stands in. */
    private final String jdkName;
    private final String openSslName;
    private final int digestSize;

    HashAlgorithm(String veritySetupName, String jdkName, String openSslName, int digestSize) {
        this.veritySetupName = veritySetupName;
        this.jdkName = jdkName;
        this.openSslName = openSslName;
        this.digestSize = digestSize;
    }

    /** The name libcrypto fetches the digest by ({@code EVP_MD_fetch}). */
    public String openSslName() {
        return openSslName;
    }

    /** The lowercase name veritysetup takes in {@code --hash} and stores in the superblock, e.g. {@code sha256}. */
    public String veritySetupName() {
        return veritySetupName;
    }

    /** Digest length in bytes. */
    public int digestSize() {
        return digestSize;
    }

    /**
     * A new digest of this algorithm from the JDK's {@code SUN} provider, or BouncyCastle's
     * lightweight implementation where the JDK has none (never through a registered provider).
     */
    public MessageDigest newDigest() {
        if (jdkName == null) {
            return new LightweightMessageDigest(veritySetupName, lightweight(), digestSize);
        }
        try {
            return MessageDigest.getInstance(jdkName, PROVIDER);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("The JDK provider " + PROVIDER + " lacks " + jdkName, e);
        }
    }

    private org.bouncycastle.crypto.Digest lightweight() {
        switch (this) {
            case SHAKE128:
                return new org.bouncycastle.crypto.digests.SHAKEDigest(128);
            case SHAKE256:
                return new org.bouncycastle.crypto.digests.SHAKEDigest(256);
            case BLAKE2B_512:
                return new org.bouncycastle.crypto.digests.Blake2bDigest(512);
            case BLAKE2S_256:
                return new org.bouncycastle.crypto.digests.Blake2sDigest(256);
            case SM3:
                return new org.bouncycastle.crypto.digests.SM3Digest();
            case MD4:
                return new org.bouncycastle.crypto.digests.MD4Digest();
            case RIPEMD160:
            case RMD160:
                return new org.bouncycastle.crypto.digests.RIPEMD160Digest();
            case WHIRLPOOL:
                return new org.bouncycastle.crypto.digests.WhirlpoolDigest();
            default:
                throw new IllegalStateException(veritySetupName + " is a JDK digest");
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
