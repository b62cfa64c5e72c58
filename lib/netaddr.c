/*
 * Parsing ip4.addr and ip6.addr items.  FreeBSD's jail(8) takes
 * "interface|address/netmask" (the netmask dotted or as a prefix length
 * for IPv4, a prefix length for IPv6), and any item without an interface
 * goes on the one the interface parameter names.  What jailbox keeps with
 * the jail is the canonical form netaddr_format() writes, from which the
 * alias can be taken down again after the jail is gone.
 */
#include <sys/socket.h>

#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "netaddr.h"

static int	parse_mask(int, const char *, int *);

/*
 * A netmask or prefix length after the '/': FreeBSD's "bad netmask" and
 * "bad prefixlen" messages; a dotted IPv4 mask must be contiguous, as
 * Linux keeps only a prefix length.
 */
static int
parse_mask(int family, const char *s, int *lenp)
{
	struct in_addr mask;
	unsigned long m;
	char *ep;
	long n;
	int max;

	max = family == AF_INET ? 32 : 128;
	if (family == AF_INET && strchr(s, '.') != NULL) {
		if (inet_pton(AF_INET, s, &mask) != 1)
			goto bad;
		m = ntohl(mask.s_addr);
		for (n = 0; n < 32 && (m & (0x80000000UL >> n)); n++)
			;
		if (n < 32 && (m & (0xffffffffUL >> n)) != 0)
			goto bad;
		*lenp = (int)n;
		return (0);
	}
	errno = 0;
	n = strtol(s, &ep, 10);
	if (*s == '\0' || *ep != '\0' || errno != 0 || n < 0 || n > max)
		goto bad;
	*lenp = (int)n;
	return (0);
bad:
	if (family == AF_INET)
		return (jb_errx(EINVAL, "ip4.addr: bad netmask \"/%s\"", s));
	return (jb_errx(EINVAL, "ip6.addr: bad prefixlen \"/%s\"", s));
}

/*
 * Parse one item of ip4.addr (family AF_INET) or ip6.addr (AF_INET6);
 * defif is the interface parameter, or NULL.
 */
int
netaddr_parse(int family, const char *text, const char *defif,
    struct netaddr *na)
{
	const char *pname, *bar, *ifname;
	char buf[NETADDR_STRLEN], *slash;
	size_t iflen;

	pname = family == AF_INET ? "ip4.addr" : "ip6.addr";
	memset(na, 0, sizeof(*na));
	na->family = family;
	na->prefixlen = family == AF_INET ? 32 : 128;
	if (strpbrk(text, " \t") != NULL)
		return (jb_errx(ENOTSUP, "%s: %s: interface parameters are "
		    "not supported on Linux", pname, text));
	if ((bar = strchr(text, '|')) != NULL) {
		ifname = text;
		iflen = (size_t)(bar - text);
		text = bar + 1;
	} else {
		ifname = defif != NULL ? defif : "";
		iflen = strlen(ifname);
	}
	if (iflen >= IF_NAMESIZE || memchr(ifname, '/', iflen) != NULL ||
	    (bar != NULL && iflen == 0))
		return (jb_errx(EINVAL, "%s: bad interface name \"%.*s\"",
		    pname, (int)iflen, ifname));
	memcpy(na->ifname, ifname, iflen);
	na->ifname[iflen] = '\0';
	if (strlen(text) >= sizeof(buf))
		goto bad;
	strcpy(buf, text);
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash = '\0';
		if (parse_mask(family, slash + 1, &na->prefixlen) == -1)
			return (-1);
	}
	if (inet_pton(family, buf, &na->addr) == 1)
		return (0);
bad:
	return (jb_errx(EINVAL, "%s: not an IPv%c address: %s", pname,
	    family == AF_INET ? '4' : '6', text));
}

/*
 * The canonical text of an address: "ifname|address/prefixlen" when it
 * is an alias, else the address alone.  buf holds NETADDR_STRLEN bytes.
 */
void
netaddr_format(const struct netaddr *na, char *buf)
{
	char addr[INET6_ADDRSTRLEN];

	inet_ntop(na->family, &na->addr, addr, sizeof(addr));
	if (na->ifname[0] == '\0')
		snprintf(buf, NETADDR_STRLEN, "%s", addr);
	else
		snprintf(buf, NETADDR_STRLEN, "%s|%s/%d", na->ifname, addr,
		    na->prefixlen);
}

/* Cut a canonical item down to its address, as jls(8) shows it. */
void
netaddr_strip(char *item)
{
	char *bar, *slash;

	if ((bar = strchr(item, '|')) != NULL)
		memmove(item, bar + 1, strlen(bar + 1) + 1);
	if ((slash = strchr(item, '/')) != NULL)
		*slash = '\0';
}

/* Whether two items name the same address. */
int
netaddr_equal(const struct netaddr *a, const struct netaddr *b)
{
	return (a->family == b->family && memcmp(&a->addr, &b->addr,
	    a->family == AF_INET ? 4 : 16) == 0);
}
