/*
 * libFuzzer harness: bytes as a .bib file read twice, as pubdb reads it
 * (plain values built by the reader itself) and with btparse parsing every
 * entry. Any difference in the entries, their fields or the messages is a
 * finding: the process aborts with where the two readings part.
 */
#include "readings.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	if (!readings_agree("input", (const char *)data, size))
		abort();
	return 0;
}
