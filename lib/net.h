/*
 * A jail's network, in one of three shapes:
 *   NET_PRIVATE	no address (the default): a network namespace of
 *			its own with only lo, as a FreeBSD jail without
 *			addresses reaches nothing;
 *   NET_SHARED		ip4.addr, ip6.addr or inherit: the host's stack,
 *			the jail's sockets held to its addresses;
 *   NET_VNET		vnet=new: a network namespace of its own, the
 *			interfaces of vnet.interface moved into it.
 */
#ifndef JB_NET_H
#define JB_NET_H

#include <sys/types.h>

#include "netaddr.h"
#include "param.h"
#include "registry.h"
#include "sockfilter.h"

enum netmode {
	NET_PRIVATE,
	NET_SHARED,
	NET_VNET
};

struct netplan {
	enum netmode		 mode;
	struct sockfilter	 filter;
	struct netaddr		*addrs;		/* ip4.addr, then ip6.addr */
	size_t			 naddrs;
	char			*added;		/* which aliases this made */
	char			*const *vnetifs;
	size_t			 nvnetifs;
	size_t			 moved;		/* of vnetifs, moved in */
};

enum netmode net_mode(const struct jparams *);
int	net_plan(struct jparams *, struct netplan *);
void	net_plan_free(struct netplan *);
int	net_clash(const struct netplan *, int);
int	net_filter(const struct netplan *, int);
int	net_filter_check(const struct jparams *);
int	net_alias(struct netplan *);
void	net_unalias_plan(struct netplan *);
int	net_vnet_attach(struct netplan *, pid_t);
void	net_vnet_detach_plan(struct netplan *, int);
int	net_vnet_detach(const struct jail_entry *, int);
int	net_ns_open(const struct jail_entry *);
int	net_ns_new(void);
int	net_unalias(const struct jail_entry *, int);

#endif
