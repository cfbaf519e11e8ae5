/**
 * The merge plan: immutable values with a stable JSON form, and no dependency on the engine, so tools
 * can read, store and diff plans without the executor.
 */
package dev.confext.mount.plan;
