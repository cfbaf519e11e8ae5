package dev.confext.verity.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Reading the first PEM certificate of a {@code .crt} file. */
class PemCertificatePropertiesTest {
    @Test
    void first_certificateAfterOtherBlocksAndText() throws Exception {
        String pem = Files.readString(TestEnvironment.vector("ddi/test-signing-cert.pem"));
        String text = "comment line\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + pem + pem;

        assertEquals("CN=verity test key", PemCertificate.first(text.getBytes(StandardCharsets.US_ASCII)).orElseThrow()
                .getSubjectX500Principal().getName());
    }

    @Test
    void first_brokenFirstCertificate_givesNothing() throws Exception {
        String pem = Files.readString(TestEnvironment.vector("ddi/test-signing-cert.pem"));
        String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

        assertEquals(Optional.empty(), PemCertificate.first((broken + pem).getBytes(StandardCharsets.US_ASCII)));
    }

    @Property(tries = 1000)
    void first_arbitraryBytes_neverThrows(@ForAll byte[] bytes) {
        assertTrue(PemCertificate.first(bytes).isEmpty());
    }

    @Property(tries = 500)
    void first_mutatedCertificate_neverThrows(@ForAll("mutatedPem") byte[] bytes) {
        PemCertificate.first(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutatedPem() throws Exception {
        byte[] pem = Files.readAllBytes(TestEnvironment.vector("ddi/test-signing-cert.pem"));
        return Arbitraries.integers().between(0, pem.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = pem.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
    }
}
