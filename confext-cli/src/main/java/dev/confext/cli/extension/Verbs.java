package dev.confext.cli.extension;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verbs {@code confext}/{@code sysext} know, by name. Registering a verb is one line in
 * {@link #standard()}. Immutable.
 */
final class Verbs {
    /** The verb run when the command line names none. */
    static final String DEFAULT_VERB = "status";

    private final Map<String, Verb> byName;

    private Verbs(Map<String, Verb> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Every verb of the tool. */
    static Verbs standard() {
        Map<String, Verb> verbs = new LinkedHashMap<>();
        verbs.put("status", new StatusVerb());
        verbs.put("merge", new MergeVerb());
        verbs.put("unmerge", new UnmergeVerb());
        verbs.put("refresh", new RefreshVerb());
        verbs.put("list", new ListVerb());
        verbs.put("plan", new PlanVerb());
        verbs.put("help", new HelpVerb());
        return new Verbs(verbs);
    }

    /** A registry with exactly these verbs (tests use it to run fakes). */
    static Verbs of(Map<String, Verb> verbs) {
        return new Verbs(verbs);
    }

    Optional<Verb> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
