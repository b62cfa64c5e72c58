/*
 * Building a jail.  Everything is validated first; then the create steps,
 * a const array, are walked forward, and if one fails the steps already
 * done are undone walking the same array backward.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <linux/sched.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "confine.h"
#include "console.h"
#include "errmsg.h"
#include "jail.h"
#include "live.h"
#include "mount.h"
#include "net.h"
#include "nitems.h"
#include "proc.h"
#include "registry.h"

struct create_ctx {
	struct jparams		*params;
	struct netplan		 net;
	int			 lockfd;
	int			 jid;
	int			 ctlfd;
	int			 markfd;	/* its live name, see live.c */
	int			 readyfd;	/* the init's report socket */
	struct sock_fprog	 filter;	/* the seccomp filter, compiled */
	pid_t			 init_pid;
	int			 init_pidfd;
	unsigned long long	 init_start;
};

struct create_step {
	const char	*name;
	int		(*run)(struct create_ctx *);
	void		(*undo)(struct create_ctx *);
};

static int	step_lock(struct create_ctx *);
static void	undo_lock(struct create_ctx *);
static int	step_jid(struct create_ctx *);
static void	undo_jid(struct create_ctx *);
static int	step_entry(struct create_ctx *);
static void	undo_entry(struct create_ctx *);
static int	step_control(struct create_ctx *);
static void	undo_control(struct create_ctx *);
static int	step_clash(struct create_ctx *);
static int	step_cgroup(struct create_ctx *);
static void	undo_cgroup(struct create_ctx *);
static int	step_sockets(struct create_ctx *);
static int	step_alias(struct create_ctx *);
static void	undo_alias(struct create_ctx *);
static int	step_vnet(struct create_ctx *);
static void	undo_vnet(struct create_ctx *);
static int	step_init(struct create_ctx *);
static void	undo_init(struct create_ctx *);
static int	step_reap(struct create_ctx *);
static int	step_netns(struct create_ctx *);
static int	step_filter(struct create_ctx *);
static void	undo_filter(struct create_ctx *);
static int	step_stage(struct create_ctx *);
static int	step_ready(struct create_ctx *);
static int	step_publish(struct create_ctx *);

static const struct create_step create_steps[] = {
	{ "lock",	step_lock,	undo_lock },
	{ "jid",	step_jid,	undo_jid },
	{ "clash",	step_clash,	NULL },
	{ "entry",	step_entry,	undo_entry },
	{ "control",	step_control,	undo_control },
	{ "cgroup",	step_cgroup,	undo_cgroup },
	{ "sockets",	step_sockets,	NULL },
	{ "alias",	step_alias,	undo_alias },
	{ "init",	step_init,	undo_init },
	{ "reap",	step_reap,	NULL },
	{ "netns",	step_netns,	NULL },
	{ "filter",	step_filter,	undo_filter },
	{ "stage",	step_stage,	NULL },
	{ "ready",	step_ready,	NULL },
	{ "vnet",	step_vnet,	undo_vnet },
	{ "publish",	step_publish,	NULL },
};

/* Hold the registry lock from choosing the jid until the entry is public. */
static int
step_lock(struct create_ctx *cx)
{
	if ((cx->lockfd = registry_lock()) == -1)
		return (-1);
	return (0);
}

static void
undo_lock(struct create_ctx *cx)
{
	registry_unlock(cx->lockfd);
	cx->lockfd = -1;
}

/* Choose the jid; a jail without a name is named by it. */
static int
step_jid(struct create_ctx *cx)
{
	char buf[16];
	int after;

	for (after = 0;; after = cx->jid) {
		if (registry_alloc(cx->params, cx->lockfd, after, &cx->jid) ==
		    -1)
			return (-1);
		if ((cx->markfd = live_mark(cx->jid)) != -1)
			break;
		/*
		 * The live name of a jid without an entry is held by a
		 * socket not of jailbox: any process on the host's stack,
		 * a jail's on it too, can bind an abstract name.  It can
		 * keep that jid from use, not creation: take the next.
		 */
		if (errno != EADDRINUSE || jparams_isset(cx->params, JP_JID))
			return (-1);
	}
	snprintf(buf, sizeof(buf), "%d", cx->jid);
	if (jparams_set(cx->params, "jid", buf) == -1)
		return (-1);
	if (!jparams_isset(cx->params, JP_NAME))
		return (jparams_set(cx->params, "name", buf));
	return (0);
}

static void
undo_jid(struct create_ctx *cx)
{
	if (cx->markfd >= 0)
		close(cx->markfd);
	cx->markfd = -1;
}

/* Its addresses may not clash with another jail's on the host's stack. */
static int
step_clash(struct create_ctx *cx)
{
	return (net_clash(&cx->net, cx->jid));
}

static int
step_entry(struct create_ctx *cx)
{
	return (registry_prepare(cx->jid));
}

static void
undo_entry(struct create_ctx *cx)
{
	registry_discard(cx->jid);
}

/*
 * The init's control socket, bound in the entry on the host, where no
 * jailed process can reach it: jexec hands the init what it must serve
 * through it.
 */
static int
step_control(struct create_ctx *cx)
{
	struct sockaddr_un sun;
	mode_t mask;
	int rc;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (registry_control_path(cx->jid, 0, sun.sun_path,
	    sizeof(sun.sun_path)) == -1)
		return (-1);
	cx->ctlfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (cx->ctlfd == -1)
		return (jb_err(errno, "socket"));
	/* Made 0600 by bind itself: jail(8) has no other thread. */
	mask = umask(0177);
	rc = bind(cx->ctlfd, (struct sockaddr *)&sun, sizeof(sun));
	umask(mask);
	if (rc == -1 || listen(cx->ctlfd, 16) == -1) {
		jb_err(errno, "%s", sun.sun_path);
		undo_control(cx);
		return (-1);
	}
	return (0);
}

static void
undo_control(struct create_ctx *cx)
{
	if (cx->ctlfd >= 0)
		close(cx->ctlfd);
	if (cx->markfd >= 0)
		close(cx->markfd);
	cx->ctlfd = cx->markfd = -1;
}

static int
step_cgroup(struct create_ctx *cx)
{
	return (cgroup_create(cx->jid));
}

static void
undo_cgroup(struct create_ctx *cx)
{
	cgroup_destroy(cx->jid);
}

/*
 * The socket restrictions go on the cgroup before anything runs in it,
 * and go with it.
 */
static int
step_sockets(struct create_ctx *cx)
{
	int cgfd, rc;

	if (cx->net.mode == NET_PRIVATE)
		return (0);
	if ((cgfd = cgroup_open(cx->jid)) == -1)
		return (-1);
	rc = net_filter(&cx->net, cgfd);
	close(cgfd);
	return (rc);
}

/* The aliases on host interfaces, before the jail exists, as FreeBSD. */
static int
step_alias(struct create_ctx *cx)
{
	return (net_alias(&cx->net));
}

static void
undo_alias(struct create_ctx *cx)
{
	net_unalias_plan(&cx->net);
}

/* A vnet jail's interfaces go into its namespace once it has one. */
static int
step_vnet(struct create_ctx *cx)
{
	return (net_vnet_attach(&cx->net, cx->init_pid));
}

static void
undo_vnet(struct create_ctx *cx)
{
	net_vnet_detach_plan(&cx->net, cx->init_pidfd);
}

/*
 * Clone the jail's init straight into its cgroup and a PID namespace of
 * its own; it makes the jail's other namespaces and builds the jail while
 * this process goes on to the next steps.
 */
static int
step_init(struct create_ctx *cx)
{
	struct jail_setup js;
	int pfd[2], cgfd;
	pid_t pid;

	if ((cgfd = cgroup_open(cx->jid)) == -1)
		return (-1);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pfd) == -1) {
		close(cgfd);
		return (jb_err(errno, "socketpair"));
	}
	pid = proc_clone(CLONE_NEWPID | CLONE_PIDFD, cgfd, &cx->init_pidfd);
	if (pid == 0) {
		close(pfd[0]);
		js.params = cx->params;
		js.readyfd = pfd[1];
		js.ctlfd = cx->ctlfd;
		js.markfd = cx->markfd;
		jail_init(&js);
	}
	close(cgfd);
	close(pfd[1]);
	undo_control(cx);	/* the init holds it now */
	if (pid == -1) {
		close(pfd[0]);
		return (-1);
	}
	cx->init_pid = (pid_t)pid;
	cx->readyfd = pfd[0];
	if (proc_starttime(cx->init_pid, &cx->init_start) == -1) {
		/* An init that failed at once has said why before it died. */
		if (errno == ESRCH)
			(void)step_ready(cx);
		undo_init(cx);
		return (-1);
	}
	return (0);
}

static void
undo_init(struct create_ctx *cx)
{
	int status;

	if (cx->readyfd != -1)
		close(cx->readyfd);
	cx->readyfd = -1;
	if (cx->init_pid <= 1)
		return;
	syscall(SYS_pidfd_send_signal, cx->init_pidfd, SIGKILL, NULL, 0);
	while (waitpid(cx->init_pid, &status, 0) == -1 && errno == EINTR)
		;
	close(cx->init_pidfd);
}

/*
 * Clear what dead jails left, while the init builds the jail: the only
 * part of a create that looks at every jail (which live, in one sock_diag
 * dump; the directory when it holds more), here it is off the path.  A
 * leftover that cannot be cleared only keeps its jid taken, so it never
 * stops a create.
 */
static int
step_reap(struct create_ctx *cx)
{
	(void)registry_reap(cx->jid);
	return (0);
}

/*
 * A jail's own network namespace is made here, on this CPU, while its
 * init mounts on the other (making one takes longer than all the
 * mounts), and handed to the init, which enters it.  An init that failed
 * before it took it says why.
 */
static int
step_netns(struct create_ctx *cx)
{
	int fd, rc;

	if (cx->net.mode == NET_SHARED)
		return (0);
	if ((fd = net_ns_new()) == -1)
		return (-1);
	rc = console_send_fd(cx->readyfd, CONSOLE_NETNS, fd);
	close(fd);
	if (rc == -1)
		(void)step_ready(cx);
	return (rc);
}

/*
 * The jail's seccomp filter, once for all who will enter it, while its
 * init builds it on the other CPU: from the cache when a jail with the
 * same rules was created before, else compiled and kept there after its
 * key.  A cache that cannot be read or written only costs a compile.
 */
static int
step_filter(struct create_ctx *cx)
{
	struct confine_key k;
	size_t len, blen;
	void *buf;

	if (confine_filter_key(cx->params, &k) == -1)
		return (-1);
	if (registry_filter_cached(k.name, &buf, &len) == 0) {
		if (confine_filter_cached(&k, buf, len, &cx->filter) == 0) {
			confine_key_free(&k);
			return (0);
		}
		free(buf);
	}
	if (confine_filter(cx->params, &cx->filter) == -1) {
		confine_key_free(&k);
		return (-1);
	}
	blen = cx->filter.len * sizeof(*cx->filter.filter);
	if ((buf = malloc(k.len + blen)) != NULL) {
		memcpy(buf, k.bytes, k.len);
		memcpy((char *)buf + k.len, cx->filter.filter, blen);
		(void)registry_filter_keep(k.name, buf, k.len + blen);
		free(buf);
	}
	confine_key_free(&k);
	return (0);
}

static void
undo_filter(struct create_ctx *cx)
{
	free(cx->filter.filter);
	cx->filter.filter = NULL;
}

/* Wait for the init to report that the jail is built, or why it is not. */
static int
step_ready(struct create_ctx *cx)
{
	char msg[JB_ERRMSG_LEN];
	ssize_t n;
	int status;

	/*
	 * ECONNRESET: the init died leaving unread what it was sent (its
	 * network namespace); what it said before is read next.
	 */
	while ((n = read(cx->readyfd, msg, sizeof(msg) - 1)) == -1 &&
	    (errno == EINTR || errno == ECONNRESET))
		;
	close(cx->readyfd);
	cx->readyfd = -1;
	if (n == 1 && msg[0] == '\0')
		return (0);
	/* The init failed and said why (or died): collect it. */
	while (waitpid(cx->init_pid, &status, 0) == -1 && errno == EINTR)
		;
	close(cx->init_pidfd);
	cx->init_pid = 0;
	if (n > 0) {
		msg[n] = '\0';
		return (jb_errx(EINVAL, "%s", msg));
	}
	return (jb_errx(ECHILD, "the jail's init died while starting"));
}

/*
 * Write the entry while the init builds the jail; undo_entry throws it
 * away with the rest.
 */
static int
step_stage(struct create_ctx *cx)
{
	return (registry_stage(cx->jid, cx->params, cx->init_pid,
	    cx->init_start, cx->filter.filter,
	    cx->filter.len * sizeof(*cx->filter.filter)));
}

static int
step_publish(struct create_ctx *cx)
{
	return (registry_publish(cx->jid, jparams_str(cx->params, JP_NAME)));
}

/*
 * Check every parameter before the first side effect: the root must be an
 * existing directory given by an absolute path; it is stored resolved.
 */
static int
create_validate(struct jparams *jp)
{
	char real[PATH_MAX];
	const char *path, *name;
	struct stat st;

	if ((name = jparams_str(jp, JP_NAME)) != NULL &&
	    registry_name_check(name, (int)jparams_int(jp, JP_JID)) == -1)
		return (-1);
	if ((path = jparams_str(jp, JP_PATH)) == NULL)
		return (jb_errx(EINVAL, "path: not set"));
	if (*path != '/')
		return (jb_errx(EINVAL, "path %s: not an absolute path", path));
	if (realpath(path, real) == NULL)
		return (jb_err(errno, "path %s", path));
	if (stat(real, &st) == -1)
		return (jb_err(errno, "path %s", path));
	if (!S_ISDIR(st.st_mode))
		return (jb_err(ENOTDIR, "path %s", path));
	if (!jparams_bool(jp, JP_PERSIST) && !jparams_isset(jp, JP_COMMAND))
		return (jb_errx(EINVAL, "new jail must persist or attach"));
	if (jparams_bool(jp, JP_CONSOLE) && !jparams_isset(jp, JP_COMMAND))
		return (jb_errx(EINVAL, "console: no command to run on it"));
	if (jparams_check_linux(jp) == -1 || confine_check(jp) == -1)
		return (-1);
	if (jparams_set(jp, "path", real) == -1)
		return (-1);
	return (mount_check(jp));
}

/*
 * Create a jail from its parameters; on success je describes it (the
 * caller frees it with registry_entry_free()).
 */
int
jail_create(struct jparams *jp, struct jail_entry *je)
{
	struct create_ctx cx;
	char msg[JB_ERRMSG_LEN];
	size_t i;
	int rc, saved;

	memset(&cx, 0, sizeof(cx));
	if (create_validate(jp) == -1 || net_plan(jp, &cx.net) == -1)
		return (-1);
	cx.params = jp;
	cx.lockfd = -1;
	cx.ctlfd = -1;
	cx.markfd = -1;
	cx.readyfd = -1;
	for (i = 0; i < nitems(create_steps); i++)
		if (create_steps[i].run(&cx) == -1)
			break;
	if (i < nitems(create_steps)) {
		/* Undo what was done, keeping the first error. */
		saved = errno;
		strcpy(msg, jb_errmsg);
		while (i-- > 0)
			if (create_steps[i].undo != NULL)
				create_steps[i].undo(&cx);
		strcpy(jb_errmsg, msg);
		errno = saved;
		net_plan_free(&cx.net);
		return (-1);
	}
	net_plan_free(&cx.net);
	registry_unlock(cx.lockfd);
	close(cx.init_pidfd);
	free(cx.filter.filter);
	rc = registry_load(cx.jid, je);
	return (rc);
}
