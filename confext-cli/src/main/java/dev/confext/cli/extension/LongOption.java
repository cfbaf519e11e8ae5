package dev.confext.cli.extension;

/**
 * One long option of the {@code confext}/{@code sysext} command line, as getopt_long knows it.
 *
 * @param name          without the leading {@code --}
 * @param takesArgument whether the option requires a value ({@code --root=PATH} or {@code --root PATH})
 */
record LongOption(String name, boolean takesArgument) {
    String spelled() {
        return "--" + name;
    }
}
