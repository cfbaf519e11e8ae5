/** Planning and applying merges: the planner, the executor and their events. */
package dev.confext.mount.api;
