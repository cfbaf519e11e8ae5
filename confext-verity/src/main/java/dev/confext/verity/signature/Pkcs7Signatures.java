package dev.confext.verity.signature;

import dev.confext.verity.api.SignatureVerificationException;
import dev.confext.verity.api.SignatureVerificationException.Reason;
import dev.confext.verity.api.TrustedCertificate;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached PKCS#7 SignedData over a text, without signed attributes: the format of dm-verity root-hash
 * signatures. Verification uses the JDK's providers first; BouncyCastle is used as an explicit provider object
 * only (for signing, and for algorithms the JDK lacks); it is never registered with
 * {@link java.security.Security}, so the JDK's own providers stay the defaults.
 */
public final class Pkcs7Signatures {
    private Pkcs7Signatures() {}

    /** The one BouncyCastle provider instance, created on first use and never installed globally. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /**
     * Verifies that every signer of {@code der} is one of {@code trusted} and signed exactly {@code content}.
     * Certificates embedded in the signature are ignored; no chain or validity period is checked.
     *
     * @return the trusted certificate of the first signer
     * @throws SignatureVerificationException when it does not verify, with the reason
     */
    public static TrustedCertificate verify(byte[] content, byte[] der, List<TrustedCertificate> trusted)
            throws SignatureVerificationException {
        CMSSignedData signed = parse(content, der);
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new SignatureVerificationException(Reason.MALFORMED, "The PKCS#7 signature has no signer");
        }
        if (trusted.isEmpty()) {
            throw new SignatureVerificationException(Reason.NO_TRUSTED_CERTIFICATES,
                    "No trusted certificate to verify the signature with");
        }
        TrustedCertificate first = null;
        for (SignerInformation signer : signers) {
            TrustedCertificate certificate = findSigner(signer, trusted).orElseThrow(
                    () -> new SignatureVerificationException(Reason.SIGNER_NOT_TRUSTED,
                            "The signer (" + describe(signer) + ") is not one of the "
                                    + trusted.size() + " trusted certificate(s)"));
            boolean valid = verifySigner(signer, certificate);
            if (!valid) {
                throw new SignatureVerificationException(Reason.BAD_SIGNATURE,
                        "The signature by " + certificate.source() + " does not match the root hash");
            }
            if (first == null) {
                first = certificate;
            }
        }
        return first;
    }

    /**
     * Checks one signer with the JDK's own providers (fast to start, and what most signatures need); only when
     * they cannot handle the algorithm is the BouncyCastle provider object used.
     */
    private static boolean verifySigner(SignerInformation signer, TrustedCertificate certificate)
            throws SignatureVerificationException {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.certificate().getPublicKey()));
        } catch (OperatorCreationException | CMSException | RuntimeException jdkFailure) {
            try {
                SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(Bc.PROVIDER).build(certificate.certificate().getPublicKey());
                return signer.verify(verifier);
            } catch (OperatorCreationException | CMSException | RuntimeException e) {
                throw new SignatureVerificationException(Reason.BAD_SIGNATURE,
                        "The signature by " + certificate.source() + " does not verify: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Signs {@code content} as {@code openssl smime -sign -binary -noattr -md sha256 -outform DER} does:
     * detached, SHA-256, no signed attributes, signer identified by issuer and serial number.
     *
     * @param embedCertificate put the signer certificate into the signature (systemd-repart does;
     *                         {@code -nocerts} does not)
     * @throws IllegalArgumentException when the key type cannot sign (only RSA, EC and Ed25519 can)
     */
    public static byte[] sign(byte[] content, PrivateKey key, X509Certificate certificate, boolean embedCertificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("Cannot sign with a " + key.getAlgorithm() + " key");
        };
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build(),
                    Pkcs7Signatures::signatureAlgorithmAsOpensslWritesIt)
                    .setDirectSignature(true);
            if (!algorithm.equals("Ed25519")) {
                // OpenSSL's PKCS7 code writes the digest algorithm with explicit NULL parameters.
                builder.setContentDigest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE));
            }
            generator.addSignerInfoGenerator(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(key), certificate));
            if (embedCertificate) {
                generator.addCertificate(new JcaX509CertificateHolder(certificate));
            }
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalArgumentException("Cannot sign with this key and certificate: " + e.getMessage(), e);
        }
    }

    /** OpenSSL's PKCS7 code names RSA signatures {@code rsaEncryption} (with NULL), not {@code sha256WithRSA}. */
    private static AlgorithmIdentifier signatureAlgorithmAsOpensslWritesIt(AlgorithmIdentifier signatureAlgorithm) {
        if (signatureAlgorithm.getAlgorithm().equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)) {
            return new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
        }
        return signatureAlgorithm;
    }

    private static CMSSignedData parse(byte[] content, byte[] der) throws SignatureVerificationException {
        if (der.length == 0) {
            throw new SignatureVerificationException(Reason.MALFORMED, "The signature is empty");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(der);
        } catch (CMSException | RuntimeException e) {
            throw new SignatureVerificationException(Reason.MALFORMED,
                    "The signature is not a DER PKCS#7 SignedData structure", e);
        }
        if (signed.getSignedContent() != null) {
            throw new SignatureVerificationException(Reason.MALFORMED,
                    "The signature is not detached: it carries its own content");
        }
        try {
            return new CMSSignedData(new CMSProcessableByteArray(content), der);
        } catch (CMSException | RuntimeException e) {
            throw new SignatureVerificationException(Reason.MALFORMED,
                    "The signature is not a DER PKCS#7 SignedData structure", e);
        }
    }

    private static Optional<TrustedCertificate> findSigner(SignerInformation signer, List<TrustedCertificate> trusted) {
        for (TrustedCertificate candidate : trusted) {
            try {
                X509CertificateHolder holder = new JcaX509CertificateHolder(candidate.certificate());
                if (signer.getSID().match(holder)) {
                    return Optional.of(candidate);
                }
            } catch (CertificateEncodingException e) {
                // A certificate that cannot be re-encoded cannot be the signer.
            }
        }
        return Optional.empty();
    }

    private static String describe(SignerInformation signer) {
        var sid = signer.getSID();
        if (sid.getIssuer() != null && sid.getSerialNumber() != null) {
            return "issuer " + sid.getIssuer() + ", serial " + sid.getSerialNumber().toString(16).toUpperCase();
        }
        return "subject key identifier";
    }
}
