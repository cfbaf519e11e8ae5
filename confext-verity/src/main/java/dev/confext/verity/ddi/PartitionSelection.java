package dev.confext.verity.ddi;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.Versions;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.RootHash;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Chooses one partition per designator as systemd-dissect does: partitions with the no-auto bit are skipped;
 * a known root hash admits only the data and verity partitions whose UUIDs are its halves; for root and usr
 * the native architecture wins over the secondary one, which wins over others, and within an architecture
 * the highest version in the label wins; other designators take the first partition. Then the combination
 * is checked.
 */
public final class PartitionSelection {
    private PartitionSelection() {}

    /**
     * Selects partitions.
     *
     * @param knownRootHash a root hash given up front (sidecar or xattr) and which data partition it is for
     * @throws InvalidImageException when the chosen partitions do not fit together
     */
    public static Map<PartitionDesignator, DdiPartition> select(List<DdiPartition> partitions,
            Optional<Architecture> nativeArchitecture, Optional<RootHash> knownRootHash,
            Optional<PartitionDesignator> knownFor) throws InvalidImageException {
        if (knownRootHash.isPresent() && (isNull(knownRootHash.get().dataPartitionUuid())
                || isNull(knownRootHash.get().verityPartitionUuid()))) {
            throw new InvalidImageException("The root hash " + knownRootHash.get()
                    + " has an all-zero half, which cannot name a partition");
        }
        Map<PartitionDesignator, DdiPartition> chosen = new EnumMap<>(PartitionDesignator.class);
        // Data partitions first: verity and signature partitions follow their architecture.
        for (PartitionDesignator designator : List.of(PartitionDesignator.ROOT, PartitionDesignator.USR)) {
            Optional<UUID> required = knownFor.filter(d -> d == designator).flatMap(d -> knownRootHash)
                    .map(RootHash::dataPartitionUuid);
            Optional<DdiPartition> found = best(partitions, designator, nativeArchitecture, Optional.empty(), required);
            if (found.isEmpty() && required.isPresent()
                    && best(partitions, designator, nativeArchitecture, Optional.empty(), Optional.empty()).isPresent()) {
                throw new InvalidImageException("No " + designator + " partition has the UUID " + required.get()
                        + " that the root hash " + knownRootHash.get() + " asks for");
            }
            found.ifPresent(p -> chosen.put(designator, p));
        }
        for (PartitionDesignator data : List.of(PartitionDesignator.ROOT, PartitionDesignator.USR)) {
            Optional<Architecture> dataArchitecture = Optional.ofNullable(chosen.get(data))
                    .flatMap(p -> p.type().architecture());
            PartitionDesignator verity = data.verity().orElseThrow();
            Optional<UUID> required = knownFor.filter(d -> d == data).flatMap(d -> knownRootHash)
                    .map(RootHash::verityPartitionUuid);
            Optional<DdiPartition> found = best(partitions, verity, nativeArchitecture, dataArchitecture, required);
            if (found.isEmpty() && required.isPresent()
                    && best(partitions, verity, nativeArchitecture, dataArchitecture, Optional.empty()).isPresent()) {
                throw new InvalidImageException("No " + verity + " partition has the UUID " + required.get()
                        + " that the root hash " + knownRootHash.get() + " asks for");
            }
            found.ifPresent(p -> chosen.put(verity, p));
            PartitionDesignator signature = data.signature().orElseThrow();
            best(partitions, signature, nativeArchitecture, dataArchitecture, Optional.empty())
                    .ifPresent(p -> chosen.put(signature, p));
        }
        for (DdiPartition p : partitions) {
            Optional<PartitionDesignator> d = p.type().designator();
            if (d.isPresent() && !d.get().isArchitectureSpecific() && !skipped(p) && !chosen.containsKey(d.get())) {
                chosen.put(d.get(), p);
            }
        }
        check(chosen);
        return chosen;
    }

    private static boolean isNull(UUID uuid) {
        return uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0;
    }

    private static boolean skipped(DdiPartition p) {
        if (p.type().designator().orElse(null) == PartitionDesignator.ESP) {
            return (p.attributes() & 2) != 0;
        }
        return p.noAuto();
    }

    private static Optional<DdiPartition> best(List<DdiPartition> partitions, PartitionDesignator designator,
            Optional<Architecture> nativeArchitecture, Optional<Architecture> wanted, Optional<UUID> requiredUuid) {
        Comparator<DdiPartition> order = Comparator
                .comparingInt((DdiPartition p) -> rank(p.type().architecture(), nativeArchitecture, wanted))
                .thenComparing(DdiPartition::label, (a, b) -> Versions.compare(b, a))
                .thenComparingInt(DdiPartition::number);
        return partitions.stream()
                .filter(p -> p.type().designator().orElse(null) == designator)
                .filter(p -> !skipped(p))
                .filter(p -> requiredUuid.isEmpty() || requiredUuid.get().equals(p.uuid()))
                .min(order);
    }

    private static int rank(Optional<Architecture> architecture, Optional<Architecture> nativeArchitecture,
            Optional<Architecture> wanted) {
        if (wanted.isPresent()) {
            return architecture.equals(wanted) ? 0 : 3;
        }
        if (architecture.isPresent() && architecture.equals(nativeArchitecture)) {
            return 0;
        }
        if (architecture.isPresent() && nativeArchitecture.flatMap(Architecture::secondary).equals(architecture)) {
            return 1;
        }
        return 2;
    }

    private static void check(Map<PartitionDesignator, DdiPartition> chosen) throws InvalidImageException {
        for (PartitionDesignator data : List.of(PartitionDesignator.ROOT, PartitionDesignator.USR)) {
            PartitionDesignator verity = data.verity().orElseThrow();
            PartitionDesignator signature = data.signature().orElseThrow();
            if (chosen.containsKey(verity) && !chosen.containsKey(data)) {
                throw new InvalidImageException("The image has a " + verity + " partition but no " + data + " partition");
            }
            if (chosen.containsKey(signature) && !chosen.containsKey(verity)) {
                throw new InvalidImageException("The image has a " + signature + " partition but no " + verity
                        + " partition");
            }
            if (chosen.containsKey(verity) && !sameArchitecture(chosen.get(data), chosen.get(verity))) {
                throw new InvalidImageException("The " + verity + " partition is for another architecture than the "
                        + data + " partition");
            }
        }
        if (chosen.containsKey(PartitionDesignator.ROOT_VERITY) && chosen.containsKey(PartitionDesignator.USR)) {
            throw new InvalidImageException("The image has a verity-protected root partition and a separate usr partition");
        }
        if (chosen.containsKey(PartitionDesignator.ROOT) && chosen.containsKey(PartitionDesignator.USR)
                && !sameArchitecture(chosen.get(PartitionDesignator.ROOT), chosen.get(PartitionDesignator.USR))) {
            throw new InvalidImageException("The root and usr partitions are for different architectures");
        }
    }

    private static boolean sameArchitecture(DdiPartition a, DdiPartition b) {
        return a.type().architecture().equals(b.type().architecture());
    }
}
