/*
 * A small rtnetlink client: the addresses behind "interface" and
 * "ip4.addr=IF|addr/mask", and the link operations behind vnet.interface.
 * Each call opens a NETLINK_ROUTE socket of its own, so it acts in the
 * network namespace of the calling thread.  Families are AF_INET and
 * AF_INET6; addr points to a struct in_addr or in6_addr.
 */
#ifndef JB_NETLINK_H
#define JB_NETLINK_H

#include <stddef.h>

int	nl_addr_add(const char *, int, const void *, int);
int	nl_addr_del(const char *, int, const void *, int);
int	nl_addr_find(int, const void *, char *);
int	nl_link_move(const char *, int);
int	nl_link_up(const char *);
int	nl_link_del(const char *);
int	nl_link_kind(const char *, char *, size_t);
unsigned int nl_ifindex(const char *);

#endif
