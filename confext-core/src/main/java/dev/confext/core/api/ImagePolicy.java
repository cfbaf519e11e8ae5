package dev.confext.core.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which partitions of a disk image may be used, and how they must be protected (spec §8.3). Immutable and
 * thread-safe.
 *
 * <p>Rules keep the flags as written; {@link #flagsFor} gives the effective flags with unspecified parts
 * filled in ("no use flag" = all use flags, no read-only/growfs flag = both) and meaningless ones removed,
 * as upstream's policy lookup does.
 */
public final class ImagePolicy {
    private static final Set<PolicyFlag> USE_FLAGS = EnumSet.of(PolicyFlag.VERITY, PolicyFlag.SIGNED,
            PolicyFlag.ENCRYPTED, PolicyFlag.ENCRYPTED_WITH_INTEGRITY, PolicyFlag.UNPROTECTED, PolicyFlag.UNUSED,
            PolicyFlag.ABSENT);
    private static final Set<PolicyFlag> IGNORE = EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT);
    private static final String PROTECTED_OR_ABSENT = "verity+signed+encrypted+encryptedwithintegrity+unprotected+absent";

    private final Map<PartitionDesignator, Set<PolicyFlag>> rules;
    private final Set<PolicyFlag> defaultFlags;

    private ImagePolicy(Map<PartitionDesignator, Set<PolicyFlag>> rules, Set<PolicyFlag> defaultFlags) {
        EnumMap<PartitionDesignator, Set<PolicyFlag>> copy = new EnumMap<>(PartitionDesignator.class);
        rules.forEach((d, f) -> copy.put(d, Collections.unmodifiableSet(EnumSet.copyOf(withNone(f)))));
        this.rules = Collections.unmodifiableMap(copy);
        this.defaultFlags = Collections.unmodifiableSet(EnumSet.copyOf(withNone(defaultFlags)));
    }

    private static Set<PolicyFlag> withNone(Set<PolicyFlag> flags) {
        return flags.isEmpty() ? EnumSet.noneOf(PolicyFlag.class) : flags;
    }

    /**
     * Parses a policy string.
     *
     * @param text   the policy, e.g. {@code root=verity+signed:usr=absent}
     * @param strict true on the command line (unknown designators and flags are errors); false for the
     *               config file (they are ignored)
     * @throws ImagePolicyException for a duplicate designator or default ({@code ENOTUNIQ}), an unknown
     *                              designator ({@code EBADSLT}) or flag ({@code EBADRQC}) when strict, or a
     *                              rule without {@code =} ({@code EINVAL})
     */
    public static ImagePolicy parse(String text, boolean strict) throws ImagePolicyException {
        Objects.requireNonNull(text, "text");
        switch (text) {
            case "", "-" -> {
                return new ImagePolicy(Map.of(), IGNORE);
            }
            case "*" -> {
                return new ImagePolicy(Map.of(), USE_FLAGS);
            }
            case "~" -> {
                return new ImagePolicy(Map.of(), EnumSet.of(PolicyFlag.ABSENT));
            }
            default -> { }
        }
        Map<PartitionDesignator, Set<PolicyFlag>> rules = new EnumMap<>(PartitionDesignator.class);
        Set<PolicyFlag> defaults = IGNORE;
        boolean defaultGiven = false;
        for (String rule : text.split(":", -1)) {
            int eq = rule.indexOf('=');
            if (rule.isEmpty()) {
                throw new ImagePolicyException(ImagePolicyException.Reason.SYNTAX,
                        "Expected designator name followed by '='; got an empty rule in image policy: " + text);
            }
            if (eq < 0) {
                throw new ImagePolicyException(ImagePolicyException.Reason.SYNTAX,
                        "Missing '=' in policy expression: " + rule);
            }
            String designatorText = strip(rule.substring(0, eq));
            String flagsText = strip(rule.substring(eq + 1));
            PartitionDesignator designator = null;
            if (designatorText.isEmpty()) {
                if (defaultGiven) {
                    throw new ImagePolicyException(ImagePolicyException.Reason.DUPLICATE,
                            "Default partition policy flags specified more than once: " + text);
                }
                defaultGiven = true;
            } else {
                designator = PartitionDesignator.fromWord(designatorText).orElse(null);
                if (designator == null) {
                    if (strict) {
                        throw new ImagePolicyException(ImagePolicyException.Reason.UNKNOWN_DESIGNATOR,
                                "Unknown partition type in image policy: " + designatorText);
                    }
                    continue;
                }
                if (rules.containsKey(designator)) {
                    throw new ImagePolicyException(ImagePolicyException.Reason.DUPLICATE,
                            "Partition designator specified more than once: " + designatorText);
                }
            }
            Set<PolicyFlag> flags = parseFlags(flagsText, strict);
            if (designator == null) {
                defaults = flags;
            } else {
                rules.put(designator, flags);
            }
        }
        return new ImagePolicy(rules, defaults);
    }

    private static Set<PolicyFlag> parseFlags(String text, boolean strict) throws ImagePolicyException {
        Set<PolicyFlag> flags = EnumSet.noneOf(PolicyFlag.class);
        if (text.isEmpty() || text.equals("-")) {
            return flags;
        }
        for (String word : text.split("\\+", -1)) {
            String flag = strip(word);
            switch (flag) {
                case "open" -> flags.addAll(USE_FLAGS);
                case "ignore" -> flags.addAll(IGNORE);
                default -> {
                    PolicyFlag f = PolicyFlag.fromWord(flag).orElse(null);
                    if (f == null) {
                        if (strict) {
                            throw new ImagePolicyException(ImagePolicyException.Reason.UNKNOWN_FLAG,
                                    "Unknown partition policy flag in image policy: " + flag);
                        }
                    } else {
                        flags.add(f);
                    }
                }
            }
        }
        return flags;
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The kind's built-in policy for images outside {@code /.extra} (spec §1.1). */
    public static ImagePolicy defaultFor(ExtensionKind kind) {
        String text = kind == ExtensionKind.SYSEXT
                ? "root=" + PROTECTED_OR_ABSENT + ":usr=" + PROTECTED_OR_ABSENT
                : "root=" + PROTECTED_OR_ABSENT;
        return parseBuiltIn(text);
    }

    /** The kind's strict policy for {@code /.extra/...} images in an initrd (spec §1.1). */
    public static ImagePolicy strictFor(ExtensionKind kind) {
        return parseBuiltIn(kind == ExtensionKind.SYSEXT ? "root=signed+absent:usr=signed+absent" : "root=signed+absent");
    }

    /** The deny-all policy {@code ~}: every partition must be absent. */
    public static ImagePolicy denyAll() {
        return new ImagePolicy(Map.of(), EnumSet.of(PolicyFlag.ABSENT));
    }

    private static ImagePolicy parseBuiltIn(String text) {
        try {
            return parse(text, true);
        } catch (ImagePolicyException e) {
            throw new AssertionError(e);
        }
    }

    /** The rules as written, by designator (flags not normalised). */
    public Map<PartitionDesignator, Set<PolicyFlag>> rules() {
        return rules;
    }

    /** The flags for partitions without a rule, as written. */
    public Set<PolicyFlag> defaultFlags() {
        return defaultFlags;
    }

    /**
     * What the policy allows for one partition: its own rule, else for a verity or signature partition a
     * rule derived from the data partition's explicit rule (if that allows verity resp. signed), else the
     * default; normalised as described in the class comment.
     */
    public Set<PolicyFlag> flagsFor(PartitionDesignator designator) {
        Set<PolicyFlag> flags = lookUp(designator);
        return Collections.unmodifiableSet(normalise(flags == null ? defaultFlags : flags, designator));
    }

    /** The explicit or derived (not normalised... except the data partition's) flags, null when neither. */
    private Set<PolicyFlag> lookUp(PartitionDesignator designator) {
        Set<PolicyFlag> explicit = rules.get(designator);
        if (explicit != null) {
            return explicit;
        }
        PartitionDesignator data = designator.dataPartition().orElse(null);
        if (data == null) {
            return null;
        }
        Set<PolicyFlag> dataFlags = lookUp(data);
        if (dataFlags == null) {
            return null;
        }
        dataFlags = normalise(dataFlags, data);
        boolean signature = designator == PartitionDesignator.ROOT_VERITY_SIG
                || designator == PartitionDesignator.USR_VERITY_SIG;
        boolean allowed = signature ? dataFlags.contains(PolicyFlag.SIGNED)
                : dataFlags.contains(PolicyFlag.SIGNED) || dataFlags.contains(PolicyFlag.VERITY);
        if (!allowed) {
            return null;
        }
        Set<PolicyFlag> derived = EnumSet.of(PolicyFlag.UNPROTECTED);
        for (PolicyFlag f : dataFlags) {
            if (f == PolicyFlag.UNUSED || f == PolicyFlag.ABSENT || !f.isUseFlag() && !f.isFileSystem()) {
                derived.add(f);
            }
        }
        return derived;
    }

    private static EnumSet<PolicyFlag> normalise(Set<PolicyFlag> raw, PartitionDesignator designator) {
        EnumSet<PolicyFlag> flags = raw.isEmpty() ? EnumSet.noneOf(PolicyFlag.class) : EnumSet.copyOf(raw);
        if (flags.stream().noneMatch(PolicyFlag::isUseFlag)) {
            flags.addAll(USE_FLAGS);
        }
        if (!flags.contains(PolicyFlag.READ_ONLY_ON) && !flags.contains(PolicyFlag.READ_ONLY_OFF)) {
            flags.add(PolicyFlag.READ_ONLY_ON);
            flags.add(PolicyFlag.READ_ONLY_OFF);
        }
        if (!flags.contains(PolicyFlag.GROWFS_ON) && !flags.contains(PolicyFlag.GROWFS_OFF)) {
            flags.add(PolicyFlag.GROWFS_ON);
            flags.add(PolicyFlag.GROWFS_OFF);
        }
        if (designator.dataPartition().isPresent()) {
            flags.removeAll(EnumSet.of(PolicyFlag.VERITY, PolicyFlag.SIGNED, PolicyFlag.ENCRYPTED,
                    PolicyFlag.ENCRYPTED_WITH_INTEGRITY));
        }
        if (designator != PartitionDesignator.ROOT && designator != PartitionDesignator.USR) {
            flags.remove(PolicyFlag.VERITY);
            flags.remove(PolicyFlag.SIGNED);
        }
        EnumSet<PolicyFlag> use = EnumSet.copyOf(flags);
        use.retainAll(USE_FLAGS);
        if (use.equals(EnumSet.of(PolicyFlag.ABSENT))) {
            flags.removeAll(EnumSet.of(PolicyFlag.READ_ONLY_ON, PolicyFlag.READ_ONLY_OFF, PolicyFlag.GROWFS_ON,
                    PolicyFlag.GROWFS_OFF));
        }
        return flags;
    }

    /** Whether {@code designator} may be used with protection {@code use} (a use flag). */
    public boolean allows(PartitionDesignator designator, PolicyFlag use) {
        return flagsFor(designator).contains(use);
    }

    /** The policy in the string form {@link #parse} reads back: rules in designator order, then the default. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        rules.forEach((d, f) -> parts.add(d.word() + "=" + flagsText(f)));
        parts.add("=" + flagsText(defaultFlags));
        return String.join(":", parts);
    }

    private static String flagsText(Set<PolicyFlag> flags) {
        if (flags.isEmpty()) {
            return "-";
        }
        List<String> words = new ArrayList<>();
        flags.forEach(f -> words.add(f.word()));
        return String.join("+", words);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePolicy p && p.rules.equals(rules) && p.defaultFlags.equals(defaultFlags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, defaultFlags);
    }
}
