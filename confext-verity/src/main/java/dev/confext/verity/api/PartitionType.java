package dev.confext.verity.api;

import dev.confext.core.api.Architecture;
import dev.confext.verity.ddi.PartitionTypeTable;
import java.util.Optional;
import java.util.UUID;

/**
 * A GPT partition type UUID and what the Discoverable Partitions Specification says it is.
 *
 * @param uuid         the type UUID
 * @param designator   what it is for, empty for types the specification does not define
 * @param architecture for root/usr/verity/signature types, the architecture they are for
 */
public record PartitionType(UUID uuid, Optional<PartitionDesignator> designator, Optional<Architecture> architecture) {

    /** Looks a type UUID up in the specification's table (all architectures). */
    public static PartitionType of(UUID uuid) {
        return PartitionTypeTable.lookUp(uuid);
    }

    /**
     * The type UUID for a designator and architecture.
     *
     * @throws IllegalArgumentException when the specification defines none (e.g. root for an architecture it
     *                                  does not list, or an architecture for {@code esp})
     */
    public static UUID uuidOf(PartitionDesignator designator, Optional<Architecture> architecture) {
        return PartitionTypeTable.uuidOf(designator, architecture);
    }

    /** systemd's name, e.g. {@code root-x86-64-verity}, or the UUID for unknown types. */
    public String name() {
        if (designator.isEmpty()) {
            return uuid.toString();
        }
        String text = designator.get().text();
        if (architecture.isEmpty()) {
            return text;
        }
        String base = text.startsWith("root") ? "root" : "usr";
        return base + "-" + architecture.get().systemdName() + text.substring(base.length());
    }
}
