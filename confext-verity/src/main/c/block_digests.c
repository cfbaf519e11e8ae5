/*
 * Salted digests of many equal-sized blocks in one call, for dm-verity's level 0.
 *
 * Called from Java (dev.confext.verity.tree.NativeBlockDigests) once per batch of blocks instead of once
 * per block: a call from Java into native code costs about as much as hashing a few hundred bytes, and
 * OpenSSL's one-shot EVP_Digest allocates and frees a context on every digest. Here the context is set up
 * once, with the salt already absorbed when it comes first, and copied for each block.
 *
 * The digest functions are OpenSSL's low-level ones (SHA256_Init, SHA256_Update, SHA256_Final and their
 * siblings), passed in as addresses the caller looked up in libcrypto, so this file needs no OpenSSL
 * headers and links against nothing.
 */
#include <stddef.h>
#include <string.h>

/* Larger than OpenSSL's largest low-level context (SHA512_CTX, 216 bytes on LP64). */
#define CONTEXT_BYTES 512

typedef int (*digest_init)(void *context);
typedef int (*digest_update)(void *context, const void *data, size_t length);
typedef int (*digest_final)(unsigned char *digest, void *context);

/*
 * Writes the digest of each of the count blocks at data (block_size bytes apart) to digests
 * (digest_size bytes apart): H(salt || block) when salt_first is non-zero (format 1), else
 * H(block || salt) (format 0). Returns 1, or 0 when a digest function failed.
 */
__attribute__((visibility("default")))
int confext_block_digests(void *init, void *update, void *final, const unsigned char *salt, size_t salt_length,
                          int salt_first, const unsigned char *data, size_t block_size, int count,
                          unsigned char *digests, size_t digest_size)
{
	digest_init do_init = (digest_init) init;
	digest_update do_update = (digest_update) update;
	digest_final do_final = (digest_final) final;
	_Alignas(16) unsigned char start[CONTEXT_BYTES];
	_Alignas(16) unsigned char context[CONTEXT_BYTES];

	memset(start, 0, sizeof start);

	if (do_init(start) != 1)
		return 0;
	if (salt_first && salt_length > 0 && do_update(start, salt, salt_length) != 1)
		return 0;
	for (int i = 0; i < count; i++) {
		memcpy(context, start, CONTEXT_BYTES);
		if (do_update(context, data + (size_t) i * block_size, block_size) != 1)
			return 0;
		if (!salt_first && salt_length > 0 && do_update(context, salt, salt_length) != 1)
			return 0;
		if (do_final(digests + (size_t) i * digest_size, context) != 1)
			return 0;
	}
	return 1;
}
