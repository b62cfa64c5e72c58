/*
 * Building a jail.  Everything is validated first; then the create steps,
 * a const array, are walked forward, and if one fails the steps already
 * done are undone walking the same array backward.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/sched.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "errmsg.h"
#include "jail.h"
#include "proc.h"
#include "registry.h"

/* The namespaces every jail gets; the cgroup one is made by the init. */
#define JAIL_NAMESPACES	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWPID | CLONE_NEWNET)

struct create_ctx {
	struct jparams		*params;
	int			 lockfd;
	int			 jid;
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
static int	step_cgroup(struct create_ctx *);
static void	undo_cgroup(struct create_ctx *);
static int	step_init(struct create_ctx *);
static void	undo_init(struct create_ctx *);
static int	step_register(struct create_ctx *);
static void	undo_register(struct create_ctx *);

static const struct create_step create_steps[] = {
	{ "lock",	step_lock,	undo_lock },
	{ "jid",	step_jid,	NULL },
	{ "cgroup",	step_cgroup,	undo_cgroup },
	{ "init",	step_init,	undo_init },
	{ "registry",	step_register,	undo_register },
};
#define NSTEPS	(sizeof(create_steps) / sizeof(create_steps[0]))

/* Hold the registry lock from choosing the jid until the entry is public. */
static int
step_lock(struct create_ctx *cx)
{
	if ((cx->lockfd = registry_lock()) == -1)
		return (-1);
	return (registry_reap());
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

	if (registry_alloc(cx->params, &cx->jid) == -1)
		return (-1);
	snprintf(buf, sizeof(buf), "%d", cx->jid);
	if (jparams_set(cx->params, "jid", buf) == -1)
		return (-1);
	if (!jparams_isset(cx->params, JP_NAME))
		return (jparams_set(cx->params, "name", buf));
	return (0);
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
 * Clone the jail's init straight into its namespaces and cgroup, and wait
 * for it to report that the jail is built, or why it is not.
 */
static int
step_init(struct create_ctx *cx)
{
	struct clone_args ca;
	struct jail_setup js;
	char msg[JB_ERRMSG_LEN];
	int pfd[2], cgfd, status;
	ssize_t n;
	long pid;

	if ((cgfd = cgroup_open(cx->jid)) == -1)
		return (-1);
	if (pipe2(pfd, O_CLOEXEC) == -1) {
		close(cgfd);
		return (jb_err(errno, "pipe"));
	}
	memset(&ca, 0, sizeof(ca));
	ca.flags = JAIL_NAMESPACES | CLONE_INTO_CGROUP | CLONE_PIDFD;
	ca.pidfd = (uint64_t)(uintptr_t)&cx->init_pidfd;
	ca.exit_signal = SIGCHLD;
	ca.cgroup = (uint64_t)cgfd;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0) {
		close(pfd[0]);
		js.params = cx->params;
		js.readyfd = pfd[1];
		jail_init(&js);
	}
	close(cgfd);
	close(pfd[1]);
	if (pid == -1) {
		close(pfd[0]);
		return (jb_err(errno, "clone3"));
	}
	cx->init_pid = (pid_t)pid;
	n = read(pfd[0], msg, sizeof(msg) - 1);
	close(pfd[0]);
	if (n == 1 && msg[0] == '\0')
		return (proc_starttime(cx->init_pid, &cx->init_start));
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

static void
undo_init(struct create_ctx *cx)
{
	int status;

	if (cx->init_pid <= 1)
		return;
	syscall(SYS_pidfd_send_signal, cx->init_pidfd, SIGKILL, NULL, 0);
	while (waitpid(cx->init_pid, &status, 0) == -1 && errno == EINTR)
		;
	close(cx->init_pidfd);
}

static int
step_register(struct create_ctx *cx)
{
	return (registry_add(cx->jid, cx->params, cx->init_pid,
	    cx->init_start));
}

static void
undo_register(struct create_ctx *cx)
{
	registry_remove(cx->jid);
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
	return (jparams_set(jp, "path", real));
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

	if (create_validate(jp) == -1)
		return (-1);
	memset(&cx, 0, sizeof(cx));
	cx.params = jp;
	cx.lockfd = -1;
	for (i = 0; i < NSTEPS; i++)
		if (create_steps[i].run(&cx) == -1)
			break;
	if (i < NSTEPS) {
		/* Undo what was done, keeping the first error. */
		saved = errno;
		strcpy(msg, jb_errmsg);
		while (i-- > 0)
			if (create_steps[i].undo != NULL)
				create_steps[i].undo(&cx);
		strcpy(jb_errmsg, msg);
		errno = saved;
		return (-1);
	}
	registry_unlock(cx.lockfd);
	close(cx.init_pidfd);
	rc = registry_load(cx.jid, je);
	return (rc);
}
