/** dm-verity: parameters, tree building and verification, forward error correction, signatures, DDI reading. */
package dev.confext.verity.api;
