package dev.confext.mount.kernel;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct crypt_params_verity} of {@code libcryptsetup.h} (cryptsetup 2.x), field for field: five
 * pointers, four {@code uint32_t}, three {@code uint64_t}, two {@code uint32_t}; 88 bytes on x86-64. Public only
 * because JNA reads its fields by reflection; the package is not exported.
 */
public final class CryptParamsVerity extends Structure {
    /** Hash algorithm name, e.g. {@code sha256}. */
    public String hash_name;
    /** Data device path (input on format, output otherwise). */
    public String data_device;
    /** Hash device path (output only). */
    public String hash_device;
    /** Forward error correction device path (output only). */
    public String fec_device;
    /** Salt bytes, {@link #salt_size} long. */
    public Pointer salt;
    public int salt_size;
    /** Kernel hash type: 1 normal, 0 Chrome OS. */
    public int hash_type;
    public int data_block_size;
    public int hash_block_size;
    /** Data area size in data blocks. */
    public long data_size;
    /** Byte offset of the superblock (or, without one, of the hash tree) on the hash device. */
    public long hash_area_offset;
    public long fec_area_offset;
    public int fec_roots;
    /** {@code CRYPT_VERITY_*} flags. */
    public int flags;

    /** Size of the C structure on x86-64. */
    static final int NATIVE_SIZE = 88;

    @Override
    protected java.util.List<String> getFieldOrder() {
        return java.util.List.of("hash_name", "data_device", "hash_device", "fec_device", "salt", "salt_size",
                "hash_type", "data_block_size", "hash_block_size", "data_size", "hash_area_offset", "fec_area_offset",
                "fec_roots", "flags");
    }

    /** Byte offset of a field in the native layout, for the layout test. */
    int offsetOf(String field) {
        return fieldOffset(field);
    }
}
