package dev.confext.mount.kernel;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * dm-verity devices through libcryptsetup: reading a hash device's superblock, activating a read-only verity
 * mapping (by root hash alone, or with a root hash signature the kernel checks against its keyrings), reusing a
 * mapping of the same name that protects the same root hash, and deferred removal. Stateless; each call opens and
 * frees its own libcryptsetup context.
 *
 * <p>Device-mapper counts as usable when libcryptsetup loads and {@code /dev/mapper/control} opens read-write:
 * opening the control node is what libdevmapper does first, and it also makes the kernel load {@code dm_mod} on
 * demand, so it answers for built-in, loaded and loadable device-mapper alike. A node that exists without the
 * driver (as on kernels built without device-mapper) fails with {@code ENODEV}.
 */
public final class VerityDevices {
    /** The device-mapper control node. */
    public static final String CONTROL = "/dev/mapper/control";
    private static final String MAPPER = "/dev/mapper/";
    private static final int O_RDWR = 2;
    private static final int EEXIST = 17;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;
    private static final int CRYPT_DEACTIVATE_DEFERRED_CANCEL = 1 << 2;
    private static final int NODE_WAIT_MILLIS = 2000;

    /** libcryptsetup's error messages of the current call, per thread (libcryptsetup logs on the calling thread). */
    private static final ThreadLocal<List<String>> ERRORS = ThreadLocal.withInitial(ArrayList::new);
    /** Kept reachable for as long as libcryptsetup may call it. */
    private static final CryptSetupLibrary.LogCallback LOG = (level, message, user) -> {
        if (level == CryptSetupLibrary.CRYPT_LOG_ERROR && message != null) {
            ERRORS.get().add(message.strip());
        }
    };

    private VerityDevices() {}

    /** What an activation gave. */
    public record Activated(String name, String node, boolean reused) {}

    /** Why verity devices cannot be activated on this system, or empty when they can. */
    public static Optional<String> unavailableReason() {
        if (CryptSetupLibrary.Holder.INSTANCE == null) {
            return Optional.of(CryptSetupLibrary.Holder.failure);
        }
        int fd = LibC.INSTANCE.open(CONTROL, O_RDWR | (int) Kernel.O_CLOEXEC, 0);
        if (fd < 0) {
            int errno = com.sun.jna.Native.getLastError();
            return Optional.of("this kernel has no device-mapper (open " + CONTROL + ": " + Errnos.text(errno) + " ("
                    + Errnos.name(errno) + "))");
        }
        LibC.INSTANCE.close(fd);
        return Optional.empty();
    }

    /**
     * Reads the verity superblock at {@code offset} of {@code hashDevice} (a file or block device) as
     * {@code crypt_load(CRYPT_VERITY)} does. Needs no device-mapper.
     *
     * @throws CryptSetupException when libcryptsetup is missing, or there is no valid superblock
     */
    public static VerityHeader readHeader(String hashDevice, long offset) throws CryptSetupException {
        try (Context cd = Context.init(hashDevice)) {
            cd.load(hashDevice, offset);
            return cd.verityInfo(hashDevice);
        }
    }

    /**
     * Activates {@code /dev/mapper/NAME} as a read-only dm-verity mapping of {@code dataDevice} checked against
     * the tree on {@code hashDevice} (superblock at {@code hashOffset}) and {@code rootHash}. With a signature the
     * kernel verifies it ({@code crypt_activate_by_signed_key}); without, the root hash alone is trusted. When a
     * mapping of that name exists already, it is reused if it protects the same root hash with the same signature
     * setting (a pending deferred removal of it is cancelled); otherwise that is an error.
     *
     * @throws CryptSetupException when libcryptsetup is missing, there is no device-mapper, the superblock is
     *                             invalid, the kernel refuses the signature (e.g. {@code ENOKEY}: its key is not in a
     *                             trusted keyring) or an existing mapping of that name protects something else
     */
    public static Activated activate(String name, String dataDevice, String hashDevice, long hashOffset,
            byte[] rootHash, Optional<byte[]> signature) throws CryptSetupException {
        String node = MAPPER + name;
        if (Files.exists(Path.of(node))) {
            return reuse(name, rootHash, signature.isPresent());
        }
        try (Context cd = Context.init(hashDevice)) {
            cd.load(hashDevice, hashOffset);
            cd.check(lib().crypt_set_data_device(cd.handle, dataDevice), "crypt_set_data_device", dataDevice);
            int r;
            String call;
            if (signature.isPresent()) {
                call = "crypt_activate_by_signed_key";
                r = lib().crypt_activate_by_signed_key(cd.handle, name, rootHash, rootHash.length, signature.get(),
                        signature.get().length, CryptSetupLibrary.CRYPT_ACTIVATE_READONLY);
            } else {
                call = "crypt_activate_by_volume_key";
                r = lib().crypt_activate_by_volume_key(cd.handle, name, rootHash, rootHash.length,
                        CryptSetupLibrary.CRYPT_ACTIVATE_READONLY);
            }
            if (r == -EEXIST || r == -EBUSY) {
                // Someone activated the same name meanwhile.
                cd.close();
                return reuse(name, rootHash, signature.isPresent());
            }
            if (r < 0) {
                Optional<String> reason = unavailableReason();
                if (reason.isPresent()) {
                    throw new CryptSetupException(call + "(" + name + "): " + reason.get()
                            + cd.errors().map(m -> "; libcryptsetup: " + m).orElse(""), ENODEV);
                }
            }
            cd.check(r, call, name);
        }
        waitForNode(node);
        return new Activated(name, node, false);
    }

    /**
     * Schedules removal of mapping {@code name} for when its last user (normally the mounted file system) lets go;
     * it is removed at once when unused.
     *
     * @throws CryptSetupException when the mapping does not exist or cannot be marked
     */
    public static void deferRemoval(String name) throws CryptSetupException {
        ERRORS.get().clear();
        int r = lib().crypt_deactivate_by_name(null, name, CryptSetupLibrary.CRYPT_DEACTIVATE_DEFERRED);
        if (r < 0) {
            throw new CryptSetupException("crypt_deactivate_by_name", name, -r, drainErrors());
        }
    }

    private static Activated reuse(String name, byte[] rootHash, boolean signed) throws CryptSetupException {
        ERRORS.get().clear();
        // Keep it from going away while we look at it; the caller re-arms removal after mounting, and so do we
        // when it cannot be used.
        boolean removalCancelled = lib().crypt_deactivate_by_name(null, name, CRYPT_DEACTIVATE_DEFERRED_CANCEL) == 0;
        try {
            return checkReusable(name, rootHash, signed);
        } catch (CryptSetupException e) {
            if (removalCancelled) {
                lib().crypt_deactivate_by_name(null, name, CryptSetupLibrary.CRYPT_DEACTIVATE_DEFERRED);
            }
            throw e;
        }
    }

    private static Activated checkReusable(String name, byte[] rootHash, boolean signed) throws CryptSetupException {
        try (Context cd = Context.initByName(name)) {
            VerityHeader header = cd.verityInfo(name);
            byte[] existing = new byte[rootHash.length];
            LongByReference size = new LongByReference(existing.length);
            cd.check(lib().crypt_volume_key_get(cd.handle, CryptSetupLibrary.CRYPT_ANY_SLOT, existing, size, null, 0),
                    "crypt_volume_key_get", name);
            if (size.getValue() != rootHash.length || !Arrays.equals(existing, rootHash)) {
                throw new CryptSetupException("verity device " + MAPPER + name + " exists already with a different"
                        + " root hash", EEXIST);
            }
            if (header.signed() != signed) {
                throw new CryptSetupException("verity device " + MAPPER + name + " exists already, activated "
                        + (header.signed() ? "with" : "without") + " a root hash signature", EEXIST);
            }
        }
        return new Activated(name, MAPPER + name, true);
    }

    private static void waitForNode(String node) throws CryptSetupException {
        long deadline = System.nanoTime() + NODE_WAIT_MILLIS * 1_000_000L;
        while (!Files.exists(Path.of(node))) {
            if (System.nanoTime() > deadline) {
                throw new CryptSetupException("verity device " + node + " was activated but its node did not appear",
                        ENODEV);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CryptSetupException("interrupted while waiting for " + node, 4);
            }
        }
    }

    private static CryptSetupLibrary lib() throws CryptSetupException {
        CryptSetupLibrary lib = CryptSetupLibrary.Holder.INSTANCE;
        if (lib == null) {
            throw new CryptSetupException(CryptSetupLibrary.Holder.failure, 2);
        }
        return lib;
    }

    private static Optional<String> drainErrors() {
        List<String> errors = ERRORS.get();
        Optional<String> text = errors.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", errors));
        errors.clear();
        return text;
    }

    /** One libcryptsetup context ({@code struct crypt_device}), freed on close. */
    private static final class Context implements AutoCloseable {
        private Pointer handle;

        private Context(Pointer handle) {
            this.handle = handle;
        }

        static Context init(String device) throws CryptSetupException {
            CryptSetupLibrary lib = lib();
            ERRORS.get().clear();
            lib.crypt_set_log_callback(null, LOG, null);
            PointerByReference ref = new PointerByReference();
            int r = lib.crypt_init(ref, device);
            if (r < 0) {
                throw new CryptSetupException("crypt_init", device, -r, drainErrors());
            }
            Context cd = new Context(ref.getValue());
            lib.crypt_set_log_callback(cd.handle, LOG, null);
            return cd;
        }

        static Context initByName(String name) throws CryptSetupException {
            CryptSetupLibrary lib = lib();
            lib.crypt_set_log_callback(null, LOG, null);
            PointerByReference ref = new PointerByReference();
            int r = lib.crypt_init_by_name(ref, name);
            if (r < 0) {
                throw new CryptSetupException("crypt_init_by_name", name, -r, drainErrors());
            }
            Context cd = new Context(ref.getValue());
            lib.crypt_set_log_callback(cd.handle, LOG, null);
            return cd;
        }

        void load(String hashDevice, long offset) throws CryptSetupException {
            CryptParamsVerity params = new CryptParamsVerity();
            params.hash_area_offset = offset;
            int r = lib().crypt_load(handle, CryptSetupLibrary.CRYPT_VERITY, params);
            if (r < 0) {
                // libcryptsetup logs nothing when there is no superblock at all.
                Optional<String> logged = drainErrors();
                throw new CryptSetupException("crypt_load", hashDevice, -r, Optional.of(logged.orElse(
                        "no valid verity superblock at byte " + offset)));
            }
        }

        VerityHeader verityInfo(String subject) throws CryptSetupException {
            CryptParamsVerity params = new CryptParamsVerity();
            check(lib().crypt_get_verity_info(handle, params), "crypt_get_verity_info", subject);
            params.read();
            byte[] salt = params.salt_size == 0 || params.salt == null ? new byte[0]
                    : params.salt.getByteArray(0, params.salt_size);
            return new VerityHeader(params.hash_name, params.hash_type, params.data_block_size, params.hash_block_size,
                    params.data_size, salt, params.hash_area_offset, params.flags);
        }

        void check(int result, String call, String subject) throws CryptSetupException {
            if (result < 0) {
                throw new CryptSetupException(call, subject, -result, drainErrors());
            }
        }

        Optional<String> errors() {
            return drainErrors();
        }

        @Override
        public void close() {
            if (handle != null) {
                CryptSetupLibrary lib = CryptSetupLibrary.Holder.INSTANCE;
                lib.crypt_free(handle);
                handle = null;
            }
        }
    }
}
