/**
 * The {@code confext} and {@code sysext} commands: systemd's command line parsed into
 * {@link dev.confext.cli.extension.ExtensionOptions}, dispatched to one {@link dev.confext.cli.extension.Verb}
 * per verb (registered in {@code Verbs}).
 */
package dev.confext.cli.extension;
