/*
 * Which jails are alive, all known at once.  Each jail's init holds a
 * socket bound to an abstract name made of the registry's identity (the
 * device and inode of its directory) and the jid; the kernel drops the
 * name when the last process holding the socket is gone.  One sock_diag
 * dump of the host's UNIX sockets, kept to those owned by root, so that
 * no user can forge one, then tells which jids of this registry live,
 * without reading an entry or /proc/PID/stat per jail.  The socket is
 * never listened on: connecting to it is refused.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/tcp.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "live.h"
#include "registry.h"

static int	live_prefix(char *, size_t);
static int	live_cmp(const void *, const void *);
static int	live_add(struct live_set *, const char *, size_t, size_t);

/*
 * The abstract name's prefix, after its leading NUL: it names this
 * registry, so jails of another registry (a bind mount of another
 * directory on /run/jail) never count.
 */
static int
live_prefix(char *buf, size_t len)
{
	struct stat st;
	int n;

	if (stat(REGISTRY_DIR, &st) == -1)
		return (jb_err(errno, "%s", REGISTRY_DIR));
	n = snprintf(buf, len, "jailbox/%llx:%llx/",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	if (n < 0 || (size_t)n >= len)
		return (jb_errx(ENAMETOOLONG, "live socket name"));
	return (n);
}

/*
 * A socket bound to jid's live name, for the jail's init to hold for as
 * long as it lives; EADDRINUSE if an init of that jid already does.
 */
int
live_mark(int jid)
{
	struct sockaddr_un sun;
	socklen_t len;
	int fd, n, m;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((n = live_prefix(sun.sun_path + 1, sizeof(sun.sun_path) - 1)) ==
	    -1)
		return (-1);
	m = snprintf(sun.sun_path + 1 + n, sizeof(sun.sun_path) - 1 - n, "%d",
	    jid);
	if (m < 0 || (size_t)m >= sizeof(sun.sun_path) - 1 - n)
		return (jb_errx(ENAMETOOLONG, "live socket name"));
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n + m);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (jb_err(errno, "socket"));
	if (bind(fd, (struct sockaddr *)&sun, len) == -1) {
		jb_err(errno, "jail %d: live socket", jid);
		close(fd);
		return (-1);
	}
	return (fd);
}

static int
live_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return ((x > y) - (x < y));
}

/* Note the jid of an abstract name that has the prefix (plen bytes). */
static int
live_add(struct live_set *ls, const char *name, size_t len, size_t plen)
{
	char digits[16], *end;
	int *njids;
	long jid;

	if (len <= plen || len - plen >= sizeof(digits))
		return (0);
	memcpy(digits, name + plen, len - plen);
	digits[len - plen] = '\0';
	jid = strtol(digits, &end, 10);
	if (*end != '\0' || jid <= 0 || jid > INT_MAX)
		return (0);
	if ((njids = reallocarray(ls->jids, ls->n + 1, sizeof(*njids))) ==
	    NULL)
		return (jb_err(errno, "malloc"));
	ls->jids = njids;
	ls->jids[ls->n++] = (int)jid;
	return (0);
}

/*
 * The jids of this registry whose init lives.  On failure ls->known is
 * 0, and each entry must be judged on its own.
 */
int
live_read(struct live_set *ls)
{
	struct {
		struct nlmsghdr		nlh;
		struct unix_diag_req	udr;
	} req;
	char prefix[64], buf[32768];
	struct unix_diag_msg *m;
	struct nlmsghdr *h;
	struct rtattr *a;
	const char *name;
	size_t namelen, plen;
	unsigned int uid, alen;
	ssize_t n;
	int fd, done, rc, pl;

	memset(ls, 0, sizeof(*ls));
	if ((pl = live_prefix(prefix + 1, sizeof(prefix) - 1)) == -1)
		return (-1);
	prefix[0] = '\0';
	plen = (size_t)pl + 1;
	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_SOCK_DIAG)) == -1)
		return (jb_err(errno, "sock_diag"));
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.udr.sdiag_family = AF_UNIX;
	/* A socket bound and never listened on is TCP_CLOSE: only those. */
	req.udr.udiag_states = 1U << TCP_CLOSE;
	req.udr.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_UID;
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req)) {
		close(fd);
		return (jb_err(errno, "sock_diag"));
	}
	rc = 0;
	for (done = 0; !done && rc == 0;) {
		if ((n = recv(fd, buf, sizeof(buf), 0)) <= 0) {
			rc = jb_err(n == 0 ? EPROTO : errno, "sock_diag");
			break;
		}
		for (h = (struct nlmsghdr *)buf; rc == 0 &&
		    NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				rc = jb_errx(EPROTO, "sock_diag: refused");
				break;
			}
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
				continue;
			m = NLMSG_DATA(h);
			name = NULL;
			namelen = 0;
			uid = ~0U;
			alen = h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
			for (a = (struct rtattr *)(m + 1); RTA_OK(a, alen);
			    a = RTA_NEXT(a, alen)) {
				if (a->rta_type == UNIX_DIAG_NAME) {
					name = RTA_DATA(a);
					namelen = RTA_PAYLOAD(a);
				} else if (a->rta_type == UNIX_DIAG_UID &&
				    RTA_PAYLOAD(a) >= sizeof(uid))
					memcpy(&uid, RTA_DATA(a), sizeof(uid));
			}
			/* Root's alone: anyone may bind an abstract name. */
			if (name != NULL && uid == 0 && namelen > plen &&
			    memcmp(name, prefix, plen) == 0)
				rc = live_add(ls, name, namelen, plen);
		}
	}
	close(fd);
	if (rc == -1) {
		live_free(ls);
		return (-1);
	}
	qsort(ls->jids, ls->n, sizeof(*ls->jids), live_cmp);
	ls->known = 1;
	return (0);
}

/* Whether jid's init lives as ls tells (never, when ls is not known). */
int
live_has(const struct live_set *ls, int jid)
{
	return (ls->known && ls->n > 0 && bsearch(&jid, ls->jids, ls->n,
	    sizeof(*ls->jids), live_cmp) != NULL);
}

void
live_free(struct live_set *ls)
{
	free(ls->jids);
	memset(ls, 0, sizeof(*ls));
}
