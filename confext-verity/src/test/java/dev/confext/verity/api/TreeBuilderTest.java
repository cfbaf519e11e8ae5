package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building and verifying through the public API: misuse, bad input, threads, executors, progress. */
class TreeBuilderTest {
    private static final VerityParameters FIXED = VerityParameters.builder().salt("-")
            .uuid("11111111-2222-3333-4444-555555555555").build();

    @TempDir
    Path dir;

    private Path data(long size) throws Exception {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        Path data = dir.resolve("data");
        Files.write(data, bytes);
        return data;
    }

    @Test
    void build_secondCall_fails() throws Exception {
        TreeBuilder builder = VerityFormat.withThreads(1).newTreeBuilder(FIXED, data(8192), dir.resolve("hash"));
        builder.build();
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void build_dataSmallerThanOneBlock_tooSmall() throws Exception {
        Path data = data(100);
        assertThrows(DataTooSmallException.class,
                () -> VerityFormat.defaults().newTreeBuilder(FIXED, data, dir.resolve("hash")).build());
    }

    @Test
    void build_moreDataBlocksThanFile_tooSmall() throws Exception {
        Path data = data(8192);
        VerityParameters p = FIXED.toBuilder().dataBlocks(3).build();
        DataTooSmallException e = assertThrows(DataTooSmallException.class,
                () -> VerityFormat.defaults().newTreeBuilder(p, data, dir.resolve("hash")).build());
        assertTrue(e.getMessage().contains("3 data blocks"), e.getMessage());
    }

    @Test
    void build_missingData_deviceNotFound() {
        assertThrows(DeviceNotFoundException.class, () -> VerityFormat.defaults()
                .newTreeBuilder(FIXED, dir.resolve("absent"), dir.resolve("hash")).build());
    }

    @Test
    void build_sameFileOverlappingHashOffset_refused() throws Exception {
        Path data = data(8 * 4096);
        VerityParameters p = FIXED.toBuilder().dataBlocks(8).hashOffset(4096 * 7).build();
        VerityException e = assertThrows(VerityException.class,
                () -> VerityFormat.defaults().newTreeBuilder(p, data, data).build());
        assertTrue(e.getMessage().startsWith("Data area overlaps with hash area"), e.getMessage());
    }

    @Test
    void build_threadCountsAndExecutor_identicalFiles() throws Exception {
        Path data = data(4096L * 3000 + 17);
        List<byte[]> files = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (VerityFormat f : List.of(VerityFormat.withThreads(1), VerityFormat.withThreads(4),
                    VerityFormat.withExecutor(pool, 3), VerityFormat.withExecutor(Runnable::run, 2))) {
                Path hash = dir.resolve("hash" + files.size());
                roots.add(f.newTreeBuilder(FIXED, data, hash).build().rootHashHex());
                files.add(Files.readAllBytes(hash));
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 1; i < files.size(); i++) {
            assertEquals(roots.get(0), roots.get(i));
            assertArrayEquals(files.get(0), files.get(i));
        }
    }

    @Test
    void build_progress_startedAdvancingToTotalFinished() throws Exception {
        Path data = data(4096L * 5000);
        List<VerityProgressEvent> events = new ArrayList<>();
        VerityFormat.withThreads(3).newTreeBuilder(FIXED, data, dir.resolve("hash"), events::add).build();

        assertEquals(new VerityProgressEvent.Started(VerityProgressEvent.Operation.FORMAT, 5000), events.get(0));
        assertEquals(new VerityProgressEvent.Finished(VerityProgressEvent.Operation.FORMAT), events.get(events.size() - 1));
        long last = 0;
        for (VerityProgressEvent e : events.subList(1, events.size() - 1)) {
            long done = ((VerityProgressEvent.Advanced) e).doneDataBlocks();
            assertTrue(done > last);
            last = done;
        }
        assertEquals(5000, last);
    }

    @Test
    void build_existingLongerHashFile_notTruncated() throws Exception {
        Path data = data(4096 * 4);
        Path hash = dir.resolve("hash");
        byte[] old = new byte[100_000];
        java.util.Arrays.fill(old, (byte) 0x5a);
        Files.write(hash, old);
        VerityTree tree = VerityFormat.defaults().newTreeBuilder(FIXED, data, hash).build();
        assertEquals(100_000, Files.size(hash));
        assertEquals(100_000, tree.hashFileSize());
        assertEquals(0x5a, Files.readAllBytes(hash)[99_999]);
    }

    @Test
    void verify_truncatedHashFile_clearError() throws Exception {
        Path data = data(4096 * 300);
        Path hash = dir.resolve("hash");
        VerityTree tree = VerityFormat.defaults().newTreeBuilder(FIXED, data, hash).build();
        byte[] bytes = Files.readAllBytes(hash);
        Files.write(hash, java.util.Arrays.copyOf(bytes, bytes.length - 4096));
        VerityException e = assertThrows(VerityException.class, () -> VerityFormat.defaults()
                .verifyWithSuperblock(data, hash, 0, tree.rootHash(), VerityProgressListener.NONE));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void verify_truncatedData_tooSmall() throws Exception {
        Path data = data(4096 * 300);
        Path hash = dir.resolve("hash");
        VerityTree tree = VerityFormat.defaults().newTreeBuilder(FIXED, data, hash).build();
        Files.write(data, java.util.Arrays.copyOf(Files.readAllBytes(data), 4096 * 200));
        assertThrows(DataTooSmallException.class, () -> VerityFormat.defaults()
                .verifyWithSuperblock(data, hash, 0, tree.rootHash(), VerityProgressListener.NONE));
    }

    @Test
    void verify_wrongRootHashLength_rejected() throws Exception {
        Path data = data(8192);
        Path hash = dir.resolve("hash");
        VerityFormat.defaults().newTreeBuilder(FIXED, data, hash).build();
        assertThrows(IllegalArgumentException.class, () -> VerityFormat.defaults()
                .verifyWithSuperblock(data, hash, 0, new byte[20], VerityProgressListener.NONE));
    }

    @Test
    void verify_otherRoot_rootMismatch() throws Exception {
        Path data = data(4096 * 130);
        Path hash = dir.resolve("hash");
        VerityFormat.defaults().newTreeBuilder(FIXED, data, hash).build();
        VerificationResult r = VerityFormat.defaults().verifyWithSuperblock(data, hash, 0,
                HexFormat.of().parseHex("00".repeat(32)), VerityProgressListener.NONE);
        assertEquals(new VerityFailure(VerityFailure.Kind.ROOT_MISMATCH, 2, -1), r.failure().orElseThrow());
        assertEquals("Verification of root hash failed.", r.failure().get().message());
    }

    @Test
    void verify_twoCorruptDataBlocks_reportsTheFirst() throws Exception {
        Path data = data(4096L * 5000);
        Path hash = dir.resolve("hash");
        VerityTree tree = VerityFormat.withThreads(4).newTreeBuilder(FIXED, data, hash).build();
        byte[] bytes = Files.readAllBytes(data);
        bytes[4096 * 4500 + 7] ^= 1;
        bytes[4096 * 1200 + 9] ^= 1;
        Files.write(data, bytes);
        VerificationResult r = VerityFormat.withThreads(4).verifyWithSuperblock(data, hash, 0, tree.rootHash(),
                VerityProgressListener.NONE);
        assertEquals(new VerityFailure(VerityFailure.Kind.DIGEST_MISMATCH, 0, 4096L * 1200), r.failure().orElseThrow());
    }

    /**
     * Two chunks of 4 MiB (level 0: hash blocks 0-7 and 8-15); the first data block is corrupted and the hash file
     * lacks its last byte. The first chunk stops at once while the second is still hashed on the other thread and
     * then runs into the end of the hash file: as in veritysetup, which never gets that far, the corruption is the
     * result. Repeated, because which thread finishes first varies.
     */
    @Test
    void verify_corruptFirstChunkAndTruncatedHashInTheLast_reportsTheCorruption() throws Exception {
        Path data = data(8L << 20);
        Path hash = dir.resolve("hash");
        VerityTree tree = VerityFormat.withThreads(2).newTreeBuilder(FIXED, data, hash).build();
        byte[] bytes = Files.readAllBytes(data);
        bytes[5] ^= 1;
        Files.write(data, bytes);
        byte[] stored = Files.readAllBytes(hash);
        Files.write(hash, java.util.Arrays.copyOf(stored, stored.length - 1));
        for (int run = 0; run < 5; run++) {
            VerificationResult r = VerityFormat.withThreads(2).verifyWithSuperblock(data, hash, 0, tree.rootHash(),
                    VerityProgressListener.NONE);
            assertEquals(new VerityFailure(VerityFailure.Kind.DIGEST_MISMATCH, 0, 0), r.failure().orElseThrow());
        }
    }
}
