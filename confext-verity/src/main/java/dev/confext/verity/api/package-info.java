/** dm-verity: parameters, tree building and verification, signatures, DDI reading. */
package dev.confext.verity.api;
