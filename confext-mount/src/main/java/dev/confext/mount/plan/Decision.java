package dev.confext.mount.plan;

/** What a plan does to a hierarchy. */
public enum Decision {
    /** Nothing of ours is mounted; an overlay will be mounted. */
    MERGE,
    /** Ours is mounted and something changed; it will be replaced. */
    REFRESH,
    /** Ours is mounted and nothing changed; nothing will be touched. */
    SKIP,
    /** Ours is mounted and nothing should be; it will be unmounted. */
    UNMERGE,
    /** Nothing is mounted and nothing should be. */
    NOTHING
}
