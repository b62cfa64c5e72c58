/*
 * Unit tests of lib/resolve.c and lib/dnswire.c: host names to addresses
 * without NSS.  The DNS message parser is fed crafted replies; the hosts
 * file and resolv.conf are temporary files of each case; and the cases
 * that talk DNS first move into a network namespace of their own (as
 * root), bring its loopback up and fork a small fake DNS server on
 * 127.0.0.1 and ::1 port 53, UDP and TCP, whose canned zone has one name
 * per behaviour.  The server logs every query it receives, so the cases
 * check which names were asked, in which order, over which transport.
 * Records use only 192.0.2.0/24, 198.51.100.0/24 and 2001:db8::/32.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "dnswire.h"
#include "errmsg.h"
#include "resolve.h"

#define NONAME	"hostname nor servname provided, or not known"
#define AGAIN	"Temporary failure in name resolution"

#define FLAG_QR	0x8000
#define FLAG_TC	0x0200
#define FLAG_RD	0x0100
#define FLAG_RA	0x0080
#define RCODE_SERVFAIL	2
#define RCODE_NXDOMAIN	3
#define RCODE_REFUSED	5
#define CLASS_CH	3

/* ---- a DNS message builder, independent of lib/dnswire.c ---- */

struct msg {
	uint8_t	b[65536];
	size_t	len;
};

static void
m_u8(struct msg *m, unsigned v)
{
	ATF_REQUIRE(m->len < sizeof(m->b));
	m->b[m->len++] = (uint8_t)v;
}

static void
m_u16(struct msg *m, unsigned v)
{
	m_u8(m, v >> 8);
	m_u8(m, v & 0xff);
}

static void
m_bytes(struct msg *m, const void *p, size_t n)
{
	ATF_REQUIRE(m->len + n <= sizeof(m->b));
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

/* A name in text, uncompressed. */
static void
m_name(struct msg *m, const char *text)
{
	const char *p, *dot;

	for (p = text; *p != '\0'; p = *dot == '.' ? dot + 1 : dot) {
		dot = strchrnul(p, '.');
		m_u8(m, (unsigned)(dot - p));
		m_bytes(m, p, (size_t)(dot - p));
	}
	m_u8(m, 0);
}

static void
m_header(struct msg *m, unsigned id, unsigned flags, unsigned qdcount)
{
	m->len = 0;
	m_u16(m, id);
	m_u16(m, flags);
	m_u16(m, qdcount);
	m_u16(m, 0);
	m_u16(m, 0);
	m_u16(m, 0);
}

/* A reply header and question: id, flags (QR is added), name, type. */
static void
m_reply(struct msg *m, unsigned id, unsigned flags, const char *name,
    unsigned type)
{
	m_header(m, id, FLAG_QR | FLAG_RD | FLAG_RA | flags, 1);
	m_name(m, name);
	m_u16(m, type);
	m_u16(m, 1);
}

/*
 * The head of an answer record, its owner in text or, when NULL, a
 * pointer to the question's name; the caller appends rdlength and data.
 */
static void
m_rr_head(struct msg *m, const char *owner, unsigned type, unsigned class)
{
	unsigned an;

	if (owner == NULL)
		m_u16(m, 0xc000 | 12);
	else
		m_name(m, owner);
	m_u16(m, type);
	m_u16(m, class);
	m_u16(m, 0);
	m_u16(m, 300);
	an = (unsigned)(m->b[6] << 8 | m->b[7]) + 1;
	m->b[6] = (uint8_t)(an >> 8);
	m->b[7] = (uint8_t)an;
}

/* An IN A or AAAA record, as the text of the address says. */
static void
m_addr(struct msg *m, const char *owner, const char *text)
{
	uint8_t a[16];
	int v6;

	v6 = strchr(text, ':') != NULL;
	ATF_REQUIRE(inet_pton(v6 ? AF_INET6 : AF_INET, text, a) == 1);
	m_rr_head(m, owner, v6 ? DNS_TYPE_AAAA : DNS_TYPE_A, DNS_CLASS_IN);
	m_u16(m, v6 ? 16 : 4);
	m_bytes(m, a, v6 ? 16 : 4);
}

static void
m_cname(struct msg *m, const char *owner, const char *target)
{
	size_t at;

	m_rr_head(m, owner, DNS_TYPE_CNAME, DNS_CLASS_IN);
	at = m->len;
	m_u16(m, 0);
	m_name(m, target);
	m->b[at] = (uint8_t)((m->len - at - 2) >> 8);
	m->b[at + 1] = (uint8_t)(m->len - at - 2);
}

/* ---- the reply parser ---- */

struct parsed {
	char	text[8192];
	int	calls;
	int	fail_at;	/* found() returns -1 on this call */
};

static int
parsed_found(void *arg, const uint8_t *a, size_t len)
{
	struct parsed *p = arg;
	char buf[INET6_ADDRSTRLEN];
	size_t n;

	ATF_REQUIRE(len == 4 || len == 16);
	ATF_REQUIRE(inet_ntop(len == 4 ? AF_INET : AF_INET6, a, buf,
	    sizeof(buf)) != NULL);
	n = strlen(p->text);
	snprintf(p->text + n, sizeof(p->text) - n, "%s%s", n > 0 ? " " : "",
	    buf);
	return (++p->calls == p->fail_at ? -1 : 0);
}

/* dns_reply_parse() of m for "type of name?" with id 0x1234. */
static int
parse(const struct msg *m, const char *name, uint16_t type,
    struct parsed *p)
{
	struct dns_question q;

	ATF_REQUIRE(dns_question_make(&q, name, type, 0x1234) == 0);
	memset(p, 0, sizeof(*p));
	return (dns_reply_parse(&q, m->b, m->len, parsed_found, p));
}

static void
parse_is(const struct msg *m, const char *name, uint16_t type, int want,
    const char *addrs)
{
	struct parsed p;
	int rc;

	rc = parse(m, name, type, &p);
	ATF_CHECK_EQ_MSG(want, rc, "%s: reply %d, not %d", name, rc, want);
	ATF_CHECK_STREQ(addrs, p.text);
}

ATF_TC_WITHOUT_HEAD(wire_query);
ATF_TC_BODY(wire_query, tc)
{
	static const uint8_t want[] = {
		0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		3, 'w', 'w', 'w', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e',
		4, 't', 'e', 's', 't', 0, 0, 28, 0, 1
	};
	struct dns_question q;
	uint8_t buf[DNS_QUERY_MAX];

	ATF_REQUIRE(dns_question_make(&q, "www.Example.test.", DNS_TYPE_AAAA,
	    0xbeef) == 0);
	ATF_REQUIRE_EQ(sizeof(want), dns_query_encode(&q, buf));
	ATF_CHECK(memcmp(want, buf, sizeof(want)) == 0);
	ATF_REQUIRE(dns_question_make(&q, "www.Example.test", DNS_TYPE_AAAA,
	    0xbeef) == 0);
	ATF_REQUIRE_EQ(sizeof(want), dns_query_encode(&q, buf));
	ATF_CHECK(memcmp(want, buf, sizeof(want)) == 0);
}

/* dns_name_encode() of text fails with EINVAL and msg. */
static void
encode_fails(const char *text, const char *msg)
{
	uint8_t wire[DNS_NAME_MAX];
	size_t len;

	errno = 0;
	ATF_CHECK_MSG(dns_name_encode(text, wire, &len) == -1, "%s", text);
	ATF_CHECK_EQ(EINVAL, errno);
	ATF_CHECK_STREQ(msg, jb_errmsg);
}

ATF_TC_WITHOUT_HEAD(wire_name_limits);
ATF_TC_BODY(wire_name_limits, tc)
{
	char name[300];
	uint8_t wire[DNS_NAME_MAX];
	size_t len;
	int i;

	/* 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters. */
	memset(name, 'a', sizeof(name));
	for (i = 63; i < 253; i += 64)
		name[i] = '.';
	name[253] = '\0';
	ATF_CHECK(dns_name_encode(name, wire, &len) == 0);
	ATF_CHECK_EQ(255, len);
	name[253] = '.';
	name[254] = '\0';
	ATF_CHECK(dns_name_encode(name, wire, &len) == 0);
	ATF_CHECK_EQ(255, len);
	name[253] = 'a';
	encode_fails(name, "host name is longer than 253 characters");
	name[63] = 'a';
	name[254] = '\0';
	encode_fails(name, "host name has a label longer than 63 characters");
	encode_fails("", "host name is empty");
	encode_fails(".", "host name is empty");
	encode_fails("a..test", "host name has an empty label");
	encode_fails(".test", "host name has an empty label");
	encode_fails("a.test..", "host name has an empty label");
}

ATF_TC_WITHOUT_HEAD(wire_reply_answers);
ATF_TC_BODY(wire_reply_answers, tc)
{
	struct msg m;

	m_reply(&m, 0x1234, 0, "a.TEST", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	m_addr(&m, "A.test", "192.0.2.2");
	m_addr(&m, NULL, "2001:db8::1");		/* not asked */
	m_addr(&m, "b.test", "192.0.2.3");		/* another owner */
	m_rr_head(&m, NULL, DNS_TYPE_A, CLASS_CH);	/* another class */
	m_u16(&m, 4);
	m_bytes(&m, "\xc0\x00\x02\x04", 4);
	m_addr(&m, NULL, "192.0.2.1");
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_ANSWER,
	    "192.0.2.1 192.0.2.2 192.0.2.1");

	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_AAAA);
	m_addr(&m, NULL, "192.0.2.1");
	m_addr(&m, NULL, "2001:db8::1");
	parse_is(&m, "a.test", DNS_TYPE_AAAA, DNS_REPLY_ANSWER,
	    "2001:db8::1");

	/* No data; authority and additional sections are not read. */
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_AAAA);
	m.b[9] = 1;
	m_bytes(&m, "\xff\xff\xff", 3);
	parse_is(&m, "a.test", DNS_TYPE_AAAA, DNS_REPLY_ANSWER, "");
}

ATF_TC_WITHOUT_HEAD(wire_reply_not_ours);
ATF_TC_BODY(wire_reply_not_ours, tc)
{
	struct msg m;

	m_reply(&m, 0x1235, 0, "a.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "b.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test.test", DNS_TYPE_A);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_AAAA);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m.b[2] &= 0x7f;					/* a query */
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0x2000, "a.test", DNS_TYPE_A); /* opcode 4 */
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m.b[5] = 2;					/* qdcount 2 */
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m.b[m.len - 1] = CLASS_CH;
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m.len -= 1;					/* cut question */
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m.len = 11;
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
	m_header(&m, 0x1234, FLAG_QR, 1);		/* question loops */
	m_u16(&m, 0xc000 | 12);
	m_u16(&m, DNS_TYPE_A);
	m_u16(&m, 1);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_OTHER, "");
}

ATF_TC_WITHOUT_HEAD(wire_reply_rcodes);
ATF_TC_BODY(wire_reply_rcodes, tc)
{
	struct msg m;

	m_reply(&m, 0x1234, RCODE_NXDOMAIN, "a.test", DNS_TYPE_A);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_NXDOMAIN, "");
	m_reply(&m, 0x1234, RCODE_SERVFAIL, "a.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	m_reply(&m, 0x1234, RCODE_REFUSED, "a.test", DNS_TYPE_A);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	m_reply(&m, 0x1234, FLAG_TC, "a.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_TRUNCATED, "");
}

/* A reply to "a.test A?" holding only the record bytes given. */
static void
m_one_record(struct msg *m, const void *rr, size_t len)
{
	m_reply(m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m_addr(m, NULL, "192.0.2.1");
	m_bytes(m, rr, len);
	m->b[7] = 2;
}

ATF_TC_WITHOUT_HEAD(wire_reply_malformed);
ATF_TC_BODY(wire_reply_malformed, tc)
{
	struct msg m;

	/* An owner that is a pointer to itself. */
	m_one_record(&m, "\xc0\x00\x00\x01\x00\x01\0\0\0\0\x00\x04\1\2\3\4",
	    16);
	m.b[m.len - 15] = (uint8_t)(m.len - 16);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* Two pointers to each other. */
	m_one_record(&m, "\xc0\x00\xc0\x00\x00\x01\x00\x01\0\0\0\0\x00\x04"
	    "\1\2\3\4", 18);
	m.b[m.len - 17] = (uint8_t)(m.len - 16);
	m.b[m.len - 15] = (uint8_t)(m.len - 18);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* A pointer past the end. */
	m_one_record(&m, "\xc3\xff\x00\x01\x00\x01\0\0\0\0\x00\x04\1\2\3\4",
	    16);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* A label type other than 0 or 3. */
	m_one_record(&m, "\x41x\x00\x00\x01\x00\x01\0\0\0\0\x00\x04\1\2\3\4",
	    17);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* A with 5 bytes, AAAA with 4. */
	m_one_record(&m, "\xc0\x0c\x00\x01\x00\x01\0\0\0\0\x00\x05\1\2\3\4\5",
	    17);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	m_one_record(&m, "\xc0\x0c\x00\x1c\x00\x01\0\0\0\0\x00\x04\1\2\3\4",
	    16);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* ... but any length in another class. */
	m_one_record(&m, "\xc0\x0c\x00\x01\x00\x03\0\0\0\0\x00\x05\1\2\3\4\5",
	    17);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_ANSWER, "192.0.2.1");
	/* rdlength past the end. */
	m_one_record(&m, "\xc0\x0c\x00\x10\x00\x01\0\0\0\0\x00\x05\1\2\3\4",
	    16);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* Cut in the fixed part. */
	m_one_record(&m, "\xc0\x0c\x00\x01\x00\x01\0\0\0", 9);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* A CNAME whose name runs past its rdlength, or stops short. */
	m_one_record(&m, "\xc0\x0c\x00\x05\x00\x01\0\0\0\0\x00\x01\xc0\x0c",
	    14);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	m_one_record(&m, "\xc0\x0c\x00\x05\x00\x01\0\0\0\0\x00\x03\xc0\x0c"
	    "\0", 15);
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
	/* More answers counted than present. */
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	m.b[7] = 3;
	parse_is(&m, "a.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");
}

ATF_TC_WITHOUT_HEAD(wire_reply_cname);
ATF_TC_BODY(wire_reply_cname, tc)
{
	struct dns_question q;
	struct parsed p;
	struct msg m;
	char owner[32], target[32];
	int i;

	/* Out of order, the middle target compressed into the question. */
	m_reply(&m, 0x1234, 0, "alias.test", DNS_TYPE_A);
	m_addr(&m, "end.test", "192.0.2.30");
	m_addr(&m, "c2.test", "198.51.100.1");
	m_cname(&m, "c2.test", "END.test");
	m_rr_head(&m, NULL, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 5);
	m_bytes(&m, "\x02" "c2\xc0\x12", 5);		/* "test" at 18 */
	m_addr(&m, NULL, "198.51.100.2");
	m_addr(&m, "end.test", "192.0.2.31");
	parse_is(&m, "alias.test", DNS_TYPE_A, DNS_REPLY_ANSWER,
	    "192.0.2.30 192.0.2.31");

	/* A loop. */
	m_reply(&m, 0x1234, 0, "alias.test", DNS_TYPE_A);
	m_cname(&m, NULL, "loop.test");
	m_cname(&m, "loop.test", "alias.test");
	parse_is(&m, "alias.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");

	/* A chain of DNS_CNAME_MAX is followed, one more is not. */
	m_reply(&m, 0x1234, 0, "c0.test", DNS_TYPE_A);
	for (i = 0; i < DNS_CNAME_MAX; i++) {
		snprintf(owner, sizeof(owner), "c%d.test", i);
		snprintf(target, sizeof(target), "c%d.test", i + 1);
		m_cname(&m, owner, target);
	}
	m_addr(&m, target, "192.0.2.32");
	parse_is(&m, "c0.test", DNS_TYPE_A, DNS_REPLY_ANSWER, "192.0.2.32");
	m_reply(&m, 0x1234, 0, "c0.test", DNS_TYPE_A);
	for (i = 0; i <= DNS_CNAME_MAX; i++) {
		snprintf(owner, sizeof(owner), "c%d.test", i);
		snprintf(target, sizeof(target), "c%d.test", i + 1);
		m_cname(&m, owner, target);
	}
	m_addr(&m, target, "192.0.2.32");
	parse_is(&m, "c0.test", DNS_TYPE_A, DNS_REPLY_FAILED, "");

	/* A found() failure stops the walk. */
	m_reply(&m, 0x1234, 0, "a.test", DNS_TYPE_A);
	m_addr(&m, NULL, "192.0.2.1");
	m_addr(&m, NULL, "192.0.2.2");
	m_addr(&m, NULL, "192.0.2.3");
	ATF_REQUIRE(dns_question_make(&q, "a.test", DNS_TYPE_A, 0x1234) == 0);
	memset(&p, 0, sizeof(p));
	p.fail_at = 2;
	ATF_CHECK_EQ(-1, dns_reply_parse(&q, m.b, m.len, parsed_found, &p));
	ATF_CHECK_EQ(2, p.calls);
}

/* ---- resolve_host() ---- */

struct found {
	char	text[8192];
	int	calls;
	int	fail_at;	/* add() returns -1 on this call */
};

static int
found_add(void *arg, int family, const char *text)
{
	struct found *f = arg;
	size_t n;

	ATF_CHECK_EQ_MSG(strchr(text, ':') != NULL ? AF_INET6 : AF_INET,
	    family, "%s: family %d", text, family);
	n = strlen(f->text);
	snprintf(f->text + n, sizeof(f->text) - n, "%s%s", n > 0 ? " " : "",
	    text);
	if (++f->calls == f->fail_at) {
		errno = EEXIST;
		return (-1);
	}
	return (0);
}

static const struct resolve_conf files = { "hosts", "resolv.conf" };

static void
put(const char *path, const char *s)
{
	FILE *f;

	ATF_REQUIRE((f = fopen(path, "w")) != NULL);
	ATF_REQUIRE(fwrite(s, 1, strlen(s), f) == strlen(s));
	ATF_REQUIRE(fclose(f) == 0);
}

/* name resolves to exactly the addresses want, space separated. */
static void
resolves(const char *name, const char *want)
{
	struct found f;

	memset(&f, 0, sizeof(f));
	ATF_CHECK_MSG(resolve_host(&files, name, found_add, &f) == 0,
	    "%s: %s", name, jb_errmsg);
	ATF_CHECK_STREQ_MSG(want, f.text, "%s gave \"%s\", not \"%s\"", name,
	    f.text, want);
}

/* name does not resolve: errno err, message msg, no address given. */
static void
fails(const char *name, int err, const char *msg)
{
	struct found f;

	memset(&f, 0, sizeof(f));
	errno = 0;
	ATF_CHECK_MSG(resolve_host(&files, name, found_add, &f) == -1,
	    "%s resolved to %s", name, f.text);
	ATF_CHECK_EQ_MSG(err, errno, "%s: errno %d, not %d", name, errno,
	    err);
	ATF_CHECK_STREQ(msg, jb_errmsg);
	ATF_CHECK_EQ(0, f.calls);
}

ATF_TC_WITHOUT_HEAD(literal_addresses);
ATF_TC_BODY(literal_addresses, tc)
{
	put("hosts", "192.0.2.99 192.0.2.7\n");
	resolves("192.0.2.7", "192.0.2.7");
	resolves("2001:DB8:0:0::7", "2001:db8::7");
	resolves("::ffff:192.0.2.7", "::ffff:192.0.2.7");
	resolves("127.1", "127.0.0.1");
	resolves("0xc0.0.2.7", "192.0.2.7");
}

ATF_TC_WITHOUT_HEAD(invalid_names);
ATF_TC_BODY(invalid_names, tc)
{
	char name[300];

	put("hosts", "192.0.2.1 -a.test a..test a_b.test\n"
	    "192.0.2.2 a-b-.test0\n");
	fails("", EINVAL, "host name is empty");
	fails(".", EINVAL, "host name is empty");
	fails("a..test", EINVAL, "host name has an empty label");
	fails("-a.test", EINVAL, "host name has a label starting with '-'");
	fails("a.-b", EINVAL, "host name has a label starting with '-'");
	fails("a b", EINVAL,
	    "host name has a character other than a letter, digit, '-' or '_'");
	fails("a/b", EINVAL,
	    "host name has a character other than a letter, digit, '-' or '_'");
	fails("caf\xc3\xa9.test", EINVAL,
	    "host name has a character other than a letter, digit, '-' or '_'");
	fails("a\nb", EINVAL,
	    "host name has a character other than a letter, digit, '-' or '_'");
	fails("fe80::1%lo", EINVAL,
	    "host name has a character other than a letter, digit, '-' or '_'");
	memset(name, 'a', sizeof(name));
	name[64] = '\0';
	fails(name, EINVAL, "host name has a label longer than 63 characters");
	name[63] = '.';
	name[64] = 'a';
	name[127] = '.';
	name[191] = '.';
	name[254] = '\0';
	fails(name, EINVAL, "host name is longer than 253 characters");
	resolves("a_b.test", "192.0.2.1");
	resolves("a-b-.test0", "192.0.2.2");
}

ATF_TC_WITHOUT_HEAD(hosts_file);
ATF_TC_BODY(hosts_file, tc)
{
	char big[9000];
	FILE *f;

	memset(big, ' ', sizeof(big));
	memcpy(big, "192.0.2.98", 10);
	memcpy(big + sizeof(big) - 5, "www\n", 5);
	ATF_REQUIRE((f = fopen("hosts", "w")) != NULL);
	fputs("# a comment www\n"
	    "127.0.0.1\tlocalhost\n"
	    "192.0.2.10\twww.example.test www   # www2\n"
	    "2001:db8::10\twww.example.test\n"
	    "\n"
	    "   192.0.2.11 other.test WWW\n"
	    "192.0.2.10\twww.example.test\n"
	    "bogus\twww\n"
	    "192.0.2.300 www\n"
	    "#192.0.2.99\twww\n"
	    "192.0.2.12 ww wwww\n"
	    "2001:DB8:0::11 www.example.test.\n"
	    "192.0.2.13 www.example\n"
	    "198.51.100.5\t www\t\r\n"
	    "192.0.2.14\n"
	    "192.0.2.14 #www\n", f);
	fwrite(big, 1, sizeof(big), f);			/* too long */
	fwrite("192.0.2.97 w\0 www\n", 1, 18, f);		/* a NUL */
	fputs("2001:db8::12 www", f);			/* no newline */
	ATF_REQUIRE(fclose(f) == 0);
	resolves("www", "192.0.2.10 192.0.2.11 198.51.100.5 2001:db8::12");
	resolves("WWW.Example.Test",
	    "192.0.2.10 2001:db8::10 2001:db8::11");
	resolves("www.example.test.",
	    "192.0.2.10 2001:db8::10 2001:db8::11");
	resolves("localhost", "127.0.0.1");
}

ATF_TC_WITHOUT_HEAD(add_failure_stops);
ATF_TC_BODY(add_failure_stops, tc)
{
	struct found f;

	put("hosts", "2001:db8::1 h\n192.0.2.1 h\n192.0.2.2 h\n");
	memset(&f, 0, sizeof(f));
	f.fail_at = 2;
	errno = 0;
	ATF_CHECK_EQ(-1, resolve_host(&files, "h", found_add, &f));
	ATF_CHECK_EQ(EEXIST, errno);
	ATF_CHECK_EQ(2, f.calls);
	ATF_CHECK_STREQ("192.0.2.1 192.0.2.2", f.text);
}

ATF_TC_WITHOUT_HEAD(bad_config_files);
ATF_TC_BODY(bad_config_files, tc)
{
	ATF_REQUIRE(mkdir("hosts", 0755) == 0);
	fails("h.test", EINVAL, "hosts: not a regular file");
	ATF_REQUIRE(rmdir("hosts") == 0);
	ATF_REQUIRE(mkfifo("hosts", 0644) == 0);
	fails("h.test", EINVAL, "hosts: not a regular file");
	ATF_REQUIRE(unlink("hosts") == 0);
	ATF_REQUIRE(mkdir("resolv.conf", 0755) == 0);
	fails("h.test", EINVAL, "resolv.conf: not a regular file");
}

/* ---- the fake DNS server ---- */

enum { UDP4, UDP6, TCP4, TCP6, SPOOF, NSOCKS };
static const char *const sockname[] = { "udp4", "udp6", "tcp4", "tcp6" };

static pid_t	server_pid = -1;
static int	server_log = -1;	/* read end of the query log */

/* Start answering a new query on m, as the zone's server. */
static void
answer_start(struct msg *m, const struct msg *q, unsigned rcode,
    unsigned flags)
{
	size_t qend;

	qend = q->len;
	m->len = 0;
	m_bytes(m, q->b, qend);
	m->b[2] = (uint8_t)((FLAG_QR | FLAG_RD | FLAG_RA | flags) >> 8);
	m->b[3] = (uint8_t)((FLAG_RA | flags | rcode) & 0xff);
}

/*
 * The canned zone: the reply to query q (name in lower case, type) that
 * arrived on socket k, into m; m->len 0 for no reply.  Every name not
 * listed does not exist.
 */
static void
zone_answer(const struct msg *q, const char *name, unsigned type, int k,
    struct msg *m)
{
	char addr[64];
	int a = type == DNS_TYPE_A, tcp = k == TCP4 || k == TCP6;
	int i;

	m->len = 0;
	if (strcmp(name, "a.test") == 0 || strcmp(name, "tricky.test") == 0) {
		answer_start(m, q, 0, 0);
		if (name[0] == 't') {
			memcpy(m->b + 13, "TRICKY", 6);
			if (a)
				m_addr(m, NULL, "192.0.2.60");
			return;
		}
		m_addr(m, NULL, a ? "192.0.2.1" : "2001:db8::1");
		if (a) {
			m_addr(m, NULL, "192.0.2.2");
			m_addr(m, NULL, "192.0.2.1");
		}
	} else if (strcmp(name, "v6only.test") == 0 ||
	    strcmp(name, "empty.test") == 0) {
		answer_start(m, q, 0, 0);
		if (!a && name[0] == 'v')
			m_addr(m, NULL, "2001:db8::6");
	} else if (strcmp(name, "alias.test") == 0) {
		answer_start(m, q, 0, 0);
		m_cname(m, "c2.test", "end.test");
		m_addr(m, "other.test", a ? "198.51.100.99" : "2001:db8::99");
		m_cname(m, NULL, "c2.test");
		m_addr(m, "end.test", a ? "192.0.2.30" : "2001:db8::30");
	} else if (strcmp(name, "flaky.test") == 0 ||
	    strcmp(name, "bad.test") == 0) {
		if (k == UDP6) {
			answer_start(m, q, 0, 0);
			m_addr(m, NULL, a ? "192.0.2.40" : "2001:db8::40");
		} else if (name[0] == 'f')
			answer_start(m, q, RCODE_SERVFAIL, 0);
		else {
			answer_start(m, q, 0, 0);
			m_rr_head(m, NULL, type, DNS_CLASS_IN);
			m_u16(m, 5);
			m_bytes(m, "\xc0\x00\x02\x05\x06", 5);
		}
	} else if (strcmp(name, "fail.test") == 0)
		answer_start(m, q, RCODE_SERVFAIL, 0);
	else if (strcmp(name, "big.test") == 0) {
		if (!a) {
			answer_start(m, q, 0, 0);
			m_addr(m, NULL, "2001:db8::b");
		} else if (!tcp)
			answer_start(m, q, 0, FLAG_TC);
		else {
			answer_start(m, q, 0, 0);
			for (i = 1; i <= 40; i++) {
				snprintf(addr, sizeof(addr), "198.51.100.%d",
				    i);
				m_addr(m, NULL, addr);
			}
		}
	} else if (strcmp(name, "silent.test") == 0)
		return;
	else if (strcmp(name, "host.two.test") == 0 ||
	    strcmp(name, "h.sub.two.test") == 0) {
		answer_start(m, q, 0, 0);
		if (a)
			m_addr(m, NULL, name[1] == 'o' ? "198.51.100.2" :
			    "198.51.100.3");
	} else
		answer_start(m, q, RCODE_NXDOMAIN, 0);
}

/* Lower-case text name and type of a query; -1 if it is not one. */
static int
query_read(const struct msg *q, char *name, size_t size, unsigned *type)
{
	size_t off, n, out;

	if (q->len < 12 + 5)
		return (-1);
	for (off = 12, out = 0; off < q->len && q->b[off] != 0;
	    off += 1 + n) {
		n = q->b[off];
		if (n > 63 || off + 1 + n >= q->len || out + n + 2 > size)
			return (-1);
		if (out > 0)
			name[out++] = '.';
		memcpy(name + out, q->b + off + 1, n);
		out += n;
	}
	if (off + 5 != q->len)
		return (-1);
	name[out] = '\0';
	for (n = 0; n < out; n++)
		if (name[n] >= 'A' && name[n] <= 'Z')
			name[n] += 'a' - 'A';
	*type = (unsigned)(q->b[off + 1] << 8 | q->b[off + 2]);
	return (0);
}

/*
 * Before tricky.test's reply, three that must be ignored: another id,
 * another question, and the right one from 127.0.0.2.
 */
static void
send_decoys(int *s, const struct msg *q, const struct sockaddr *to,
    socklen_t tolen)
{
	struct msg m;

	answer_start(&m, q, 0, 0);
	m.b[1] ^= 1;
	m_addr(&m, NULL, "198.51.100.66");
	sendto(s[UDP4], m.b, m.len, 0, to, tolen);
	answer_start(&m, q, 0, 0);
	m.b[13] = 'x';
	m_addr(&m, NULL, "198.51.100.67");
	sendto(s[UDP4], m.b, m.len, 0, to, tolen);
	answer_start(&m, q, 0, 0);
	m_addr(&m, NULL, "198.51.100.68");
	sendto(s[SPOOF], m.b, m.len, 0, to, tolen);
}

/* One TCP query on connection c, answered on it. */
static void
serve_tcp(int c, int k, int logfd)
{
	static struct msg q, m;
	struct timeval tv = { 2, 0 };
	char name[300], line[400];
	uint8_t len[2];
	unsigned type;

	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (recv(c, len, 2, MSG_WAITALL) != 2)
		return;
	q.len = (size_t)(len[0] << 8 | len[1]);
	if (recv(c, q.b, q.len, MSG_WAITALL) != (ssize_t)q.len ||
	    query_read(&q, name, sizeof(name), &type) == -1)
		return;
	snprintf(line, sizeof(line), "%s %s %s\n", sockname[k],
	    type == DNS_TYPE_A ? "A" : "AAAA", name);
	if (write(logfd, line, strlen(line)) == -1)
		_exit(1);
	zone_answer(&q, name, type, k, &m);
	if (m.len == 0)
		return;
	len[0] = (uint8_t)(m.len >> 8);
	len[1] = (uint8_t)m.len;
	send(c, len, 2, MSG_NOSIGNAL | MSG_MORE);
	send(c, m.b, m.len, MSG_NOSIGNAL);
}

static void
serve(int *s, int logfd)
{
	static struct msg q, m;
	struct sockaddr_storage from;
	struct pollfd pfd[SPOOF];
	socklen_t fromlen;
	char name[300], line[400];
	unsigned type;
	ssize_t n;
	int k, c;

	for (k = 0; k < SPOOF; k++) {
		pfd[k].fd = s[k];
		pfd[k].events = POLLIN;
	}
	for (;;) {
		if (poll(pfd, SPOOF, -1) == -1)
			_exit(1);
		for (k = 0; k < SPOOF; k++) {
			if (!(pfd[k].revents & POLLIN))
				continue;
			if (k == TCP4 || k == TCP6) {
				if ((c = accept(s[k], NULL, NULL)) != -1) {
					serve_tcp(c, k, logfd);
					close(c);
				}
				continue;
			}
			fromlen = sizeof(from);
			n = recvfrom(s[k], q.b, sizeof(q.b), 0,
			    (struct sockaddr *)&from, &fromlen);
			if (n <= 0)
				continue;
			q.len = (size_t)n;
			if (query_read(&q, name, sizeof(name), &type) == -1)
				continue;
			snprintf(line, sizeof(line), "%s %s %s\n",
			    sockname[k], type == DNS_TYPE_A ? "A" : "AAAA",
			    name);
			if (write(logfd, line, strlen(line)) == -1)
				_exit(1);
			if (strcmp(name, "tricky.test") == 0)
				send_decoys(s, &q, (struct sockaddr *)&from,
				    fromlen);
			zone_answer(&q, name, type, k, &m);
			if (m.len > 0)
				sendto(s[k], m.b, m.len, 0,
				    (struct sockaddr *)&from, fromlen);
		}
	}
}

/* A socket of type bound to addr port 53, listening if a stream. */
static int
server_socket(int family, int type, const char *addr)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	int s, one = 1;

	ATF_REQUIRE((s = socket(family, type | SOCK_CLOEXEC, 0)) != -1);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(53);
		ATF_REQUIRE(inet_pton(AF_INET, addr, &sin.sin_addr) == 1);
		ATF_REQUIRE_MSG(bind(s, (struct sockaddr *)&sin,
		    sizeof(sin)) == 0, "bind %s: %s", addr, strerror(errno));
	} else {
		setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(53);
		ATF_REQUIRE(inet_pton(AF_INET6, addr, &sin6.sin6_addr) == 1);
		ATF_REQUIRE_MSG(bind(s, (struct sockaddr *)&sin6,
		    sizeof(sin6)) == 0, "bind %s: %s", addr, strerror(errno));
	}
	if (type == SOCK_STREAM)
		ATF_REQUIRE(listen(s, 8) == 0);
	return (s);
}

/*
 * Move into a network namespace and a UTS namespace of our own, named
 * hostname, with lo up, and fork the fake server.  It dies with us, even
 * when a failed check ends this case early.
 */
static void
server_start(const char *hostname)
{
	struct ifreq ifr;
	pid_t parent;
	int s[NSOCKS], p[2], fd, k;

	ATF_REQUIRE_MSG(unshare(CLONE_NEWNET | CLONE_NEWUTS) == 0,
	    "unshare: %s", strerror(errno));
	ATF_REQUIRE(sethostname(hostname, strlen(hostname)) == 0);
	ATF_REQUIRE((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) !=
	    -1);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ATF_REQUIRE(ioctl(fd, SIOCGIFFLAGS, &ifr) == 0);
	ifr.ifr_flags |= IFF_UP;
	ATF_REQUIRE(ioctl(fd, SIOCSIFFLAGS, &ifr) == 0);
	close(fd);

	s[UDP4] = server_socket(AF_INET, SOCK_DGRAM, "127.0.0.1");
	s[UDP6] = server_socket(AF_INET6, SOCK_DGRAM, "::1");
	s[TCP4] = server_socket(AF_INET, SOCK_STREAM, "127.0.0.1");
	s[TCP6] = server_socket(AF_INET6, SOCK_STREAM, "::1");
	s[SPOOF] = server_socket(AF_INET, SOCK_DGRAM, "127.0.0.2");
	ATF_REQUIRE(pipe2(p, O_CLOEXEC) == 0);
	parent = getpid();
	ATF_REQUIRE((server_pid = fork()) != -1);
	if (server_pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		close(p[0]);
		serve(s, p[1]);
		_exit(0);
	}
	for (k = 0; k < NSOCKS; k++)
		close(s[k]);
	close(p[1]);
	server_log = p[0];
	ATF_REQUIRE(fcntl(server_log, F_SETFL, O_NONBLOCK) == 0);
}

/* The queries the server logged since the last call are exactly want. */
static void
queries_are(const char *want)
{
	char buf[8192];
	size_t len;
	ssize_t n;

	for (len = 0; len < sizeof(buf) - 1; len += (size_t)n)
		if ((n = read(server_log, buf + len, sizeof(buf) - 1 - len)) <=
		    0)
			break;
	buf[len] = '\0';
	ATF_CHECK_STREQ_MSG(want, buf, "queries:\n%s\nnot:\n%s", buf, want);
}

#define DNS_TC(name)							\
	ATF_TC(name);							\
	ATF_TC_HEAD(name, tc)						\
	{								\
		atf_tc_set_md_var(tc, "require.user", "root");		\
	}								\
	ATF_TC_BODY(name, tc)

DNS_TC(dns_a_and_aaaa)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	resolves("a.test", "192.0.2.1 192.0.2.2 2001:db8::1");
	queries_are("udp4 A a.test\nudp4 AAAA a.test\n");
	resolves("A.Test.", "192.0.2.1 192.0.2.2 2001:db8::1");
	queries_are("udp4 A a.test\nudp4 AAAA a.test\n");
}

DNS_TC(dns_hosts_file_first)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	put("hosts", "2001:db8::99 a.test\n");
	resolves("a.test", "2001:db8::99");
	queries_are("");
	resolves("192.0.2.1", "192.0.2.1");
	queries_are("");
}

DNS_TC(dns_default_nameserver)
{
	server_start("jailhost");
	resolves("a.test", "192.0.2.1 192.0.2.2 2001:db8::1");
	queries_are("udp4 A a.test\nudp4 AAAA a.test\n");
	put("resolv.conf", "# nothing\noptions attempts:1\n");
	resolves("a.test", "192.0.2.1 192.0.2.2 2001:db8::1");
	queries_are("udp4 A a.test\nudp4 AAAA a.test\n");
}

DNS_TC(dns_cname_chain)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	resolves("alias.test", "192.0.2.30 2001:db8::30");
	queries_are("udp4 A alias.test\nudp4 AAAA alias.test\n");
}

DNS_TC(dns_no_data)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	resolves("v6only.test", "2001:db8::6");
	queries_are("udp4 A v6only.test\nudp4 AAAA v6only.test\n");
	fails("empty.test", ENOENT, NONAME);
	queries_are("udp4 A empty.test\nudp4 AAAA empty.test\n");
}

DNS_TC(dns_nxdomain)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\nnameserver ::1\n");
	fails("nx.test", ENOENT, NONAME);
	queries_are("udp4 A nx.test\n");
}

DNS_TC(dns_servfail_next_server)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\nnameserver ::1\n"
	    "options attempts:1\n");
	resolves("flaky.test", "192.0.2.40 2001:db8::40");
	queries_are("udp4 A flaky.test\nudp6 A flaky.test\n"
	    "udp4 AAAA flaky.test\nudp6 AAAA flaky.test\n");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	fails("fail.test", EAGAIN, AGAIN);
	queries_are("udp4 A fail.test\nudp4 A fail.test\n"
	    "udp4 AAAA fail.test\nudp4 AAAA fail.test\n");
}

DNS_TC(dns_malformed_next_server)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\nnameserver ::1\n");
	resolves("bad.test", "192.0.2.40 2001:db8::40");
	queries_are("udp4 A bad.test\nudp6 A bad.test\n"
	    "udp4 AAAA bad.test\nudp6 AAAA bad.test\n");
}

DNS_TC(dns_truncated_tcp)
{
	char want[1024];
	size_t n;
	int i;

	server_start("jailhost");
	put("resolv.conf", "nameserver ::1\n");
	for (n = 0, i = 1; i <= 40; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n,
		    "198.51.100.%d ", i);
	snprintf(want + n, sizeof(want) - n, "2001:db8::b");
	resolves("big.test", want);
	queries_are("udp6 A big.test\ntcp6 A big.test\nudp6 AAAA big.test\n");
}

DNS_TC(dns_decoys_ignored)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	resolves("tricky.test", "192.0.2.60");
	queries_are("udp4 A tricky.test\nudp4 AAAA tricky.test\n");
}

/* Seconds since *t0, which is set to now. */
static double
seconds_since(struct timespec *t0)
{
	struct timespec t1;
	double s;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
	*t0 = t1;
	return (s);
}

DNS_TC(dns_timeout)
{
	struct timespec t;
	double took;

	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\n"
	    "options timeout:1 attempts:1\n");
	seconds_since(&t);
	fails("silent.test", ETIMEDOUT, AGAIN);
	took = seconds_since(&t);
	ATF_CHECK_MSG(took >= 0.95 && took < 2.5, "took %.2f s", took);
	queries_are("udp4 A silent.test\n");
}

/* A port nobody listens on is refused at once, not waited for. */
DNS_TC(dns_unreachable_server)
{
	struct timespec t;
	double took;

	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.3\nnameserver 127.0.0.1\n"
	    "options timeout:1\n");
	seconds_since(&t);
	resolves("a.test", "192.0.2.1 192.0.2.2 2001:db8::1");
	took = seconds_since(&t);
	ATF_CHECK_MSG(took < 0.5, "took %.2f s", took);
	queries_are("udp4 A a.test\nudp4 AAAA a.test\n");
}

DNS_TC(dns_search_ndots)
{
	server_start("jailhost");
	put("resolv.conf", "nameserver 127.0.0.1\nsearch one.test two.test\n");
	resolves("host", "198.51.100.2");
	queries_are("udp4 A host.one.test\nudp4 A host.two.test\n"
	    "udp4 AAAA host.two.test\n");
	resolves("h.sub", "198.51.100.3");
	queries_are("udp4 A h.sub\nudp4 A h.sub.one.test\n"
	    "udp4 A h.sub.two.test\nudp4 AAAA h.sub.two.test\n");
	fails("host.", ENOENT, NONAME);
	queries_are("udp4 A host\n");
	fails("nothing", ENOENT, NONAME);
	queries_are("udp4 A nothing.one.test\nudp4 A nothing.two.test\n"
	    "udp4 A nothing\n");

	put("resolv.conf", "nameserver 127.0.0.1\nsearch one.test two.test\n"
	    "options rotate ndots:2 timeout:x\n");
	resolves("h.sub", "198.51.100.3");
	queries_are("udp4 A h.sub.one.test\nudp4 A h.sub.two.test\n"
	    "udp4 AAAA h.sub.two.test\n");

	put("resolv.conf", "search one.test two.test\ndomain two.test\n"
	    "nameserver 127.0.0.1\n");
	resolves("host", "198.51.100.2");
	queries_are("udp4 A host.two.test\nudp4 AAAA host.two.test\n");
	put("resolv.conf", "domain one.test two.test\nsearch\n");
	fails("host", ENOENT, NONAME);
	queries_are("udp4 A host\n");
}

DNS_TC(dns_search_hostname_domain)
{
	server_start("box.two.test");
	put("resolv.conf", "nameserver 127.0.0.1\n");
	resolves("host", "198.51.100.2");
	queries_are("udp4 A host.two.test\nudp4 AAAA host.two.test\n");
}

DNS_TC(dns_nameserver_lines)
{
	server_start("jailhost");
	put("resolv.conf",
	    "; comment\n"
	    "nameserver\n"
	    "nameserver 192.0.2.1.5\n"
	    "nameserver ::1%lo\n"
	    "nameserver 127.0.0.1%lo\n"
	    "nameserver 127.0.0.1 # a comment\n"
	    "nameserver ::1\n"
	    "nameserver 127.0.0.1\n"
	    "options attempts:1\n");
	resolves("flaky.test", "192.0.2.40 2001:db8::40");
	queries_are("udp6 A flaky.test\nudp6 AAAA flaky.test\n");
	fails("fail.test", EAGAIN, AGAIN);
	queries_are("udp6 A fail.test\nudp4 A fail.test\nudp6 A fail.test\n"
	    "udp6 AAAA fail.test\nudp4 AAAA fail.test\nudp6 AAAA fail.test\n");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, wire_query);
	ATF_TP_ADD_TC(tp, wire_name_limits);
	ATF_TP_ADD_TC(tp, wire_reply_answers);
	ATF_TP_ADD_TC(tp, wire_reply_not_ours);
	ATF_TP_ADD_TC(tp, wire_reply_rcodes);
	ATF_TP_ADD_TC(tp, wire_reply_malformed);
	ATF_TP_ADD_TC(tp, wire_reply_cname);
	ATF_TP_ADD_TC(tp, literal_addresses);
	ATF_TP_ADD_TC(tp, invalid_names);
	ATF_TP_ADD_TC(tp, hosts_file);
	ATF_TP_ADD_TC(tp, add_failure_stops);
	ATF_TP_ADD_TC(tp, bad_config_files);
	ATF_TP_ADD_TC(tp, dns_a_and_aaaa);
	ATF_TP_ADD_TC(tp, dns_hosts_file_first);
	ATF_TP_ADD_TC(tp, dns_default_nameserver);
	ATF_TP_ADD_TC(tp, dns_cname_chain);
	ATF_TP_ADD_TC(tp, dns_no_data);
	ATF_TP_ADD_TC(tp, dns_nxdomain);
	ATF_TP_ADD_TC(tp, dns_servfail_next_server);
	ATF_TP_ADD_TC(tp, dns_malformed_next_server);
	ATF_TP_ADD_TC(tp, dns_truncated_tcp);
	ATF_TP_ADD_TC(tp, dns_decoys_ignored);
	ATF_TP_ADD_TC(tp, dns_timeout);
	ATF_TP_ADD_TC(tp, dns_unreachable_server);
	ATF_TP_ADD_TC(tp, dns_search_ndots);
	ATF_TP_ADD_TC(tp, dns_search_hostname_domain);
	ATF_TP_ADD_TC(tp, dns_nameserver_lines);
	return (atf_no_error());
}
