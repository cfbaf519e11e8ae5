package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Generated input for the superblock parser: it returns a value or throws its documented exception, nothing else. */
class VeritySuperblockPropertiesTest {
    @Property(tries = 1000)
    void parse_arbitraryBytes_valueOrInvalidSuperblock(@ForAll @Size(max = 600) byte[] bytes) {
        parseOrReject(bytes);
    }

    @Property(tries = 1000)
    void parse_validWithRandomBytesChanged_valueOrInvalidSuperblock(@ForAll("mutations") int[] positionsAndValues) {
        byte[] b = VeritySuperblockTest.valid();
        for (int i = 0; i + 1 < positionsAndValues.length; i += 2) {
            b[positionsAndValues[i] % 512] = (byte) positionsAndValues[i + 1];
        }
        parseOrReject(b);
    }

    @Property(tries = 300)
    void parse_toBytes_roundTrips(@ForAll("parameters") VerityParameters p, @ForAll("blocks") long dataBlocks)
            throws Exception {
        VeritySuperblock sb = VeritySuperblock.of(p, dataBlocks);
        byte[] bytes = sb.toBytes();

        VeritySuperblock parsed = VeritySuperblock.parse(ByteBuffer.wrap(bytes));

        assertEquals(sb, parsed);
        assertArrayEquals(bytes, parsed.toBytes());
        assertEquals(p.salt().length, parsed.salt().length);
    }

    @Provide
    Arbitrary<int[]> mutations() {
        return Arbitraries.integers().between(0, 511).array(int[].class).ofMinSize(2).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Long> blocks() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<VerityParameters> parameters() {
        return Combinators.combine(Arbitraries.of(HashAlgorithm.values()), Arbitraries.of(0, 1),
                Arbitraries.integers().between(9, 19), Arbitraries.integers().between(9, 19),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(256), Arbitraries.create(java.util.UUID::randomUUID))
                .as((a, f, d, h, salt, uuid) -> VerityParameters.builder().algorithm(a).format(f).dataBlockSize(1L << d)
                        .hashBlockSize(1L << h).salt(salt).uuid(uuid).build());
    }

    private static void parseOrReject(byte[] bytes) {
        try {
            VeritySuperblock sb = VeritySuperblock.parse(ByteBuffer.wrap(bytes));
            assertEquals(sb, VeritySuperblockPropertiesTest.reparse(sb));
        } catch (InvalidSuperblockException expected) {
            // documented outcome
        }
    }

    private static VeritySuperblock reparse(VeritySuperblock sb) {
        try {
            return VeritySuperblock.parse(ByteBuffer.wrap(sb.toBytes()));
        } catch (InvalidSuperblockException e) {
            throw new AssertionError("a parsed superblock must encode to a valid one", e);
        }
    }
}
