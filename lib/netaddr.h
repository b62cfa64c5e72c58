/*
 * A jail's address, as ip4.addr and ip6.addr give it: FreeBSD's
 * "[interface|]address[/netmask]", the interface naming where jail(8)
 * adds the address as an alias.
 */
#ifndef JB_NETADDR_H
#define JB_NETADDR_H

#include <net/if.h>
#include <netinet/in.h>

#define NETADDR_MAX	255	/* addresses per family, as FreeBSD */

struct netaddr {
	int		family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr	v4;
		struct in6_addr	v6;
		unsigned char	b[16];
	}		addr;
	int		prefixlen;	/* 32 or 128 unless given */
	char		ifname[IF_NAMESIZE];	/* "": no alias */
};

/* Room for "ifname|address/prefixlen" and its NUL. */
#define NETADDR_STRLEN	(IF_NAMESIZE + INET6_ADDRSTRLEN + 5)

int	netaddr_parse(int, const char *, const char *, struct netaddr *);
void	netaddr_format(const struct netaddr *, char *);
void	netaddr_strip(char *);
int	netaddr_equal(const struct netaddr *, const struct netaddr *);

#endif
