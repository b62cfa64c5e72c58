/*
 * The DNS message format (RFC 1035) as far as looking up a host's
 * addresses needs it: one question out, and a reply checked against that
 * question and read back strictly, every offset and length bounded.
 * lib/resolve.c is its user; the reply parser is a fuzz target too.
 */
#ifndef JB_DNSWIRE_H
#define JB_DNSWIRE_H

#include <stddef.h>
#include <stdint.h>

#define DNS_NAME_MAX	255	/* bytes of a name in wire form */
#define DNS_TEXT_MAX	253	/* characters of a name, no final dot */
#define DNS_LABEL_MAX	63
#define DNS_HEADER_LEN	12
#define DNS_QUERY_MAX	(DNS_HEADER_LEN + DNS_NAME_MAX + 4)
#define DNS_UDP_MAX	512	/* a reply over UDP, without EDNS */
#define DNS_TCP_MAX	65535	/* a reply over TCP: a 16-bit length */
#define DNS_CNAME_MAX	16	/* aliases followed in one answer */

#define DNS_TYPE_A	1
#define DNS_TYPE_CNAME	5
#define DNS_TYPE_AAAA	28
#define DNS_CLASS_IN	1

struct dns_question {
	uint16_t	id;
	uint16_t	type;		/* DNS_TYPE_A or DNS_TYPE_AAAA */
	size_t		namelen;
	uint8_t		name[DNS_NAME_MAX];	/* wire form */
};

/* What a received message means for the question asked. */
enum dns_reply {
	DNS_REPLY_OTHER,	/* not a reply to it: ignore the message */
	DNS_REPLY_ANSWER,	/* the name exists; its addresses were given */
	DNS_REPLY_NXDOMAIN,	/* the name does not exist */
	DNS_REPLY_TRUNCATED,	/* ask again over TCP */
	DNS_REPLY_FAILED	/* server failure or malformed: ask another */
};

int	dns_name_encode(const char *, uint8_t *, size_t *);
int	dns_question_make(struct dns_question *, const char *, uint16_t,
	    uint16_t);
size_t	dns_query_encode(const struct dns_question *, uint8_t *);
int	dns_reply_parse(const struct dns_question *, const uint8_t *, size_t,
	    int (*)(void *, const uint8_t *, size_t), void *);

#endif
