package dev.confext.benchmarks;

import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressListener;
import dev.confext.verity.api.VerityTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hash-tree throughput against threads and block size, on a page-cached file of {@code sizeMiB}
 * MiB, with and without the block digest helper. Score = milliseconds per operation; throughput in MiB/s =
 * 1000 * sizeMiB / score.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TreeBenchmark -p sizeMiB=256</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class TreeBenchmark {
    @Param({"1", "2"})
    int threads;

    @Param({"512", "4096"})
    int blockSize;

    @Param({"256"})
    int sizeMiB;

    /**
     * {@code on}: level 0 through the block digest helper (one native call per batch) when the build bundled
     * it; {@code off}: one {@code EVP_Digest} call per block. Each parameter set runs in its own fork, so the
     * property is set before the library reads it.
     */
    @Param({"on", "off"})
    String blockDigestHelper;

    private Path dir;
    private Path data;
    private Path hash;
    private VerityParameters parameters;
    private VerityFormat format;
    private byte[] root;

    @Setup(Level.Trial)
    public void createData() throws Exception {
        if (blockDigestHelper.equals("off")) {
            System.setProperty("confext.verity.blockDigests", "off");
        }
        dir = Files.createTempDirectory("verity-bench");
        data = dir.resolve("data");
        hash = dir.resolve("hash");
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(data)) {
            for (int i = 0; i < sizeMiB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        parameters = VerityParameters.builder().dataBlockSize(blockSize).hashBlockSize(blockSize).salt("-").build();
        format = VerityFormat.withThreads(threads);
        root = format.newTreeBuilder(parameters, data, hash).build().rootHash();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(hash);
        Files.deleteIfExists(data);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public VerityTree format() throws Exception {
        return format.newTreeBuilder(parameters, data, hash).build();
    }

    @Benchmark
    public VerificationResult verify() throws Exception {
        VerificationResult result = format.verify(parameters.toBuilder().build(), data, hash, root,
                VerityProgressListener.NONE);
        if (!result.intact()) {
            throw new IllegalStateException("benchmark tree does not verify: " + result.failure());
        }
        return result;
    }
}
