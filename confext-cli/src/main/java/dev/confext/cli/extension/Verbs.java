package dev.confext.cli.extension;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The verbs {@code confext}/{@code sysext} know, by name. Registering a verb is one line in
 * {@link #standard()}. A verb is created only when it is looked up, so a run pays only for the verb it
 * runs (the others pull in time zones, JSON output and more at construction). Immutable.
 */
final class Verbs {
    /** The verb run when the command line names none. */
    static final String DEFAULT_VERB = "status";

    private final Map<String, Supplier<? extends Verb>> byName;

    private Verbs(Map<String, Supplier<? extends Verb>> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Every verb of the tool. */
    static Verbs standard() {
        Map<String, Supplier<? extends Verb>> verbs = new LinkedHashMap<>();
        verbs.put("status", StatusVerb::new);
        verbs.put("merge", MergeVerb::new);
        verbs.put("unmerge", UnmergeVerb::new);
        verbs.put("refresh", RefreshVerb::new);
        verbs.put("list", ListVerb::new);
        verbs.put("plan", PlanVerb::new);
        verbs.put("help", HelpVerb::new);
        return new Verbs(verbs);
    }

    /** A registry with exactly these verbs (tests use it to run fakes). */
    static Verbs of(Map<String, Verb> verbs) {
        Map<String, Supplier<? extends Verb>> suppliers = new LinkedHashMap<>();
        verbs.forEach((name, verb) -> suppliers.put(name, () -> verb));
        return new Verbs(suppliers);
    }

    Optional<Verb> find(String name) {
        Supplier<? extends Verb> verb = byName.get(name);
        return verb == null ? Optional.empty() : Optional.of(verb.get());
    }
}
