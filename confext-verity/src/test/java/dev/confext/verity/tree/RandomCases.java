package dev.confext.verity.tree;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of {@link RandomCase}s small enough to run veritysetup on quickly. */
final class RandomCases {
    private RandomCases() {}

    static Arbitrary<RandomCase> cases() {
        Arbitrary<String> hash = Arbitraries.of(dev.confext.verity.api.HashAlgorithm.values()).map(a -> a.veritySetupName());
        Arbitrary<Integer> format = Arbitraries.of(0, 1);
        Arbitrary<Integer> blockSize = Arbitraries.of(512, 1024, 2048, 4096, 8192);
        Arbitrary<byte[]> salt = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[256])),
                net.jqwik.api.Tuple.of(4, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(256)));
        Arbitrary<Boolean> superblock = Arbitraries.of(true, true, false);
        Arbitrary<Integer> offsetSectors = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 40)));
        Arbitrary<Integer> blocks = Arbitraries.integers().between(1, 1200);
        Arbitrary<Integer> extraBlocks = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 30)));
        Arbitrary<Integer> tail = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 511)));
        Arbitrary<Boolean> sameFile = Arbitraries.of(false, false, true);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(hash, format, blockSize, blockSize, salt, superblock, offsetSectors, blocks)
                .as((h, f, dbs, hbs, s, sb, off, n) -> new Object[] {h, f, dbs, hbs, s, sb, off, n})
                .flatMap(a -> Combinators.combine(extraBlocks, tail, sameFile, seed).as((extra, t, same, sd) -> {
                    int dbs = (Integer) a[2];
                    long n = (Integer) a[7];
                    long hashOffset = (Integer) a[6] * 512L;
                    long dataBlocks = extra < 0 ? 0 : n;
                    long dataBytes = (extra < 0 ? n : n + extra) * dbs + t;
                    if (same) {
                        dataBlocks = n;
                        long dataEnd = n * dbs;
                        hashOffset = (dataEnd + 511) / 512 * 512 + hashOffset;
                        dataBytes = Math.max(dataBytes, dataEnd);
                        long hbs = (Integer) a[3];
                        long treeStart = (Boolean) a[5] ? hashOffset : hashOffset / hbs * hbs;
                        if (treeStart < dataEnd) {
                            // Without a superblock the tree starts at the offset rounded down to a hash block,
                            // which may fall inside the data: veritysetup then hashes data blocks it has already
                            // partly overwritten through its stdio buffers, a result no other tool can match
                            // (README, "Differences from systemd"). Such layouts are moved past the data.
                            hashOffset += (dataEnd - treeStart + hbs - 1) / hbs * hbs;
                        }
                    }
                    return new RandomCase((String) a[0], (Integer) a[1], dbs, (Integer) a[3], (byte[]) a[4],
                            (Boolean) a[5], hashOffset, dataBlocks, dataBytes, same, sd);
                }));
    }
}
