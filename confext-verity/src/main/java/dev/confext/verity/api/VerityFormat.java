package dev.confext.verity.api;

import dev.confext.verity.tree.Workers;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Entry point for hash trees: builds trees byte-for-byte as {@code veritysetup format} does and
 * verifies them as {@code veritysetup verify} does. Stateless, reusable and thread-safe: it only
 * holds how many threads to use. Each tree is made by a single-use {@link TreeBuilder}.
 *
 * <pre>{@code
 * VerityTree tree = VerityFormat.withThreads(2)
 *         .newTreeBuilder(VerityParameters.builder().salt("-").build(), data, hash)
 *         .build();
 * }</pre>
 */
public final class VerityFormat {
    private final int parallelism;
    private final Executor executor;

    private VerityFormat(int parallelism, Executor executor) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Thread count must be at least 1, not " + parallelism + ".");
        }
        this.parallelism = parallelism;
        this.executor = executor;
    }

    /**
     * Checks a device as veritysetup does when it opens one, before anything is read: it must exist and be a
     * regular file or a block device.
     *
     * @throws DeviceNotFoundException when it is missing or of another kind ("Device ... is not compatible.")
     */
    public static void checkDevice(Path device) throws DeviceNotFoundException {
        DataBlocks.requireCompatible(device);
        if (!java.nio.file.Files.exists(device)) {
            throw new DeviceNotFoundException("Device " + device + " does not exist or access denied.", null);
        }
    }

    /**
     * Checks a data device as veritysetup does when it opens one: as {@link #checkDevice}, and it must hold at
     * least one 512-byte sector.
     *
     * @throws DeviceNotFoundException when it is missing or of another kind
     * @throws DataTooSmallException   when it is smaller than a sector ({@link DataTooSmallException#belowOneSector()})
     * @throws VerityException         when it cannot be opened
     */
    public static void checkDataDevice(Path data) throws VerityException {
        checkDevice(data);
        DataBlocks.requireDataDevice(data);
    }

    /** Uses one thread per available processor. */
    public static VerityFormat defaults() {
        return new VerityFormat(Runtime.getRuntime().availableProcessors(), null);
    }

    /** Uses {@code threads} threads (the calling thread and {@code threads - 1} started per operation). */
    public static VerityFormat withThreads(int threads) {
        return new VerityFormat(threads, null);
    }

    /** Runs {@code parallelism} tasks per operation on the caller's {@code executor}. */
    public static VerityFormat withExecutor(Executor executor, int parallelism) {
        return new VerityFormat(parallelism, Objects.requireNonNull(executor, "executor"));
    }

    /** Number of threads (or tasks) used for one operation. */
    public int parallelism() {
        return parallelism;
    }

    Workers workers() {
        return executor == null ? Workers.threads(parallelism) : Workers.on(executor, parallelism);
    }

    /** A builder that will hash {@code data} and write the tree (and superblock) into {@code hash}. */
    public TreeBuilder newTreeBuilder(VerityParameters parameters, Path data, Path hash) {
        return newTreeBuilder(parameters, data, hash, VerityProgressListener.NONE);
    }

    /** As {@link #newTreeBuilder(VerityParameters, Path, Path)}, reporting progress to {@code listener}. */
    public TreeBuilder newTreeBuilder(VerityParameters parameters, Path data, Path hash,
            VerityProgressListener listener) {
        return new TreeBuilder(this, parameters, data, hash, listener);
    }

    /**
     * Checks every data block and every hash block (including the zero padding) of a tree described
     * by {@code parameters} (whose superblock flag only decides where the tree starts) against
     * {@code rootHash}.
     *
     * @throws DeviceNotFoundException when a file does not exist
     * @throws DataTooSmallException when the data file is shorter than the data blocks
     * @throws VerityException when a file cannot be read or the hash file ends inside the tree
     */
    public VerificationResult verify(VerityParameters parameters, Path data, Path hash, byte[] rootHash,
            VerityProgressListener listener) throws VerityException {
        return verify(parameters, whole(data), whole(hash), rootHash, listener);
    }

    /**
     * As {@link #verify(VerityParameters, Path, Path, byte[], VerityProgressListener)} with data and
     * hash devices that are byte ranges of files, e.g. the partitions of a DDI: offsets (the hash
     * offset, the positions in failures) are relative to each range, as veritysetup on the partition
     * devices would see them.
     *
     * @throws DeviceNotFoundException when a file does not exist
     * @throws DataTooSmallException when the data range is shorter than the data blocks
     * @throws VerityException when a file cannot be read or the hash range ends inside the tree
     */
    public VerificationResult verify(VerityParameters parameters, ImageExtent data, ImageExtent hash, byte[] rootHash,
            VerityProgressListener listener) throws VerityException {
        return new TreeVerification(this, parameters, data, hash, rootHash, listener).run();
    }

    /**
     * Reads the superblock at the start of the {@code hash} range (a DDI verity partition, a
     * {@code .verity} sidecar) and verifies the {@code data} range with its parameters.
     *
     * @throws InvalidSuperblockException when the hash range does not start with a valid superblock
     * @throws DeviceNotFoundException when a file does not exist
     * @throws DataTooSmallException when the data range is shorter than the data blocks
     * @throws VerityException when a file cannot be read or the hash range ends inside the tree
     */
    public VerificationResult verifyWithSuperblock(ImageExtent data, ImageExtent hash, byte[] rootHash,
            VerityProgressListener listener) throws VerityException {
        VeritySuperblock superblock;
        try (java.nio.channels.FileChannel channel = DataBlocks.open(hash.file(),
                java.nio.file.StandardOpenOption.READ)) {
            if (hash.length() < VeritySuperblock.SIZE) {
                throw new InvalidSuperblockException(hash.file() + ": the hash range of " + hash.length()
                        + " bytes cannot hold a superblock.");
            }
            superblock = VeritySuperblock.read(channel, hash.offset());
        } catch (java.io.IOException e) {
            throw new VerityException("Cannot read " + hash.file() + ": " + e.getMessage(), e);
        }
        return verify(superblock.toParameters(0), data, hash, rootHash, listener);
    }

    /**
     * Decodes the forward error correction area of a tree (the check {@code veritysetup verify
     * --fec-device} makes after a failed verification): every codeword over the data blocks and the
     * covered part of {@code hash} is decoded against the parity in {@code fec}. Nothing is written.
     *
     * @param parameters the tree's parameters, {@link VerityParameters#dataBlocks()} set
     * @throws InvalidFecParametersException when block sizes differ or the roots are out of range
     * @throws DeviceNotFoundException when a file does not exist
     * @throws VerityException when a file cannot be read
     */
    public FecCheck checkFec(VerityParameters parameters, Path data, Path hash, FecParameters fec)
            throws VerityException {
        long blocks = parameters.dataBlocks().orElseThrow(
                () -> new IllegalArgumentException("checkFec needs the number of data blocks in the parameters."));
        FecGeometry geometry = FecGeometry.of(parameters, blocks, hash, fec);
        try (java.nio.channels.FileChannel fecChannel = DataBlocks.open(fec.device(), java.nio.file.StandardOpenOption.READ);
                java.nio.channels.FileChannel dataChannel = DataBlocks.open(data, java.nio.file.StandardOpenOption.READ);
                java.nio.channels.FileChannel hashChannel = DataBlocks.open(hash, java.nio.file.StandardOpenOption.READ)) {
            return new dev.confext.verity.fec.FecCodec(geometry, dataChannel, hashChannel)
                    .check(fecChannel, fec.offset(), workers());
        } catch (java.io.IOException e) {
            throw new VerityException("Cannot read " + fec.device() + ": " + e.getMessage(), e);
        }
    }

    private static ImageExtent whole(Path file) {
        return new ImageExtent(file, 0, Long.MAX_VALUE, java.util.OptionalInt.empty());
    }

    /**
     * Reads the superblock at {@code hashOffset} of {@code hash} and verifies with its parameters.
     *
     * @throws InvalidSuperblockException when there is no valid superblock at {@code hashOffset}
     * @throws DeviceNotFoundException when a file does not exist
     * @throws DataTooSmallException when the data file is shorter than the data blocks
     * @throws VerityException when a file cannot be read or the hash file ends inside the tree
     */
    public VerificationResult verifyWithSuperblock(Path data, Path hash, long hashOffset, byte[] rootHash,
            VerityProgressListener listener) throws VerityException {
        VeritySuperblock superblock = VeritySuperblock.read(hash, hashOffset);
        return verify(superblock.toParameters(hashOffset), data, hash, rootHash, listener);
    }
}
