/*
 * A jail's network: which of the three shapes net.h names it takes, its
 * addresses checked and written back in canonical form, the aliases
 * jail(8) adds on host interfaces, the socket restrictions of a jail on
 * the host's stack, and the interfaces moved into a vnet jail and back.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "net.h"
#include "netlink.h"
#include "resolve.h"

static const struct {
	int		family;
	enum jparam	addr, sys;
	const char	*name;		/* for messages: "IPv4" */
} families[] = {
	{ AF_INET,  JP_IP4_ADDR, JP_IP4, "IPv4" },
	{ AF_INET6, JP_IP6_ADDR, JP_IP6, "IPv6" },
};

static int	family_mode(const struct jparams *, int);
static int	add_resolved(void *, int, const char *);
static int	plan_addrs(struct jparams *, struct netplan *, int);
static int	each_other_jail(int, int (*)(const struct jparams *,
		    const void *), const void *);
static int	clash_with(const struct jparams *, const void *);
static int	has_alias(const struct jparams *, const void *);
static int	same_netns(pid_t);
static int	netns_enter(int, int *);
static int	netns_leave(int);
static int	move_back(int, char *const *, size_t);

/*
 * What a family of a jail on the host's stack may do: inherit, new (it
 * has addresses), or disable (no addresses, whatever ip4 says).
 */
static int
family_mode(const struct jparams *jp, int f)
{
	int sys;

	sys = (int)jparams_int(jp, families[f].sys);
	if (sys == JAILSYS_NEW && jp->v[families[f].addr].nitems == 0)
		return (JAILSYS_DISABLE);
	return (sys);
}

/* The shape of a jail's network, from its (planned) parameters. */
enum netmode
net_mode(const struct jparams *jp)
{
	if (jparams_int(jp, JP_VNET) == JAILSYS_NEW)
		return (NET_VNET);
	if (family_mode(jp, 0) != JAILSYS_DISABLE ||
	    family_mode(jp, 1) != JAILSYS_DISABLE)
		return (NET_SHARED);
	return (NET_PRIVATE);
}

/* ip_hostname: each address found is added to ip4.addr or ip6.addr. */
static int
add_resolved(void *arg, int family, const char *addr)
{
	return (jparams_set(arg, family == AF_INET ? "ip4.addr" : "ip6.addr",
	    addr));
}

/*
 * Parse one family's addresses into the plan, write them back in
 * canonical form, and settle its jailsys value: addresses mean "new".
 */
static int
plan_addrs(struct jparams *jp, struct netplan *np, int f)
{
	const struct jpvalue *v;
	struct netaddr *na;
	char **argv, *buf;
	size_t i, k;
	int rc, explicit, len;

	v = &jp->v[families[f].addr];
	if (v->nitems == 0)
		return (0);
	explicit = jparams_isset(jp, families[f].sys);
	if (np->mode == NET_VNET)
		return (jb_errx(EINVAL,
		    "vnet jails cannot have IP address restrictions"));
	if (explicit && jparams_int(jp, families[f].sys) != JAILSYS_NEW)
		return (jb_errx(EINVAL, "%s: conflicts with %s=%s",
		    jparam_table[families[f].addr].name,
		    jparam_table[families[f].sys].name,
		    jparams_str(jp, families[f].sys)));
	if (v->nitems > NETADDR_MAX)
		return (jb_errx(EINVAL, "too many %s addresses",
		    families[f].name));
	argv = calloc(v->nitems + 1, sizeof(*argv));
	buf = calloc(v->nitems, NETADDR_STRLEN);
	if (argv == NULL || buf == NULL) {
		free(argv);
		free(buf);
		return (jb_err(errno, "malloc"));
	}
	rc = 0;
	for (i = 0; rc == 0 && i < v->nitems; i++) {
		/* An empty item is no address, as jail(8) skips it. */
		if (*v->items[i] == '\0')
			continue;
		na = &np->addrs[np->naddrs];
		if ((rc = netaddr_parse(families[f].family, v->items[i],
		    jparams_str(jp, JP_INTERFACE), na)) == -1)
			break;
		for (k = 0; k < np->naddrs; k++)
			if (netaddr_equal(&np->addrs[k], na))
				break;
		if (k < np->naddrs)
			continue;	/* listed twice: once is enough */
		/* Without a mask: the prefix the host has it with. */
		if (na->ifname[0] == '\0' &&
		    strchr(v->items[i], '/') == NULL &&
		    (len = nl_addr_find(na->family, &na->addr, NULL)) != -1)
			na->prefixlen = len;
		argv[i] = buf + i * NETADDR_STRLEN;
		netaddr_format(na, argv[i]);
		np->naddrs++;
	}
	if (rc == 0) {
		/* Drop the duplicates' holes. */
		for (i = k = 0; i < v->nitems; i++)
			if (argv[i] != NULL)
				argv[k++] = argv[i];
		argv[k] = NULL;
		rc = jparams_set_argv(jp, families[f].addr, argv);
	}
	if (rc == 0 && !explicit && k > 0)
		rc = jparams_set(jp, jparam_table[families[f].sys].name,
		    "new");
	free(argv);
	free(buf);
	return (rc);
}

/*
 * Check a jail's network parameters and plan its network: resolve
 * ip_hostname, canonicalize the addresses in jp (which is then kept with
 * the jail), and settle ip4 and ip6.  Nothing is changed on the host.
 */
int
net_plan(struct jparams *jp, struct netplan *np)
{
	char why[JB_ERRMSG_LEN];
	const char *host;
	size_t f, n;

	memset(np, 0, sizeof(*np));
	np->mode = jparams_int(jp, JP_VNET) == JAILSYS_NEW ? NET_VNET :
	    NET_PRIVATE;
	host = jparams_str(jp, JP_HOST_HOSTNAME);
	if (jparams_bool(jp, JP_IP_HOSTNAME) && host != NULL && *host != '\0' &&
	    resolve_host(NULL, host, add_resolved, jp) == -1) {
		strcpy(why, jb_errmsg);
		return (jb_errx(errno, "host.hostname %s: %s", host, why));
	}
	n = jp->v[JP_IP4_ADDR].nitems + jp->v[JP_IP6_ADDR].nitems;
	if (n > 0 && (np->addrs = calloc(n, sizeof(*np->addrs))) == NULL)
		return (jb_err(errno, "malloc"));
	for (f = 0; f < 2; f++) {
		if (plan_addrs(jp, np, (int)f) == -1) {
			net_plan_free(np);
			return (-1);
		}
		if (f == 0)
			np->filter.n4 = np->naddrs;
	}
	np->filter.n6 = np->naddrs - np->filter.n4;
	np->filter.a4 = np->addrs;
	np->filter.a6 = np->addrs + np->filter.n4;
	if ((np->added = calloc(np->naddrs + 1, 1)) == NULL) {
		net_plan_free(np);
		return (jb_err(errno, "malloc"));
	}
	if (np->mode == NET_VNET) {
		/* A stack of its own: unrestricted unless said otherwise. */
		for (f = 0; f < 2; f++)
			if (!jparams_isset(jp, families[f].sys) &&
			    jparams_set(jp, jparam_table[families[f].sys].name,
			    "inherit") == -1) {
				net_plan_free(np);
				return (-1);
			}
		np->vnetifs = jp->v[JP_VNET_INTERFACE].items;
		np->nvnetifs = jp->v[JP_VNET_INTERFACE].nitems;
	} else if (jp->v[JP_VNET_INTERFACE].nitems > 0) {
		net_plan_free(np);
		return (jb_errx(EINVAL, "vnet.interface: not a vnet jail"));
	} else
		np->mode = net_mode(jp);
	np->filter.ip4 = family_mode(jp, 0);
	np->filter.ip6 = family_mode(jp, 1);
	np->filter.saddrsel4 = jparams_bool(jp, JP_IP4_SADDRSEL);
	np->filter.saddrsel6 = jparams_bool(jp, JP_IP6_SADDRSEL);
	np->filter.abstract = np->mode == NET_SHARED &&
	    np->filter.ip4 != JAILSYS_INHERIT &&
	    np->filter.ip6 != JAILSYS_INHERIT;
	return (0);
}

void
net_plan_free(struct netplan *np)
{
	free(np->addrs);
	free(np->added);
	np->addrs = NULL;
	np->added = NULL;
	np->naddrs = 0;
}

/*
 * Call fn with the parameters of every running jail on this process's
 * network stack but jid, until it returns non-zero; that, or -1 if the
 * registry cannot be read.
 */
static int
each_other_jail(int jid, int (*fn)(const struct jparams *, const void *),
    const void *arg)
{
	struct jail_entry je;
	size_t i, n;
	int *jids, rc;

	if (registry_jids(&jids, &n) == -1)
		return (-1);
	for (rc = 0, i = 0; rc == 0 && i < n; i++) {
		if (jids[i] == jid || registry_load(jids[i], &je) == -1)
			continue;
		if (je.alive && same_netns(je.init_pid))
			rc = fn(&je.params, arg);
		registry_entry_free(&je);
	}
	free(jids);
	return (rc);
}

/*
 * Whether another jail's parameters hold one of the addresses of np
 * against FreeBSD's rule: -1 with its message if so.
 */
static int
clash_with(const struct jparams *other, const void *arg)
{
	const struct netplan *np = arg;
	const struct netaddr *mine;
	const struct jpvalue *v;
	struct netaddr na;
	size_t n, i, k;
	int f;

	for (f = 0; f < 2; f++) {
		mine = f == 0 ? np->filter.a4 : np->filter.a6;
		n = f == 0 ? np->filter.n4 : np->filter.n6;
		v = &other->v[families[f].addr];
		if (n == 0 || v->nitems == 0 || (n == 1 && v->nitems == 1))
			continue;
		for (k = 0; k < v->nitems; k++) {
			if (netaddr_parse(families[f].family, v->items[k],
			    NULL, &na) == -1)
				continue;
			for (i = 0; i < n; i++)
				if (netaddr_equal(&mine[i], &na))
					return (jb_errx(EADDRINUSE,
					    "%s addresses clash",
					    families[f].name));
		}
	}
	return (0);
}

/* Whether a process is on this process's network stack; if unknown, yes. */
static int
same_netns(pid_t pid)
{
	struct stat mine, its;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%ld/ns/net", (long)pid);
	if (stat(path, &its) == -1 || stat("/proc/self/ns/net", &mine) == -1)
		return (1);
	return (its.st_dev == mine.st_dev && its.st_ino == mine.st_ino);
}

/*
 * FreeBSD's rule for jails on one stack: two may share an address only
 * if neither has another of that family ("IPv4 addresses clash").
 * Called under the registry lock, with the new jail's jid.
 */
int
net_clash(const struct netplan *np, int jid)
{
	if (np->mode != NET_SHARED || np->naddrs == 0)
		return (0);
	return (each_other_jail(jid, clash_with, np));
}

/*
 * Restrict the sockets of a jail on the host's stack, or a family a vnet
 * jail may not use, through its cgroup, open at cgfd.
 */
int
net_filter(const struct netplan *np, int cgfd)
{
	if (np->mode == NET_PRIVATE)
		return (0);
	return (sockfilter_attach(cgfd, &np->filter));
}

/*
 * Add the aliases: an address already on its interface is used as it is
 * and left there afterwards, as it was not this jail's to add.
 */
int
net_alias(struct netplan *np)
{
	struct netaddr *na;
	size_t i;

	for (i = 0; i < np->naddrs; i++) {
		na = &np->addrs[i];
		if (na->ifname[0] == '\0')
			continue;
		if (nl_addr_add(na->ifname, na->family, &na->addr,
		    na->prefixlen) == 0)
			np->added[i] = 1;
		else if (errno != EEXIST) {
			net_unalias_plan(np);
			return (-1);
		}
	}
	return (0);
}

/* Undo net_alias(), after a create that failed. */
void
net_unalias_plan(struct netplan *np)
{
	char msg[JB_ERRMSG_LEN];
	struct netaddr *na;
	size_t i;
	int saved;

	saved = errno;
	strcpy(msg, jb_errmsg);
	for (i = 0; i < np->naddrs; i++) {
		na = &np->addrs[i];
		if (np->added[i])
			(void)nl_addr_del(na->ifname, na->family, &na->addr,
			    na->prefixlen);
		np->added[i] = 0;
	}
	strcpy(jb_errmsg, msg);
	errno = saved;
}

/* Whether a jail's parameters hold the alias na too: 1 if so. */
static int
has_alias(const struct jparams *other, const void *arg)
{
	const struct netaddr *na = arg;
	const struct jpvalue *v;
	struct netaddr item;
	size_t k;

	v = &other->v[na->family == AF_INET ? JP_IP4_ADDR : JP_IP6_ADDR];
	for (k = 0; k < v->nitems; k++)
		if (netaddr_parse(na->family, v->items[k], NULL, &item) == 0 &&
		    netaddr_equal(na, &item) &&
		    strcmp(na->ifname, item.ifname) == 0)
			return (1);
	return (0);
}

/*
 * The network namespace of a running jail on the host's stack, open for
 * net_unalias() once it is gone; -1 if it has none or it is gone.
 */
int
net_ns_open(const struct jail_entry *je)
{
	char path[64];

	if (!je->alive || net_mode(&je->params) != NET_SHARED)
		return (-1);
	snprintf(path, sizeof(path), "/proc/%ld/ns/net", (long)je->init_pid);
	return (open(path, O_RDONLY | O_CLOEXEC));
}

/*
 * A new network namespace, made from this process, which stays in its
 * own: a descriptor of it, for a jail's init to enter.
 */
int
net_ns_new(void)
{
	int back, fd, saved;

	if ((back = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "/proc/self/ns/net"));
	if (unshare(CLONE_NEWNET) == -1) {
		saved = errno;
		close(back);
		return (jb_err(saved, "network namespace"));
	}
	if ((fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) == -1)
		jb_err(errno, "network namespace");
	if (netns_leave(back) == -1) {
		if (fd != -1)
			close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * After a jail is gone, under the registry lock: take down its aliases,
 * in the namespace open at nsfd (from net_ns_open(), or -1: this one),
 * but those another running jail there still has.
 */
int
net_unalias(const struct jail_entry *je, int nsfd)
{
	const struct jpvalue *v;
	struct netaddr na;
	size_t f, k;
	int rc, back;

	if (nsfd != -1 && netns_enter(nsfd, &back) == -1)
		return (-1);
	rc = 0;
	for (f = 0; f < 2; f++) {
		v = &je->params.v[families[f].addr];
		for (k = 0; k < v->nitems; k++) {
			if (netaddr_parse(families[f].family, v->items[k],
			    NULL, &na) == -1 || na.ifname[0] == '\0' ||
			    each_other_jail(je->jid, has_alias, &na) == 1)
				continue;
			if (nl_addr_del(na.ifname, na.family, &na.addr,
			    na.prefixlen) == -1 && errno != EADDRNOTAVAIL &&
			    errno != ENODEV && errno != ENOENT)
				rc = -1;
		}
	}
	if (nsfd != -1 && netns_leave(back) == -1)
		rc = -1;
	return (rc);
}

/* Move the interfaces of vnet.interface into the jail of init. */
int
net_vnet_attach(struct netplan *np, pid_t init)
{
	char why[JB_ERRMSG_LEN], path[64];
	int nsfd, rc;

	if (np->mode != NET_VNET || np->nvnetifs == 0)
		return (0);
	snprintf(path, sizeof(path), "/proc/%ld/ns/net", (long)init);
	if ((nsfd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "%s", path));
	for (rc = 0, np->moved = 0; rc == 0 && np->moved < np->nvnetifs;
	    np->moved++)
		if ((rc = nl_link_move(np->vnetifs[np->moved], nsfd)) == -1)
			break;
	close(nsfd);
	if (rc == -1) {
		strcpy(why, jb_errmsg);
		return (jb_errx(errno, "vnet.interface: %s", why));
	}
	return (0);
}

/*
 * Enter the network namespace fd stands for (a namespace, or a process
 * by its pidfd), with the way back in *backp.
 */
static int
netns_enter(int fd, int *backp)
{
	if ((*backp = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "/proc/self/ns/net"));
	if (setns(fd, CLONE_NEWNET) == -1) {
		close(*backp);
		return (jb_err(errno, "enter the jail's network"));
	}
	return (0);
}

static int
netns_leave(int back)
{
	int rc;

	rc = setns(back, CLONE_NEWNET) == -1 ?
	    jb_err(errno, "leave the jail's network") : 0;
	close(back);
	return (rc);
}

/*
 * From inside the network namespace of the process behind pidfd, move
 * names back into this process's namespace; or, names NULL, every
 * interface but lo that has no link kind (the physical ones), deleting
 * the virtual ones, which would go with the namespace, but not at once:
 * a veth pair is gone when jail -r returns.
 */
static int
move_back(int pidfd, char *const *names, size_t n)
{
	char line[256], kind[32], *name, *colon;
	int hostns, rc;
	size_t i;
	FILE *fp;

	if (netns_enter(pidfd, &hostns) == -1)
		return (-1);
	rc = 0;
	for (i = 0; names != NULL && i < n; i++)
		if (nl_link_move(names[i], hostns) == -1)
			rc = -1;
	/* The interfaces of the namespace this process is in now. */
	fp = names == NULL ? fopen("/proc/self/net/dev", "re") : NULL;
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL) {
		if ((colon = strchr(line, ':')) == NULL)
			continue;	/* the two heading lines */
		*colon = '\0';
		name = line + strspn(line, " ");
		if (strcmp(name, "lo") == 0 ||
		    nl_link_kind(name, kind, sizeof(kind)) == -1)
			continue;
		/* A device the kernel made itself stays: no matter. */
		if (kind[0] != '\0')
			(void)nl_link_del(name);
		else if (nl_link_move(name, hostns) == -1)
			rc = -1;
	}
	if (fp != NULL)
		fclose(fp);
	if (netns_leave(hostns) == -1)
		rc = -1;
	return (rc);
}

/* Undo net_vnet_attach(), after a create that failed. */
void
net_vnet_detach_plan(struct netplan *np, int pidfd)
{
	char msg[JB_ERRMSG_LEN];
	int saved;

	if (np->moved == 0)
		return;
	saved = errno;
	strcpy(msg, jb_errmsg);
	(void)move_back(pidfd, np->vnetifs, np->moved);
	np->moved = 0;
	strcpy(jb_errmsg, msg);
	errno = saved;
}

/*
 * Before a vnet jail's init is killed: its physical interfaces come back
 * to the host, not to wherever the kernel would send them.
 */
int
net_vnet_detach(const struct jail_entry *je, int pidfd)
{
	if (net_mode(&je->params) != NET_VNET)
		return (0);
	return (move_back(pidfd, NULL, 0));
}

/*
 * In the jail's init, before anything else runs in the jail: prove the
 * socket restrictions hold, by binding to the wildcard address, which
 * they must turn into the jail's.  On a host where cgroup version 1's
 * net_cls or net_prio controllers are in use the kernel silently stops
 * running such programs; the jail then fails rather than run with the
 * host's every address.
 */
int
net_filter_check(const struct jparams *jp)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	size_t f;
	int s, wild;

	if (net_mode(jp) != NET_SHARED)
		return (0);
	for (f = 0; f < 2; f++) {
		if (family_mode(jp, (int)f) != JAILSYS_NEW)
			continue;
		if ((s = socket(families[f].family, SOCK_DGRAM | SOCK_CLOEXEC,
		    0)) == -1)
			return (jb_err(errno, "socket restrictions: socket"));
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = (sa_family_t)families[f].family;
		len = f == 0 ? sizeof(*sin) : sizeof(*sin6);
		wild = bind(s, (struct sockaddr *)&ss, len) == 0 &&
		    getsockname(s, (struct sockaddr *)&ss, &len) == 0 &&
		    (f == 0 ? sin->sin_addr.s_addr == INADDR_ANY :
		    IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr));
		close(s);
		if (wild)
			return (jb_errx(ENOTSUP, "socket restrictions are not "
			    "in effect on this host (cgroup v1 net_cls or "
			    "net_prio in use?)"));
	}
	return (0);
}
