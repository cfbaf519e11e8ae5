package dev.confext.core.config;

import dev.confext.core.api.ResolvedPath;

/**
 * One configuration file to read and the name its warnings carry: systemd names a main file by its absolute
 * in-root path ({@code /etc/systemd/sysext.conf}) but a drop-in by its path relative to the root
 * ({@code etc/systemd/sysext.conf.d/10-x.conf}).
 *
 * @param file  the file, resolved inside the root
 * @param label the name used in warnings about its lines
 */
public record ConfigFile(ResolvedPath file, String label) {}
