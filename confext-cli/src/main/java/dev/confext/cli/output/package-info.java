/** Output as systemd's tools print it: tables, JSON documents and timestamps. */
package dev.confext.cli.output;
