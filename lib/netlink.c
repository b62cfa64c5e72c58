#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "netlink.h"

#define NL_REQ_MAX	256	/* every request built here fits */
#define NL_RCV_MAX	32768	/* the kernel's largest batch of a dump */
#define NL_DUMP_TRIES	10	/* dumps interrupted by changes in a row */

struct nl_req {
	union {
		struct nlmsghdr	nh;
		char		buf[NL_REQ_MAX];
	}	u;
	int	overflow;
};

/* Called with each of the kernel's answers but the ack and the end. */
typedef int (*nl_reply_fn)(const struct nlmsghdr *, void *);

struct addr_match {
	int		 family;
	const void	*addr;
	size_t		 len;
	int		 prefixlen;	/* -1 until found */
	int		 index;
};

struct link_kind {
	char	*buf;
	size_t	 len;
	int	 found;
};

static void	*nl_req_init(struct nl_req *, int, int, size_t);
static void	 nl_req_attr(struct nl_req *, int, const void *, size_t);
static int	 nl_request(struct nl_req *, nl_reply_fn, void *);
static const struct rtattr *nl_attr_get(const struct rtattr *, int, int);
static int	 ifname_check(const char *);
static int	 ifname_index(const char *, int *);
static int	 ifindex_name(int, char *);
static int	 addr_check(int, const void *, int, size_t *, char *);
static int	 addr_change(int, const char *, int, const void *, int);
static int	 addr_match(const struct nlmsghdr *, void *);
static struct ifinfomsg *link_req_init(struct nl_req *, int, const char *);
static int	 link_kind_copy(const struct nlmsghdr *, void *);

static uint32_t nl_seq;

/* Start a request whose fixed header is bodylen bytes; the ack is asked. */
static void *
nl_req_init(struct nl_req *req, int type, int flags, size_t bodylen)
{
	memset(req, 0, sizeof(*req));
	req->u.nh.nlmsg_len = NLMSG_LENGTH(bodylen);
	req->u.nh.nlmsg_type = type;
	req->u.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	return (NLMSG_DATA(&req->u.nh));
}

/*
 * Append an attribute.  An attribute that does not fit marks the request,
 * which nl_request() then refuses, so callers need not check each one.
 */
static void
nl_req_attr(struct nl_req *req, int type, const void *data, size_t len)
{
	struct rtattr *rta;
	size_t off;

	off = NLMSG_ALIGN(req->u.nh.nlmsg_len);
	if (off + RTA_SPACE(len) > sizeof(req->u.buf)) {
		req->overflow = 1;
		return;
	}
	rta = (struct rtattr *)(req->u.buf + off);
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->u.nh.nlmsg_len = off + RTA_SPACE(len);
}

/*
 * Send one request on a socket of its own and read the answer to its end:
 * a dump up to NLMSG_DONE, anything else up to the ack.  Only messages
 * from the kernel that carry this request's sequence number and our port
 * id count; an error in the ack or the dump becomes errno.  A reply that
 * did not fit, or messages the kernel dropped, are errors too, and a dump
 * that changes under way is EAGAIN, for the caller to start again.
 */
static int
nl_request(struct nl_req *req, nl_reply_fn fn, void *arg)
{
	union {
		struct nlmsghdr	nh;
		char		buf[NL_RCV_MAX];
	} rcv;
	struct sockaddr_nl local, kernel, from;
	const struct nlmsgerr *e;
	struct nlmsghdr *nh;
	struct msghdr msg;
	struct iovec iov;
	socklen_t salen;
	ssize_t n;
	uint32_t seq;
	int s, dump, done, left, saved, dumperr;

	if (req->overflow) {
		errno = EMSGSIZE;
		return (-1);
	}
	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s == -1)
		return (-1);
	memset(&local, 0, sizeof(local));
	local.nl_family = AF_NETLINK;
	salen = sizeof(local);
	if (bind(s, (struct sockaddr *)&local, sizeof(local)) == -1 ||
	    getsockname(s, (struct sockaddr *)&local, &salen) == -1)
		goto fail;
	memset(&kernel, 0, sizeof(kernel));
	kernel.nl_family = AF_NETLINK;
	seq = ++nl_seq;
	req->u.nh.nlmsg_seq = seq;
	dump = (req->u.nh.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	n = sendto(s, req->u.buf, req->u.nh.nlmsg_len, 0,
	    (struct sockaddr *)&kernel, sizeof(kernel));
	if (n == -1)
		goto fail;
	if ((size_t)n != req->u.nh.nlmsg_len) {
		errno = EMSGSIZE;
		goto fail;
	}
	for (done = 0; !done;) {
		iov.iov_base = rcv.buf;
		iov.iov_len = sizeof(rcv.buf);
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		if ((n = recvmsg(s, &msg, 0)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;	/* ENOBUFS: the kernel dropped some */
		}
		if (msg.msg_flags & MSG_TRUNC) {
			errno = EMSGSIZE;
			goto fail;
		}
		if (msg.msg_namelen != sizeof(from) || from.nl_pid != 0)
			continue;
		left = (int)n;
		for (nh = &rcv.nh; !done && NLMSG_OK(nh, left);
		    nh = NLMSG_NEXT(nh, left)) {
			if (nh->nlmsg_seq != seq ||
			    nh->nlmsg_pid != local.nl_pid)
				continue;
			if (nh->nlmsg_flags & NLM_F_DUMP_INTR) {
				errno = EAGAIN;	/* changed under the dump */
				goto fail;
			}
			switch (nh->nlmsg_type) {
			case NLMSG_NOOP:
				break;
			case NLMSG_OVERRUN:
				errno = ENOBUFS;
				goto fail;
			case NLMSG_ERROR:
				if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
					errno = EPROTO;
					goto fail;
				}
				e = NLMSG_DATA(nh);
				if (e->error != 0) {
					errno = e->error < 0 ? -e->error :
					    EPROTO;
					goto fail;
				}
				done = !dump;
				break;
			case NLMSG_DONE:
				dumperr = 0;
				if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&dumperr, NLMSG_DATA(nh),
					    sizeof(dumperr));
				if (dump && dumperr < 0) {
					errno = -dumperr;
					goto fail;
				}
				done = dump;
				break;
			default:
				if (fn != NULL && fn(nh, arg) == -1)
					goto fail;
				break;
			}
		}
		if (!done && left > 0) {
			errno = EPROTO;	/* a message cut short */
			goto fail;
		}
	}
	close(s);
	return (0);
fail:
	saved = errno;
	close(s);
	errno = saved;
	return (-1);
}

/* The attribute of the given type among len bytes of them, or NULL. */
static const struct rtattr *
nl_attr_get(const struct rtattr *rta, int len, int type)
{
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == type)
			return (rta);
	return (NULL);
}

/*
 * Refuse, before any request, a name the kernel could never have given a
 * device, and ':', which SIOCGIFINDEX would cut off as an alias label.
 */
static int
ifname_check(const char *ifname)
{
	const unsigned char *p;

	if (*ifname == '\0')
		return (jb_errx(EINVAL, "interface name cannot be empty"));
	for (p = (const unsigned char *)ifname; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '/' || *p == ':')
			return (jb_errx(EINVAL, "interface name cannot contain "
			    "the character 0x%02x", *p));
	if (strnlen(ifname, IFNAMSIZ) >= IFNAMSIZ)
		return (jb_errx(EINVAL, "%s: interface name too long",
		    ifname));
	if (strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0)
		return (jb_errx(EINVAL, "%s: invalid interface name", ifname));
	return (0);
}

/* The index of a valid interface name; ENODEV if there is no such one. */
static int
ifname_index(const char *ifname, int *indexp)
{
	unsigned int index;

	if (ifname_check(ifname) == -1)
		return (-1);
	if ((index = nl_ifindex(ifname)) == 0)
		return (jb_err(errno, "%s", ifname));
	*indexp = (int)index;
	return (0);
}

/* The name of the interface with that index: SIOCGIFNAME, IF_NAMESIZE. */
static int
ifindex_name(int index, char *buf)
{
	struct ifreq ifr;
	int s, rc;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = index;
	if ((s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	rc = ioctl(s, SIOCGIFNAME, &ifr);
	close(s);
	if (rc == -1)
		return (-1);
	memcpy(buf, ifr.ifr_name, IF_NAMESIZE);
	buf[IF_NAMESIZE - 1] = '\0';
	return (0);
}

/*
 * The index of an interface of this namespace, or 0 with errno set: its
 * own SIOCGIFINDEX, as if_nametoindex(3) would, which drags more of the
 * C library into the static executable.
 */
unsigned int
nl_ifindex(const char *ifname)
{
	struct ifreq ifr;
	size_t len;
	int s, rc;

	if ((len = strlen(ifname)) == 0 || len >= sizeof(ifr.ifr_name)) {
		errno = ENODEV;
		return (0);
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, len);
	if ((s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return (0);
	rc = ioctl(s, SIOCGIFINDEX, &ifr);
	close(s);
	if (rc == -1)
		return (0);
	return ((unsigned int)ifr.ifr_ifindex);
}

/*
 * Check the family and the prefix length; give the address's length and
 * its text, INET6_ADDRSTRLEN bytes, for messages.
 */
static int
addr_check(int family, const void *addr, int prefixlen, size_t *lenp,
    char *text)
{
	int max;

	switch (family) {
	case AF_INET:
		*lenp = sizeof(struct in_addr);
		max = 32;
		break;
	case AF_INET6:
		*lenp = sizeof(struct in6_addr);
		max = 128;
		break;
	default:
		return (jb_errx(EAFNOSUPPORT, "address family %d not supported",
		    family));
	}
	if (inet_ntop(family, addr, text, INET6_ADDRSTRLEN) == NULL)
		return (jb_err(errno, "inet_ntop"));
	if (prefixlen < 0 || prefixlen > max)
		return (jb_errx(EINVAL, "%s/%d: invalid prefix length", text,
		    prefixlen));
	return (0);
}

/*
 * Add or delete an address: the same request but for its type.  An IPv4
 * address gets the broadcast address of "ip addr add ... brd +", and the
 * host scope for 127/8 as ip(8) gives it; an IPv6 one skips duplicate
 * address detection, so that it is usable at once as on FreeBSD.
 */
static int
addr_change(int type, const char *ifname, int family, const void *addr,
    int prefixlen)
{
	char text[INET6_ADDRSTRLEN];
	struct ifaddrmsg *ifa;
	struct in_addr brd;
	struct nl_req req;
	size_t len;
	int index;

	if (addr_check(family, addr, prefixlen, &len, text) == -1 ||
	    ifname_index(ifname, &index) == -1)
		return (-1);
	ifa = nl_req_init(&req, type,
	    type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0, sizeof(*ifa));
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = prefixlen;
	ifa->ifa_index = index;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	if (family == AF_INET) {
		memcpy(&brd, addr, sizeof(brd));
		if ((ntohl(brd.s_addr) >> 24) == 127)
			ifa->ifa_scope = RT_SCOPE_HOST;
		nl_req_attr(&req, IFA_LOCAL, addr, len);
		nl_req_attr(&req, IFA_ADDRESS, addr, len);
		if (type == RTM_NEWADDR && prefixlen < 31) {
			brd.s_addr |= htonl(UINT32_C(0xffffffff) >> prefixlen);
			nl_req_attr(&req, IFA_BROADCAST, &brd, sizeof(brd));
		}
	} else {
		if (type == RTM_NEWADDR)
			ifa->ifa_flags = IFA_F_NODAD;
		nl_req_attr(&req, IFA_ADDRESS, addr, len);
	}
	if (nl_request(&req, NULL, NULL) == -1)
		return (jb_err(errno, "%s: %s %s/%d", ifname,
		    type == RTM_NEWADDR ? "add" : "delete", text, prefixlen));
	return (0);
}

/* Add addr/prefixlen to the interface; EEXIST if it is there already. */
int
nl_addr_add(const char *ifname, int family, const void *addr, int prefixlen)
{
	return (addr_change(RTM_NEWADDR, ifname, family, addr, prefixlen));
}

/* Remove addr/prefixlen from the interface. */
int
nl_addr_del(const char *ifname, int family, const void *addr, int prefixlen)
{
	return (addr_change(RTM_DELADDR, ifname, family, addr, prefixlen));
}

/*
 * Keep the first address of the dump that is the one sought.  IFA_LOCAL,
 * when there is one, is the interface's own address: on a point-to-point
 * link IFA_ADDRESS is the peer's.
 */
static int
addr_match(const struct nlmsghdr *nh, void *arg)
{
	struct addr_match *m = arg;
	const struct ifaddrmsg *ifa;
	const struct rtattr *rta;

	if (nh->nlmsg_type != RTM_NEWADDR || m->prefixlen != -1)
		return (0);
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa))) {
		errno = EPROTO;
		return (-1);
	}
	ifa = NLMSG_DATA(nh);
	if (ifa->ifa_family != m->family)
		return (0);
	rta = nl_attr_get(IFA_RTA(ifa), IFA_PAYLOAD(nh), IFA_LOCAL);
	if (rta == NULL)
		rta = nl_attr_get(IFA_RTA(ifa), IFA_PAYLOAD(nh), IFA_ADDRESS);
	if (rta != NULL && RTA_PAYLOAD(rta) == m->len &&
	    memcmp(RTA_DATA(rta), m->addr, m->len) == 0) {
		m->prefixlen = ifa->ifa_prefixlen;
		m->index = (int)ifa->ifa_index;
	}
	return (0);
}

/*
 * The prefix length of an address configured on any interface, found in a
 * dump of the family's addresses; the interface's name goes to ifnamebuf,
 * IF_NAMESIZE bytes, unless it is NULL.  ENOENT if there is none.  The
 * kernel marks a dump that addresses changed under; it is read again,
 * after a pause that doubles from a millisecond, so that a kernel still
 * at work on many changes (half a second of them at most) is waited for.
 */
int
nl_addr_find(int family, const void *addr, char *ifnamebuf)
{
	char text[INET6_ADDRSTRLEN];
	struct ifaddrmsg *ifa;
	struct addr_match m;
	struct nl_req req;
	struct timespec pause;
	int tries;

	if (addr_check(family, addr, 0, &m.len, text) == -1)
		return (-1);
	m.family = family;
	m.addr = addr;
	for (tries = 1;; tries++) {
		m.prefixlen = -1;
		m.index = 0;
		ifa = nl_req_init(&req, RTM_GETADDR, NLM_F_DUMP, sizeof(*ifa));
		ifa->ifa_family = family;
		if (nl_request(&req, addr_match, &m) == 0)
			break;
		if (errno != EAGAIN || tries == NL_DUMP_TRIES)
			return (jb_err(errno, "%s: address lookup", text));
		pause.tv_sec = 0;
		pause.tv_nsec = 1000000L << (tries - 1);
		(void)nanosleep(&pause, NULL);
	}
	if (m.prefixlen == -1)
		return (jb_errx(ENOENT, "%s: address not configured", text));
	if (ifnamebuf != NULL && ifindex_name(m.index, ifnamebuf) == -1)
		return (jb_err(errno, "%s: interface %d", text, m.index));
	return (m.prefixlen);
}

/* Start a request of the given type about the interface, by its index. */
static struct ifinfomsg *
link_req_init(struct nl_req *req, int type, const char *ifname)
{
	struct ifinfomsg *ifi;
	int index;

	if (ifname_index(ifname, &index) == -1)
		return (NULL);
	ifi = nl_req_init(req, type, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	return (ifi);
}

/* Move the interface into the network namespace open at nsfd. */
int
nl_link_move(const char *ifname, int nsfd)
{
	struct nl_req req;
	uint32_t fd;

	if (link_req_init(&req, RTM_NEWLINK, ifname) == NULL)
		return (-1);
	fd = (uint32_t)nsfd;
	nl_req_attr(&req, IFLA_NET_NS_FD, &fd, sizeof(fd));
	if (nl_request(&req, NULL, NULL) == -1)
		return (jb_err(errno, "%s: move to network namespace", ifname));
	return (0);
}

/* Bring the interface up, leaving its other flags alone. */
int
nl_link_up(const char *ifname)
{
	struct ifinfomsg *ifi;
	struct nl_req req;

	if ((ifi = link_req_init(&req, RTM_NEWLINK, ifname)) == NULL)
		return (-1);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	if (nl_request(&req, NULL, NULL) == -1)
		return (jb_err(errno, "%s: up", ifname));
	return (0);
}

/* Delete the interface; a veth end takes its peer with it. */
int
nl_link_del(const char *ifname)
{
	struct nl_req req;

	if (link_req_init(&req, RTM_DELLINK, ifname) == NULL)
		return (-1);
	if (nl_request(&req, NULL, NULL) == -1)
		return (jb_err(errno, "%s: delete", ifname));
	return (0);
}

/* Copy IFLA_INFO_KIND out of the link's description; none is "". */
static int
link_kind_copy(const struct nlmsghdr *nh, void *arg)
{
	struct link_kind *k = arg;
	const struct ifinfomsg *ifi;
	const struct rtattr *info, *kind;
	const char *s;
	size_t n;

	if (nh->nlmsg_type != RTM_NEWLINK || k->found)
		return (0);
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi))) {
		errno = EPROTO;
		return (-1);
	}
	ifi = NLMSG_DATA(nh);
	kind = NULL;
	info = nl_attr_get(IFLA_RTA(ifi), IFLA_PAYLOAD(nh), IFLA_LINKINFO);
	if (info != NULL)
		kind = nl_attr_get(RTA_DATA(info), RTA_PAYLOAD(info),
		    IFLA_INFO_KIND);
	s = kind != NULL ? RTA_DATA(kind) : "";
	n = kind != NULL ? strnlen(s, RTA_PAYLOAD(kind)) : 0;
	if (n >= k->len) {
		errno = ERANGE;
		return (-1);
	}
	memcpy(k->buf, s, n);
	k->buf[n] = '\0';
	k->found = 1;
	return (0);
}

/* The link kind ("veth", "bridge", ...) of the interface; "" for a NIC. */
int
nl_link_kind(const char *ifname, char *buf, size_t len)
{
	struct link_kind k;
	struct nl_req req;

	if (link_req_init(&req, RTM_GETLINK, ifname) == NULL)
		return (-1);
	k.buf = buf;
	k.len = len;
	k.found = 0;
	if (nl_request(&req, link_kind_copy, &k) == -1)
		return (jb_err(errno, "%s: link kind", ifname));
	if (!k.found)
		return (jb_errx(EPROTO, "%s: link kind: no answer", ifname));
	return (0);
}
