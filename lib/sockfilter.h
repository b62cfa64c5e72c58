/*
 * The socket restrictions of a jail on the host's network stack, as
 * FreeBSD gives a jail with ip4.addr or ip6.addr: BPF programs attached
 * to the jail's cgroup.
 */
#ifndef JB_SOCKFILTER_H
#define JB_SOCKFILTER_H

#include <stddef.h>

#include "netaddr.h"

struct sockfilter {
	int			 ip4, ip6;	/* JAILSYS_* of each family */
	const struct netaddr	*a4, *a6;	/* its addresses if NEW */
	size_t			 n4, n6;
	int			 saddrsel4, saddrsel6;
	int			 abstract;	/* host abstract sockets */
};

int	sockfilter_attach(int, const struct sockfilter *);

#endif
