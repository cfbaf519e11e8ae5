package dev.confext.core.api;

import java.util.Map;
import java.util.Set;

/**
 * Which partitions of a disk image may be used, and how they must be protected (spec §8.3). Immutable.
 */
public final class ImagePolicy {
    private final Map<PartitionDesignator, Set<PolicyFlag>> rules;
    private final Set<PolicyFlag> defaultFlags;

    private ImagePolicy(Map<PartitionDesignator, Set<PolicyFlag>> rules, Set<PolicyFlag> defaultFlags) {
        this.rules = Map.copyOf(rules);
        this.defaultFlags = Set.copyOf(defaultFlags);
    }

    /**
     * Parses a policy string.
     *
     * @param text   the policy, e.g. {@code root=verity+signed:usr=absent}
     * @param strict true on the command line (unknown designators and flags are errors); false for the
     *               config file (they are ignored)
     * @throws ImagePolicyException for a duplicate designator, an unknown designator or flag (strict
     *                              only) or a rule without {@code =}
     */
    public static ImagePolicy parse(String text, boolean strict) throws ImagePolicyException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The kind's built-in policy for images outside {@code /.extra} (spec §1.1). */
    public static ImagePolicy defaultFor(ExtensionKind kind) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The kind's strict policy for {@code /.extra/...} images in an initrd (spec §1.1). */
    public static ImagePolicy strictFor(ExtensionKind kind) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * What the policy allows for one partition: its own rule, else the derived rule for verity and
     * signature partitions, else the default.
     */
    public Set<PolicyFlag> flagsFor(PartitionDesignator designator) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether {@code designator} may be used with protection {@code use} (a use flag). */
    public boolean allows(PartitionDesignator designator, PolicyFlag use) {
        return flagsFor(designator).contains(use);
    }
}
