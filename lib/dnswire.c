/*
 * DNS messages for a host's addresses.  A query carries one question with
 * recursion desired.  A reply is anything the network hands back, so it
 * is read defensively: every name is decoded with its compression
 * pointers counted and bounded, every record's rdlength is checked against
 * the message, and the whole answer section is validated before a single
 * address is reported, so that a reply is taken whole or not at all.
 */
#include <errno.h>
#include <string.h>

#include "dnswire.h"
#include "errmsg.h"

#define DNS_FLAG_QR	0x8000
#define DNS_FLAG_TC	0x0200
#define DNS_FLAG_RD	0x0100
#define DNS_OPCODE(f)	(((f) >> 11) & 0xf)
#define DNS_RCODE(f)	((f) & 0xf)
#define DNS_RCODE_OK	0
#define DNS_RCODE_NXDOMAIN 3
#define DNS_POINTERS_MAX 127	/* one per label at most */

/* One resource record of the answer section, its owner decoded. */
struct dns_rr {
	uint8_t		owner[DNS_NAME_MAX];
	size_t		ownerlen;
	uint16_t	type;
	uint16_t	class;
	size_t		rdoff;
	size_t		rdlen;
};

static uint16_t	get16(const uint8_t *);
static void	put16(uint8_t *, uint16_t);
static int	name_read(const uint8_t *, size_t, size_t *, uint8_t *,
		    size_t *);
static int	name_equal(const uint8_t *, size_t, const uint8_t *, size_t);
static int	rr_read(const uint8_t *, size_t, size_t *, struct dns_rr *);
static int	rr_valid(const uint8_t *, size_t, const struct dns_rr *);
static int	cname_target(const uint8_t *, size_t, size_t, uint16_t,
		    const uint8_t *, size_t, uint8_t *, size_t *);

static uint16_t
get16(const uint8_t *p)
{
	return ((uint16_t)(p[0] << 8 | p[1]));
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * A host name in text (a final dot allowed, no escapes) in wire form:
 * the one place that knows the limits of a name's length and labels.
 */
int
dns_name_encode(const char *text, uint8_t *wire, size_t *lenp)
{
	const char *p, *dot;
	size_t len, n;

	if (*text == '\0' || strcmp(text, ".") == 0)
		return (jb_errx(EINVAL, "host name is empty"));
	len = 0;
	for (p = text; *p != '\0'; p = *dot == '.' ? dot + 1 : dot) {
		dot = strchrnul(p, '.');
		n = (size_t)(dot - p);
		if (n == 0)
			return (jb_errx(EINVAL, "host name has an empty "
			    "label"));
		if (n > DNS_LABEL_MAX)
			return (jb_errx(EINVAL, "host name has a label longer "
			    "than %d characters", DNS_LABEL_MAX));
		if (len + 1 + n + 1 > DNS_NAME_MAX)
			return (jb_errx(EINVAL, "host name is longer than %d "
			    "characters", DNS_TEXT_MAX));
		wire[len++] = (uint8_t)n;
		memcpy(wire + len, p, n);
		len += n;
	}
	wire[len++] = 0;
	*lenp = len;
	return (0);
}

/* The question "type of name?" with the query id id. */
int
dns_question_make(struct dns_question *q, const char *name, uint16_t type,
    uint16_t id)
{
	memset(q, 0, sizeof(*q));
	q->id = id;
	q->type = type;
	return (dns_name_encode(name, q->name, &q->namelen));
}

/* The query for q into buf (DNS_QUERY_MAX bytes); its length. */
size_t
dns_query_encode(const struct dns_question *q, uint8_t *buf)
{
	size_t len;

	memset(buf, 0, DNS_HEADER_LEN);
	put16(buf, q->id);
	put16(buf + 2, DNS_FLAG_RD);
	put16(buf + 4, 1);			/* QDCOUNT */
	len = DNS_HEADER_LEN;
	memcpy(buf + len, q->name, q->namelen);
	len += q->namelen;
	put16(buf + len, q->type);
	put16(buf + len + 2, DNS_CLASS_IN);
	return (len + 4);
}

/*
 * Decode the name at *offp into out (wire form, uncompressed, may be
 * NULL) and move *offp past it.  Pointers may go anywhere in the message
 * but are counted, so a loop ends; the decoded name stays within
 * DNS_NAME_MAX bytes, and label types other than 0 and pointers are
 * refused.
 */
static int
name_read(const uint8_t *msg, size_t len, size_t *offp, uint8_t *out,
    size_t *outlenp)
{
	uint8_t buf[DNS_NAME_MAX];
	size_t off, n, outlen;
	int jumps;

	off = *offp;
	outlen = 0;
	for (jumps = 0;;) {
		if (off >= len)
			return (-1);
		n = msg[off];
		if ((n & 0xc0) == 0xc0) {
			if (off + 1 >= len || ++jumps > DNS_POINTERS_MAX)
				return (-1);
			if (jumps == 1)
				*offp = off + 2;
			off = (n & 0x3f) << 8 | msg[off + 1];
			continue;
		}
		if ((n & 0xc0) != 0 || outlen + 1 + n > DNS_NAME_MAX ||
		    off + 1 + n > len)
			return (-1);
		memcpy(buf + outlen, msg + off, 1 + n);
		outlen += 1 + n;
		off += 1 + n;
		if (n == 0)
			break;
	}
	if (jumps == 0)
		*offp = off;
	if (out != NULL)
		memcpy(out, buf, outlen);
	*outlenp = outlen;
	return (0);
}

/* Whether two names in wire form are equal, ignoring ASCII case. */
static int
name_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i;
	uint8_t x, y;

	if (alen != blen)
		return (0);
	for (i = 0; i < alen; i++) {
		x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] + ('a' - 'A') : a[i];
		y = b[i] >= 'A' && b[i] <= 'Z' ? b[i] + ('a' - 'A') : b[i];
		if (x != y)
			return (0);
	}
	return (1);
}

/* The record at *offp into rr, *offp moved past its data. */
static int
rr_read(const uint8_t *msg, size_t len, size_t *offp, struct dns_rr *rr)
{
	size_t off;

	off = *offp;
	if (name_read(msg, len, &off, rr->owner, &rr->ownerlen) == -1 ||
	    len - off < 10)
		return (-1);
	rr->type = get16(msg + off);
	rr->class = get16(msg + off + 2);
	rr->rdlen = get16(msg + off + 8);
	rr->rdoff = off + 10;
	if (len - rr->rdoff < rr->rdlen)
		return (-1);
	*offp = rr->rdoff + rr->rdlen;
	return (0);
}

/* Whether the data of an IN record of a type we read has its exact form. */
static int
rr_valid(const uint8_t *msg, size_t len, const struct dns_rr *rr)
{
	size_t off, n;

	if (rr->class != DNS_CLASS_IN)
		return (1);
	switch (rr->type) {
	case DNS_TYPE_A:
		return (rr->rdlen == 4);
	case DNS_TYPE_AAAA:
		return (rr->rdlen == 16);
	case DNS_TYPE_CNAME:
		off = rr->rdoff;
		return (name_read(msg, len, &off, NULL, &n) == 0 &&
		    off == rr->rdoff + rr->rdlen);
	default:
		return (1);
	}
}

/*
 * The target of the first IN CNAME owned by name among the ancount
 * records from off, in target; 0 if name has none.
 */
static int
cname_target(const uint8_t *msg, size_t len, size_t off, uint16_t ancount,
    const uint8_t *name, size_t namelen, uint8_t *target, size_t *targetlen)
{
	struct dns_rr rr;
	size_t roff;
	uint16_t i;

	for (i = 0; i < ancount; i++) {
		if (rr_read(msg, len, &off, &rr) == -1)
			return (-1);
		if (rr.class != DNS_CLASS_IN || rr.type != DNS_TYPE_CNAME ||
		    !name_equal(rr.owner, rr.ownerlen, name, namelen))
			continue;
		roff = rr.rdoff;
		if (name_read(msg, len, &roff, target, targetlen) == -1)
			return (-1);
		return (1);
	}
	return (0);
}

/*
 * What the message msg of len bytes says to question q.  A message that
 * is no reply to q (too short, another id, not a response, another
 * question) is DNS_REPLY_OTHER, for the caller to keep waiting.  For an
 * answer, the CNAME chain from the question's name is followed within
 * the answer section and found(arg, address, 4 or 16) is called for
 * each IN record of q's type owned by its end, in order; a found that
 * returns -1 makes this return -1.
 */
int
dns_reply_parse(const struct dns_question *q, const uint8_t *msg, size_t len,
    int (*found)(void *, const uint8_t *, size_t), void *arg)
{
	uint8_t name[DNS_NAME_MAX], next[DNS_NAME_MAX];
	size_t off, answers, namelen, nextlen;
	struct dns_rr rr;
	uint16_t flags, ancount, i;
	int hops, rc;

	if (len < DNS_HEADER_LEN || get16(msg) != q->id)
		return (DNS_REPLY_OTHER);
	flags = get16(msg + 2);
	if (!(flags & DNS_FLAG_QR) || DNS_OPCODE(flags) != 0 ||
	    get16(msg + 4) != 1)
		return (DNS_REPLY_OTHER);
	off = DNS_HEADER_LEN;
	if (name_read(msg, len, &off, name, &namelen) == -1 ||
	    len - off < 4 || !name_equal(name, namelen, q->name, q->namelen) ||
	    get16(msg + off) != q->type || get16(msg + off + 2) != DNS_CLASS_IN)
		return (DNS_REPLY_OTHER);
	if (DNS_RCODE(flags) == DNS_RCODE_NXDOMAIN)
		return (DNS_REPLY_NXDOMAIN);
	if (DNS_RCODE(flags) != DNS_RCODE_OK)
		return (DNS_REPLY_FAILED);
	if (flags & DNS_FLAG_TC)
		return (DNS_REPLY_TRUNCATED);

	answers = off + 4;
	ancount = get16(msg + 6);
	for (off = answers, i = 0; i < ancount; i++)
		if (rr_read(msg, len, &off, &rr) == -1 ||
		    !rr_valid(msg, len, &rr))
			return (DNS_REPLY_FAILED);

	for (hops = 0;; hops++) {
		rc = cname_target(msg, len, answers, ancount, name, namelen,
		    next, &nextlen);
		if (rc == -1 || (rc == 1 && hops == DNS_CNAME_MAX))
			return (DNS_REPLY_FAILED);
		if (rc == 0)
			break;
		memcpy(name, next, nextlen);
		namelen = nextlen;
	}

	for (off = answers, i = 0; i < ancount; i++) {
		if (rr_read(msg, len, &off, &rr) == -1)
			return (DNS_REPLY_FAILED);
		if (rr.class == DNS_CLASS_IN && rr.type == q->type &&
		    name_equal(rr.owner, rr.ownerlen, name, namelen) &&
		    found(arg, msg + rr.rdoff, rr.rdlen) == -1)
			return (-1);
	}
	return (DNS_REPLY_ANSWER);
}
