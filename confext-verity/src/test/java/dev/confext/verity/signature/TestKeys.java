package dev.confext.verity.signature;

import dev.confext.verity.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Self-signed test keys made by {@code openssl} in a directory; a fake CA is not needed (no chains). */
public final class TestKeys {
    /** A private key with its certificate and the files they came from. */
    public record KeyPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile) {}

    private TestKeys() {}

    /**
     * Makes a self-signed key pair with {@code openssl req}.
     *
     * @param algorithm {@code rsa:2048}, {@code ec} (P-256) or {@code ed25519}
     */
    public static KeyPair make(Path directory, String name, String algorithm) throws Exception {
        Path openssl = TestEnvironment.requireTool("openssl");
        Path key = directory.resolve(name + ".key");
        Path cert = directory.resolve(name + ".crt");
        String[] newkey = switch (algorithm) {
            case "ec" -> new String[] {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"};
            case "ed25519" -> new String[] {"-newkey", "ed25519"};
            default -> new String[] {"-newkey", algorithm};
        };
        String[] command = concat(new String[] {openssl.toString(), "req", "-x509", "-nodes"}, newkey,
                new String[] {"-keyout", key.toString(), "-out", cert.toString(), "-days", "3650",
                        "-subj", "/CN=" + name});
        TestEnvironment.run(directory, command);
        return new KeyPair(readKey(key), PemCertificate.first(Files.readAllBytes(cert)).orElseThrow(), key, cert);
    }

    private static PrivateKey readKey(Path file) throws IOException, java.security.GeneralSecurityException {
        String pem = Files.readString(file);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.spec.InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new IOException("unknown key type in " + file);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
