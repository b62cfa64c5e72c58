/*
 * Host names resolved without NSS, the way glibc's resolver does with
 * "hosts: files dns": a literal address is itself; else every line of the
 * hosts file that names the host; else DNS, asked name by name through
 * the search list of resolv.conf(5), A then AAAA, server after server.
 * Configuration files are read line by line with a bounded line, must be
 * regular files, and a line too long or holding a NUL byte is skipped.
 * Each try goes out on a fresh socket from a random port with a random
 * id; the socket is connected, so the kernel hands back only datagrams
 * from the server asked, and the id and question must match as well.
 */
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "dnswire.h"
#include "errmsg.h"
#include "netlink.h"
#include "nitems.h"
#include "resolve.h"

#define RESOLVE_HOSTS		"/etc/hosts"
#define RESOLVE_RESOLV		"/etc/resolv.conf"
#define RESOLVE_LINE_MAX	8192	/* bytes of a line */
#define RESOLVE_ADDR_MAX	8192	/* addresses of one name */
#define RESOLVE_MAXNS		3	/* glibc's limits and defaults */
#define RESOLVE_MAXSEARCH	6
#define RESOLVE_NDOTS		1
#define RESOLVE_NDOTS_MAX	15
#define RESOLVE_TIMEOUT		5
#define RESOLVE_TIMEOUT_MAX	30
#define RESOLVE_ATTEMPTS	2
#define RESOLVE_ATTEMPTS_MAX	5
#define RESOLVE_PORT		53
#define RESOLVE_SEPARATORS	" \t\r"

/* getaddrinfo's messages, in FreeBSD's words. */
#define RESOLVE_NONAME	"hostname nor servname provided, or not known"
#define RESOLVE_AGAIN	"Temporary failure in name resolution"

struct address {
	int		family;
	uint8_t		bytes[16];
};

/* The addresses found so far, in order, each once. */
struct addrlist {
	struct address	*v;
	size_t		 n;
	size_t		 cap;
};

/* What resolv.conf says. */
struct resolver {
	struct sockaddr_storage ns[RESOLVE_MAXNS];
	socklen_t	nslen[RESOLVE_MAXNS];
	size_t		nns;
	char		search[RESOLVE_MAXSEARCH][DNS_TEXT_MAX + 2];
	size_t		nsearch;
	int		ndots;
	int		timeout;	/* seconds per try */
	int		attempts;	/* rounds over the servers */
};

/* What asking for the addresses of one name came to. */
enum lookup {
	LOOKUP_FOUND,
	LOOKUP_NXDOMAIN,
	LOOKUP_NODATA,		/* the name exists, without an address */
	LOOKUP_FAILED,		/* servers failed, some said so */
	LOOKUP_TIMEDOUT		/* no server replied */
};

static int	addr_parse(const char *, struct address *);
static int	addrlist_add(struct addrlist *, const struct address *);
static int	addrlist_found(void *, const uint8_t *, size_t);
static int	addrlist_report(const struct addrlist *,
		    int (*)(void *, int, const char *), void *);
static int	name_check(const char *);
static int	name_same(const char *, const char *);
static int	config_open(const char *, FILE **);
static int	config_line(FILE *, char *, size_t);
static int	hosts_lookup(const char *, const char *, struct addrlist *);
static void	resolver_nameserver(struct resolver *, char *);
static void	resolver_option(const char *, const char *, int, int, int *);
static void	resolver_hostdomain(struct resolver *);
static int	resolver_read(const char *, struct resolver *);
static int64_t	now_ms(void);
static int	wait_fd(int, short, int64_t);
static int	stream_io(int, uint8_t *, size_t, int, int64_t);
static int	server_socket(const struct resolver *, size_t, int);
static int	ask_udp(const struct resolver *, size_t,
		    const struct dns_question *, struct addrlist *);
static int	ask_tcp(const struct resolver *, size_t,
		    const struct dns_question *, struct addrlist *);
static int	ask_servers(const struct resolver *,
		    const struct dns_question *, struct addrlist *);
static int	lookup_name(const struct resolver *, const char *,
		    struct addrlist *);
static int	dns_search(const struct resolver *, const char *,
		    struct addrlist *);

/*
 * A numeric address as getaddrinfo(3) reads one in FreeBSD's libc: IPv6
 * by inet_pton(3), IPv4 in any inet_aton(3) form ("127.1" too) but made
 * of digits, dots and hexadecimal only.
 */
static int
addr_parse(const char *text, struct address *a)
{
	struct in_addr in;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET6, text, a->bytes) == 1) {
		a->family = AF_INET6;
		return (0);
	}
	if (text[strspn(text, "0123456789.xabcdefXABCDEF")] == '\0' &&
	    inet_aton(text, &in) == 1) {
		a->family = AF_INET;
		memcpy(a->bytes, &in, sizeof(in));
		return (0);
	}
	return (-1);
}

static int
addrlist_add(struct addrlist *al, const struct address *a)
{
	struct address *v;
	size_t i, cap;

	for (i = 0; i < al->n; i++)
		if (memcmp(&al->v[i], a, sizeof(*a)) == 0)
			return (0);
	if (al->n == RESOLVE_ADDR_MAX)
		return (jb_errx(E2BIG, "more than %d addresses",
		    RESOLVE_ADDR_MAX));
	if (al->n == al->cap) {
		cap = al->cap == 0 ? 8 : al->cap * 2;
		if ((v = reallocarray(al->v, cap, sizeof(*v))) == NULL)
			return (jb_err(errno, "reallocarray"));
		al->v = v;
		al->cap = cap;
	}
	al->v[al->n++] = *a;
	return (0);
}

/* dns_reply_parse()'s callback: 4 bytes are IPv4, 16 are IPv6. */
static int
addrlist_found(void *arg, const uint8_t *bytes, size_t len)
{
	struct address a;

	memset(&a, 0, sizeof(a));
	a.family = len == 4 ? AF_INET : AF_INET6;
	memcpy(a.bytes, bytes, len);
	return (addrlist_add(arg, &a));
}

/* Every address to add(), IPv4 first, as getaddrinfo(3) sorts them. */
static int
addrlist_report(const struct addrlist *al,
    int (*add)(void *, int, const char *), void *arg)
{
	static const int families[] = { AF_INET, AF_INET6 };
	char text[INET6_ADDRSTRLEN];
	size_t f, i;

	for (f = 0; f < nitems(families); f++)
		for (i = 0; i < al->n; i++) {
			if (al->v[i].family != families[f])
				continue;
			if (inet_ntop(families[f], al->v[i].bytes, text,
			    sizeof(text)) == NULL)
				return (jb_err(errno, "inet_ntop"));
			if (add(arg, families[f], text) == -1)
				return (-1);
		}
	return (0);
}

/*
 * A host name: labels of letters, digits, '-' and '_', none starting
 * with '-', and within DNS's lengths.  The name is not in the message:
 * it is what the caller shows, and it may hold anything.
 */
static int
name_check(const char *name)
{
	uint8_t wire[DNS_NAME_MAX];
	const char *p;
	size_t len;

	for (p = name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.')
			continue;
		if (*p != '-')
			return (jb_errx(EINVAL, "host name has a character "
			    "other than a letter, digit, '-' or '_'"));
		if (p == name || p[-1] == '.')
			return (jb_errx(EINVAL, "host name has a label "
			    "starting with '-'"));
	}
	return (dns_name_encode(name, wire, &len));
}

/* Whether two host names are the same, in any case, final dot or not. */
static int
name_same(const char *a, const char *b)
{
	size_t alen, blen;

	alen = strlen(a);
	blen = strlen(b);
	if (alen > 0 && a[alen - 1] == '.')
		alen--;
	if (blen > 0 && b[blen - 1] == '.')
		blen--;
	if (alen != blen)
		return (0);
	/* Host names are ASCII: no locale, no strncasecmp(3). */
	for (; alen > 0; a++, b++, alen--)
		if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) !=
		    (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
			return (0);
	return (1);
}

/* Open a configuration file, a regular file; errno ENOENT if absent. */
static int
config_open(const char *path, FILE **fp)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1)
		return (jb_err(errno, "%s", path));
	if (fstat(fd, &st) == -1) {
		close(fd);
		return (jb_err(errno, "%s", path));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return (jb_errx(EINVAL, "%s: not a regular file", path));
	}
	if ((*fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return (jb_err(errno, "%s", path));
	}
	return (0);
}

/*
 * The next line of f into buf without its newline: 1, or 0 at the end,
 * or -1 on a read error.  A line that does not fit or holds a NUL byte
 * comes back empty.
 */
static int
config_line(FILE *f, char *buf, size_t size)
{
	size_t n;
	int c, bad;

	for (n = 0, bad = 0;;) {
		if ((c = getc(f)) == EOF) {
			if (ferror(f))
				return (-1);
			if (n == 0 && !bad)
				return (0);
			break;
		}
		if (c == '\n')
			break;
		if (c == '\0' || n + 1 >= size)
			bad = 1;
		else
			buf[n++] = (char)c;
	}
	buf[bad ? 0 : n] = '\0';
	return (1);
}

/*
 * Add the address of every hosts(5) line that has name as its canonical
 * name or an alias.  An absent file has no lines.
 */
static int
hosts_lookup(const char *path, const char *name, struct addrlist *al)
{
	char line[RESOLVE_LINE_MAX], *tok, *last;
	struct address a;
	FILE *f;
	int rc, more;

	if (config_open(path, &f) == -1)
		return (errno == ENOENT ? 0 : -1);
	rc = 0;
	while (rc == 0 && (more = config_line(f, line, sizeof(line))) == 1) {
		line[strcspn(line, "#")] = '\0';
		if ((tok = strtok_r(line, RESOLVE_SEPARATORS, &last)) ==
		    NULL || addr_parse(tok, &a) == -1)
			continue;
		while ((tok = strtok_r(NULL, RESOLVE_SEPARATORS, &last)) !=
		    NULL)
			if (name_same(tok, name)) {
				rc = addrlist_add(al, &a);
				break;
			}
	}
	if (rc == 0 && more == -1)
		rc = jb_err(errno, "%s", path);
	fclose(f);
	return (rc);
}

/* A "nameserver" address, IPv6 with an optional %scope; others ignored. */
static void
resolver_nameserver(struct resolver *r, char *text)
{
	struct sockaddr_in6 *sin6;
	struct sockaddr_in *sin;
	struct address a;
	unsigned long idx;
	char *scope, *end;

	if (r->nns == RESOLVE_MAXNS)
		return;
	idx = 0;
	if ((scope = strchr(text, '%')) != NULL) {
		*scope++ = '\0';
		if ((idx = nl_ifindex(scope)) == 0) {
			errno = 0;
			idx = strtoul(scope, &end, 10);
			if (*scope == '\0' || *end != '\0' || errno != 0 ||
			    idx == 0 || idx > UINT32_MAX)
				return;
		}
	}
	if (addr_parse(text, &a) == -1 || (scope != NULL &&
	    a.family != AF_INET6))
		return;
	memset(&r->ns[r->nns], 0, sizeof(r->ns[r->nns]));
	if (a.family == AF_INET) {
		sin = (struct sockaddr_in *)&r->ns[r->nns];
		sin->sin_family = AF_INET;
		sin->sin_port = htons(RESOLVE_PORT);
		memcpy(&sin->sin_addr, a.bytes, sizeof(sin->sin_addr));
		r->nslen[r->nns++] = sizeof(*sin);
	} else {
		sin6 = (struct sockaddr_in6 *)&r->ns[r->nns];
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(RESOLVE_PORT);
		sin6->sin6_scope_id = (uint32_t)idx;
		memcpy(&sin6->sin6_addr, a.bytes, sizeof(sin6->sin6_addr));
		r->nslen[r->nns++] = sizeof(*sin6);
	}
}

/*
 * The option "name:N" into *v, clamped to [min, max] as glibc clamps
 * it; an option of another name or not a number leaves *v alone.
 */
static void
resolver_option(const char *opt, const char *name, int min, int max, int *v)
{
	const char *p;
	size_t n;
	int x;

	n = strlen(name);
	if (strncmp(opt, name, n) != 0 || opt[n] != ':' || opt[n + 1] == '\0')
		return;
	for (x = 0, p = opt + n + 1; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return;
		if (x <= max)
			x = x * 10 + (*p - '0');
	}
	*v = x < min ? min : x > max ? max : x;
}

/*
 * With neither "search" nor "domain", glibc searches the domain of the
 * host's own name: what follows its first dot.
 */
static void
resolver_hostdomain(struct resolver *r)
{
	char host[HOST_NAME_MAX + 1];
	const char *dot;

	if (gethostname(host, sizeof(host)) == -1)
		return;
	host[sizeof(host) - 1] = '\0';
	if ((dot = strchr(host, '.')) == NULL || dot[1] == '\0' ||
	    strlen(dot + 1) >= sizeof(r->search[0]))
		return;
	strcpy(r->search[0], dot + 1);
	r->nsearch = 1;
}

/*
 * resolv.conf(5): up to three nameservers (none means 127.0.0.1), the
 * last of "search" and "domain", and the options ndots, timeout and
 * attempts; anything else is ignored, as glibc ignores it.  An absent
 * file means the defaults.
 */
static int
resolver_read(const char *path, struct resolver *r)
{
	char line[RESOLVE_LINE_MAX], loopback[] = "127.0.0.1";
	char *kw, *tok, *last;
	int rc, searched;
	FILE *f;

	memset(r, 0, sizeof(*r));
	r->ndots = RESOLVE_NDOTS;
	r->timeout = RESOLVE_TIMEOUT;
	r->attempts = RESOLVE_ATTEMPTS;
	searched = 0;
	rc = 0;
	if (config_open(path, &f) == -1) {
		if (errno != ENOENT)
			return (-1);
		f = NULL;
	}
	while (f != NULL && (rc = config_line(f, line, sizeof(line))) == 1) {
		if (line[0] == '#' || line[0] == ';' ||
		    (kw = strtok_r(line, RESOLVE_SEPARATORS, &last)) == NULL)
			continue;
		if (strcmp(kw, "nameserver") == 0) {
			if ((tok = strtok_r(NULL, RESOLVE_SEPARATORS,
			    &last)) != NULL)
				resolver_nameserver(r, tok);
		} else if (strcmp(kw, "domain") == 0 ||
		    strcmp(kw, "search") == 0) {
			searched = 1;
			r->nsearch = 0;
			while (r->nsearch < RESOLVE_MAXSEARCH &&
			    (tok = strtok_r(NULL, RESOLVE_SEPARATORS,
			    &last)) != NULL) {
				if (strlen(tok) >= sizeof(r->search[0]))
					continue;
				strcpy(r->search[r->nsearch++], tok);
				if (kw[0] == 'd')
					break;
			}
		} else if (strcmp(kw, "options") == 0) {
			while ((tok = strtok_r(NULL, RESOLVE_SEPARATORS,
			    &last)) != NULL) {
				resolver_option(tok, "ndots", 0,
				    RESOLVE_NDOTS_MAX, &r->ndots);
				resolver_option(tok, "timeout", 1,
				    RESOLVE_TIMEOUT_MAX, &r->timeout);
				resolver_option(tok, "attempts", 1,
				    RESOLVE_ATTEMPTS_MAX, &r->attempts);
			}
		}
	}
	if (f != NULL) {
		if (rc == -1)
			jb_err(errno, "%s", path);
		fclose(f);
		if (rc == -1)
			return (-1);
	}
	if (r->nns == 0)
		resolver_nameserver(r, loopback);
	if (!searched)
		resolver_hostdomain(r);
	return (0);
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Wait for events on fd until deadline: 1 ready, 0 timed out, -1 error. */
static int
wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd pfd;
	int64_t left;
	int n;

	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			return (0);
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		n = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (n == -1 && errno != EINTR)
			return (-1);
		if (n == 1)
			return (1);
	}
}

/*
 * Write or read all len bytes of buf on a non-blocking stream socket
 * before deadline: 1 done, 0 timed out, -1 error or early end.
 */
static int
stream_io(int s, uint8_t *buf, size_t len, int writing, int64_t deadline)
{
	size_t done;
	ssize_t n;
	int w;

	for (done = 0; done < len; done += (size_t)n) {
		if ((w = wait_fd(s, writing ? POLLOUT : POLLIN, deadline)) != 1)
			return (w);
		n = writing ? send(s, buf + done, len - done, MSG_NOSIGNAL) :
		    recv(s, buf + done, len - done, 0);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			n = 0;
		else if (n <= 0)
			return (-1);
	}
	return (1);
}

/*
 * A non-blocking socket of type bound to a random port (port 0) and
 * connected to server i; a TCP connection may still be under way.
 */
static int
server_socket(const struct resolver *r, size_t i, int type)
{
	struct sockaddr_storage any;
	int s;

	if ((s = socket(r->ns[i].ss_family, type | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		return (-1);
	memset(&any, 0, sizeof(any));
	any.ss_family = r->ns[i].ss_family;
	if (bind(s, (struct sockaddr *)&any, r->nslen[i]) == -1 ||
	    (connect(s, (const struct sockaddr *)&r->ns[i], r->nslen[i]) ==
	    -1 && errno != EINPROGRESS)) {
		close(s);
		return (-1);
	}
	return (s);
}

/*
 * q to server i over UDP, waiting the timeout for its reply: a
 * DNS_REPLY_*, DNS_REPLY_OTHER when none came.  Messages that are no
 * reply to q are dropped and the wait goes on; a datagram larger than
 * a reply may be is taken as truncated.
 */
static int
ask_udp(const struct resolver *r, size_t i, const struct dns_question *q,
    struct addrlist *al)
{
	uint8_t query[DNS_QUERY_MAX], reply[DNS_UDP_MAX];
	int64_t deadline;
	size_t qlen;
	ssize_t n;
	int s, rc, w;

	qlen = dns_query_encode(q, query);
	if ((s = server_socket(r, i, SOCK_DGRAM)) == -1)
		return (DNS_REPLY_FAILED);
	if (send(s, query, qlen, 0) != (ssize_t)qlen) {
		close(s);
		return (DNS_REPLY_FAILED);
	}
	deadline = now_ms() + (int64_t)r->timeout * 1000;
	for (;;) {
		if ((w = wait_fd(s, POLLIN, deadline)) != 1) {
			rc = w == 0 ? DNS_REPLY_OTHER : DNS_REPLY_FAILED;
			break;
		}
		n = recv(s, reply, sizeof(reply), MSG_TRUNC);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n == -1) {
			rc = DNS_REPLY_FAILED;
			break;
		}
		if ((size_t)n > sizeof(reply)) {
			rc = DNS_REPLY_TRUNCATED;
			break;
		}
		rc = dns_reply_parse(q, reply, (size_t)n, addrlist_found, al);
		if (rc != DNS_REPLY_OTHER)
			break;
	}
	close(s);
	return (rc);
}

/*
 * q to server i over TCP, each message after its 16-bit length.  A
 * reply that does not answer q, or is truncated even so, is a failure.
 */
static int
ask_tcp(const struct resolver *r, size_t i, const struct dns_question *q,
    struct addrlist *al)
{
	uint8_t query[2 + DNS_QUERY_MAX], prefix[2], *reply;
	int64_t deadline;
	size_t qlen, len;
	int s, rc, w;

	qlen = dns_query_encode(q, query + 2);
	query[0] = (uint8_t)(qlen >> 8);
	query[1] = (uint8_t)qlen;
	if ((s = server_socket(r, i, SOCK_STREAM)) == -1)
		return (DNS_REPLY_FAILED);
	deadline = now_ms() + (int64_t)r->timeout * 1000;
	reply = NULL;
	len = 0;
	if ((w = stream_io(s, query, qlen + 2, 1, deadline)) == 1 &&
	    (w = stream_io(s, prefix, sizeof(prefix), 0, deadline)) == 1) {
		len = (size_t)prefix[0] << 8 | prefix[1];
		if ((reply = malloc(len > 0 ? len : 1)) == NULL) {
			close(s);
			return (jb_err(errno, "malloc"));
		}
		w = stream_io(s, reply, len, 0, deadline);
	}
	close(s);
	if (w == 1) {
		rc = dns_reply_parse(q, reply, len, addrlist_found, al);
		if (rc == DNS_REPLY_OTHER || rc == DNS_REPLY_TRUNCATED)
			rc = DNS_REPLY_FAILED;
	} else
		rc = w == 0 ? DNS_REPLY_OTHER : DNS_REPLY_FAILED;
	free(reply);
	return (rc);
}

/*
 * q to the servers in turn, attempts rounds of them, as res_send(3)
 * does: a server failure, a refusal, a malformed reply or an unreachable
 * server moves on to the next; an answer or NXDOMAIN ends it.
 * DNS_REPLY_OTHER when no server replied at all.
 */
static int
ask_servers(const struct resolver *r, const struct dns_question *q,
    struct addrlist *al)
{
	size_t i;
	int attempt, rc, failed;

	failed = 0;
	for (attempt = 0; attempt < r->attempts; attempt++)
		for (i = 0; i < r->nns; i++) {
			rc = ask_udp(r, i, q, al);
			if (rc == DNS_REPLY_TRUNCATED)
				rc = ask_tcp(r, i, q, al);
			if (rc == -1 || rc == DNS_REPLY_ANSWER ||
			    rc == DNS_REPLY_NXDOMAIN)
				return (rc);
			if (rc == DNS_REPLY_FAILED)
				failed = 1;
		}
	return (failed ? DNS_REPLY_FAILED : DNS_REPLY_OTHER);
}

/*
 * The A and then the AAAA records of one name, as getaddrinfo(3) asks
 * for both with AF_UNSPEC: a LOOKUP_*, or -1.  Addresses of one family
 * are enough when the other timed out; a name that does not exist is
 * not asked again, nor is a name no server answered.
 */
static int
lookup_name(const struct resolver *r, const char *name, struct addrlist *al)
{
	static const uint16_t types[] = { DNS_TYPE_A, DNS_TYPE_AAAA };
	struct dns_question q;
	size_t before, k;
	uint16_t id;
	int rc, failed;

	before = al->n;
	failed = 0;
	for (k = 0; k < nitems(types); k++) {
		if (getrandom(&id, sizeof(id), 0) != (ssize_t)sizeof(id))
			return (jb_err(errno, "getrandom"));
		if (dns_question_make(&q, name, types[k], id) == -1)
			return (-1);	/* every name asked was checked */
		rc = ask_servers(r, &q, al);
		if (rc == -1)
			return (-1);
		if (rc == DNS_REPLY_NXDOMAIN && al->n == before)
			return (LOOKUP_NXDOMAIN);
		if (rc == DNS_REPLY_OTHER && al->n == before)
			return (LOOKUP_TIMEDOUT);
		if (rc == DNS_REPLY_FAILED)
			failed = 1;
	}
	if (al->n > before)
		return (LOOKUP_FOUND);
	return (failed ? LOOKUP_FAILED : LOOKUP_NODATA);
}

/*
 * name through the search list as res_search(3) walks it: as given first
 * when it has at least ndots dots, then under each search domain, then
 * as given if not asked yet; a name ending in a dot only as given.  The
 * first name with an address ends the walk, and so does a timeout.
 */
static int
dns_search(const struct resolver *r, const char *name, struct addrlist *al)
{
	char cand[RESOLVE_MAXSEARCH + 1][DNS_TEXT_MAX + 2];
	uint8_t wire[DNS_NAME_MAX];
	size_t i, n, len, wirelen, dots;
	int rc, absolute, nodata, failed;

	n = 0;
	len = strlen(name);
	absolute = name[len - 1] == '.';
	for (dots = 0, i = 0; i < len; i++)
		dots += name[i] == '.';
	if (absolute || dots >= (size_t)r->ndots)
		strcpy(cand[n++], name);
	for (i = 0; i < r->nsearch && !absolute; i++) {
		if (strcmp(r->search[i], ".") == 0)
			continue;
		rc = snprintf(cand[n], sizeof(cand[n]), "%s.%s", name,
		    r->search[i]);
		if (rc >= 0 && (size_t)rc < sizeof(cand[n]) &&
		    dns_name_encode(cand[n], wire, &wirelen) == 0)
			n++;
	}
	if (!absolute && dots < (size_t)r->ndots)
		strcpy(cand[n++], name);

	nodata = failed = 0;
	for (i = 0; i < n; i++) {
		switch (lookup_name(r, cand[i], al)) {
		case -1:
			return (-1);
		case LOOKUP_FOUND:
			return (0);
		case LOOKUP_TIMEDOUT:
			return (jb_errx(ETIMEDOUT, RESOLVE_AGAIN));
		case LOOKUP_NODATA:
			nodata = 1;
			break;
		case LOOKUP_FAILED:
			failed = 1;
			break;
		}
	}
	if (failed && !nodata)
		return (jb_errx(EAGAIN, RESOLVE_AGAIN));
	return (jb_errx(ENOENT, RESOLVE_NONAME));
}

int
resolve_host(const struct resolve_conf *conf, const char *name,
    int (*add)(void *, int, const char *), void *arg)
{
	struct addrlist al;
	struct address a;
	struct resolver r;
	int rc;

	memset(&al, 0, sizeof(al));
	if (addr_parse(name, &a) == 0)
		rc = addrlist_add(&al, &a);
	else if ((rc = name_check(name)) == 0)
		rc = hosts_lookup(conf != NULL && conf->hosts != NULL ?
		    conf->hosts : RESOLVE_HOSTS, name, &al);
	if (rc == 0 && al.n == 0)
		rc = resolver_read(conf != NULL && conf->resolv != NULL ?
		    conf->resolv : RESOLVE_RESOLV, &r);
	if (rc == 0 && al.n == 0)
		rc = dns_search(&r, name, &al);
	if (rc == 0)
		rc = addrlist_report(&al, add, arg);
	free(al.v);
	return (rc);
}
