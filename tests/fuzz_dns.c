/*
 * A libFuzzer target for the DNS reply parser of lib/dnswire.c.  The
 * first byte picks the type asked (A or AAAA); the rest is the reply.
 * The question takes the reply's own id and, when the reply holds a
 * plain uncompressed question name, that name too, so that most inputs
 * get past the question check into the answer section; otherwise it
 * asks for a.test.  Every address reported must be 4 or 16 bytes and is
 * read to its last byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dnswire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static volatile unsigned fuzzsink;	/* keeps the reads */

static int	found(void *, const uint8_t *, size_t);

static int
found(void *arg, const uint8_t *addr, size_t len)
{
	unsigned *sum = arg;
	size_t i;

	if (len != 4 && len != 16)
		abort();
	for (i = 0; i < len; i++)
		*sum += addr[i];
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dns_question q;
	const uint8_t *msg;
	size_t len, off;
	unsigned sum;
	int rc;

	if (size < 1)
		return (0);
	msg = data + 1;
	len = size - 1;
	if (dns_question_make(&q, "a.test", data[0] & 1 ? DNS_TYPE_AAAA :
	    DNS_TYPE_A, len >= 2 ? (uint16_t)(msg[0] << 8 | msg[1]) : 0) == -1)
		abort();
	for (off = DNS_HEADER_LEN; off < len && msg[off] != 0 &&
	    msg[off] <= DNS_LABEL_MAX; off += 1 + msg[off])
		;
	if (off < len && msg[off] == 0 &&
	    off + 1 - DNS_HEADER_LEN <= DNS_NAME_MAX) {
		q.namelen = off + 1 - DNS_HEADER_LEN;
		memcpy(q.name, msg + DNS_HEADER_LEN, q.namelen);
	}
	sum = 0;
	rc = dns_reply_parse(&q, msg, len, found, &sum);
	if (rc < DNS_REPLY_OTHER || rc > DNS_REPLY_FAILED)
		abort();
	if (rc != DNS_REPLY_ANSWER && sum != 0)
		abort();	/* addresses only with an answer */
	fuzzsink = sum;
	return (0);
}
