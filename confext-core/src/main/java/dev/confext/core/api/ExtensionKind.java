package dev.confext.core.api;

import java.util.List;

/**
 * The two kinds of extension: system extensions ({@code /usr}, {@code /opt}) and configuration
 * extensions ({@code /etc}). Everything that differs between {@code systemd-sysext} and
 * {@code systemd-confext} is a property here.
 */
public enum ExtensionKind {
    SYSEXT("sysext", List.of("/usr", "/opt"), ".sysext", "/usr/lib/extension-release.d", "SYSEXT_LEVEL",
            "SYSEXT_SCOPE", ".systemd-sysext", "extensions", "extensions",
            List.of("/etc/extensions", "/run/extensions", "/var/lib/extensions"),
            List.of("/etc/extensions", "/run/extensions", "/var/lib/extensions", "/.extra/sysext",
                    "/.extra/global_sysext"),
            "SysExt", false, false),
    CONFEXT("confext", List.of("/etc"), ".confext", "/etc/extension-release.d", "CONFEXT_LEVEL",
            "CONFEXT_SCOPE", ".systemd-confext", "confexts", "confexts",
            List.of("/run/confexts", "/var/lib/confexts", "/usr/local/lib/confexts", "/usr/lib/confexts"),
            List.of("/run/confexts", "/var/lib/confexts", "/usr/local/lib/confexts", "/.extra/confext",
                    "/.extra/global_confext"),
            "ConfExt", true, true);

    private final String word;
    private final List<String> defaultHierarchies;
    private final String nameSuffix;
    private final String releaseDirectory;
    private final String levelKey;
    private final String scopeKey;
    private final String metadataDirectory;
    private final String listFile;
    private final String stagingDirectory;
    private final List<String> searchDirectories;
    private final List<String> initrdSearchDirectories;
    private final String configSection;
    private final boolean nosuid;
    private final boolean noexec;

    ExtensionKind(String word, List<String> defaultHierarchies, String nameSuffix, String releaseDirectory,
            String levelKey, String scopeKey, String metadataDirectory, String listFile, String stagingDirectory,
            List<String> searchDirectories, List<String> initrdSearchDirectories, String configSection,
            boolean nosuid, boolean noexec) {
        this.word = word;
        this.defaultHierarchies = defaultHierarchies;
        this.nameSuffix = nameSuffix;
        this.releaseDirectory = releaseDirectory;
        this.levelKey = levelKey;
        this.scopeKey = scopeKey;
        this.metadataDirectory = metadataDirectory;
        this.listFile = listFile;
        this.stagingDirectory = stagingDirectory;
        this.searchDirectories = searchDirectories;
        this.initrdSearchDirectories = initrdSearchDirectories;
        this.configSection = configSection;
        this.nosuid = nosuid;
        this.noexec = noexec;
    }

    /** {@code sysext} or {@code confext}: the overlay source, config file stem and CLI name. */
    public String word() {
        return word;
    }

    /** {@code /usr /opt} or {@code /etc}, in merge order. */
    public List<String> defaultHierarchies() {
        return defaultHierarchies;
    }

    /** The class suffix stripped from image names, {@code .sysext} or {@code .confext}. */
    public String nameSuffix() {
        return nameSuffix;
    }

    /** The directory inside an image that holds {@code extension-release.NAME}. */
    public String releaseDirectory() {
        return releaseDirectory;
    }

    /** {@code SYSEXT_LEVEL} or {@code CONFEXT_LEVEL}. */
    public String levelKey() {
        return levelKey;
    }

    /** {@code SYSEXT_SCOPE} or {@code CONFEXT_SCOPE}. */
    public String scopeKey() {
        return scopeKey;
    }

    /** {@code .systemd-sysext} or {@code .systemd-confext}, inside a merged hierarchy. */
    public String metadataDirectory() {
        return metadataDirectory;
    }

    /** {@code extensions} or {@code confexts}: the list file in the metadata directory. */
    public String listFile() {
        return listFile;
    }

    /** Sub-directory of the staging area where images are mounted. */
    public String stagingDirectory() {
        return stagingDirectory;
    }

    /** Search directories, highest priority first. */
    public List<String> searchDirectories(boolean initrd) {
        return initrd ? initrdSearchDirectories : searchDirectories;
    }

    /** {@code SysExt} or {@code ConfExt}: the section read from the config file. */
    public String configSection() {
        return configSection;
    }

    /** {@code systemd/sysext.conf} or {@code systemd/confext.conf}, relative to a config directory. */
    public String configFile() {
        return "systemd/" + word + ".conf";
    }

    /** {@code SYSTEMD_SYSEXT_MUTABLE_MODE} or {@code SYSTEMD_CONFEXT_MUTABLE_MODE}. */
    public String mutableModeVariable() {
        return "SYSTEMD_" + word.toUpperCase(java.util.Locale.ROOT) + "_MUTABLE_MODE";
    }

    /** {@code SYSTEMD_SYSEXT_HIERARCHIES} or {@code SYSTEMD_CONFEXT_HIERARCHIES}. */
    public String hierarchiesVariable() {
        return "SYSTEMD_" + word.toUpperCase(java.util.Locale.ROOT) + "_HIERARCHIES";
    }

    /** {@code SYSTEMD_SYSEXT_OVERLAYFS_MOUNT_OPTIONS} or {@code SYSTEMD_CONFEXT_OVERLAYFS_MOUNT_OPTIONS}. */
    public String overlayOptionsVariable() {
        return "SYSTEMD_" + word.toUpperCase(java.util.Locale.ROOT) + "_OVERLAYFS_MOUNT_OPTIONS";
    }

    /** Whether the merged overlay is mounted {@code nosuid} (confext) or not (sysext). */
    public boolean nosuid() {
        return nosuid;
    }

    /** Whether the merged overlay is mounted {@code noexec} by default (confext) or not (sysext). */
    public boolean noexecByDefault() {
        return noexec;
    }
}
