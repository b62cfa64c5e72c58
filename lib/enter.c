/*
 * Entering a running jail: the one way in, used by jexec and by jail for
 * the commands it runs inside a jail.
 *
 * The caller opens the door (enter_open): a pidfd of the jail's init, its
 * cgroup, its control socket and its compiled seccomp filter.  It then
 * forks the command straight into the jail's cgroup and PID namespace
 * (enter_fork): non-dumpable from its first instruction, the caller joins
 * the init's PID namespace for its children only, forks, and comes back
 * at once.  The child joins all the other namespaces through the pidfd,
 * loads the filter and becomes the command (enter_exec); it is the
 * caller's own child, so the caller sees the command's own status.
 * Failures before exec come back on a pipe.
 */
#include <sys/capability.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "confine.h"
#include "console.h"
#include "enter.h"
#include "env.h"
#include "errmsg.h"
#include "jail.h"
#include "nitems.h"
#include "proc.h"
#include "registry.h"
#include "user.h"

#define JAIL_JOIN	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

/* What the child of jail_run_as() is given. */
struct enter_run {
	const struct enter_door	*d;
	int			 errfd;
};

static void	enter_fail(int) __attribute__((noreturn));
static int	enter_user(const struct jail_exec *, struct jb_user *);
static int	enter_environ(const struct jail_exec *,
		    const struct jb_user *);
static int	enter_chdir(const char *);
static void	enter_command(const struct enter_door *, int)
		    __attribute__((noreturn));
static int	enter_parses_jail(const struct enter_door *);
static int	enter_child(void *);

static void
enter_fail(int errfd)
{
	ssize_t n;

	n = write(errfd, jb_errmsg, strlen(jb_errmsg));
	(void)n;
	_exit(127);
}

/*
 * Whether a command runs as a user found in a passwd file, and the one
 * to look for: exec.clean without a user means root's own entry.
 */
static int
enter_user(const struct jail_exec *ex, struct jb_user *u)
{
	const char *who;
	int rootfd, rc;

	if (ex->user == NULL && !ex->clean_env)
		return (0);
	who = ex->user != NULL ? ex->user : "0";
	if ((rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "/"));
	rc = user_lookup(rootfd, who, u);
	close(rootfd);
	return (rc == -1 ? -1 : 1);
}

/*
 * Become u for good: groups, then gid, then uid, while the capabilities
 * to do so are still held; then check that every id took and that a
 * user other than root was left no capability at all.
 */
int
enter_become(const struct jb_user *u)
{
	gid_t got[USER_NGROUPS], rg, eg, sg;
	uid_t ru, eu, su;
	size_t i, j;
	cap_t caps, none;
	int n, same;

	if (setgroups(u->ngroups, u->groups) == -1)
		return (jb_err(errno, "setgroups"));
	if (setgid(u->gid) == -1)
		return (jb_err(errno, "setgid"));
	if (setuid(u->uid) == -1)
		return (jb_err(errno, "setuid"));
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) ==
	    -1 || ru != u->uid || eu != u->uid || su != u->uid ||
	    rg != u->gid || eg != u->gid || sg != u->gid)
		return (jb_errx(EPERM, "%s: the uid and gid did not take",
		    u->name));
	if ((n = getgroups(USER_NGROUPS, got)) == -1 ||
	    (size_t)n != u->ngroups)
		return (jb_errx(EPERM, "%s: the groups did not take",
		    u->name));
	for (i = 0; i < u->ngroups; i++) {
		for (j = 0; j < (size_t)n && got[j] != u->groups[i]; j++)
			;
		if (j == (size_t)n)
			return (jb_errx(EPERM, "%s: the groups did not take",
			    u->name));
	}
	if (u->uid == 0)
		return (0);
	if ((caps = cap_get_proc()) == NULL)
		return (jb_err(errno, "cap_get_proc"));
	if ((none = cap_init()) == NULL) {
		cap_free(caps);
		return (jb_err(errno, "cap_init"));
	}
	same = cap_compare(caps, none) == 0;
	cap_free(caps);
	cap_free(none);
	if (!same)
		return (jb_errx(EPERM, "%s: capabilities are left", u->name));
	return (0);
}

/*
 * The command's environment: the caller's or the given one, or with
 * clean_env only TERM of it and PATH; HOME, SHELL and USER of the user;
 * then the name=value pairs, which override all.
 */
static int
enter_environ(const struct jail_exec *ex, const struct jb_user *u)
{
	char *const *e;
	char *name;
	const char *eq, *term;
	int rc;

	if (ex->envp != NULL)
		environ = (char **)ex->envp;
	if (ex->clean_env) {
		/* The old environment stays as it is: its TERM too. */
		term = getenv("TERM");
		if (env_clear() == -1 ||
		    env_set("PATH", "/bin:/usr/bin") == -1 ||
		    (term != NULL && env_set("TERM", term) == -1))
			return (-1);
	}
	if (u != NULL && (env_set("USER", u->name) == -1 ||
	    env_set("HOME", u->home) == -1 ||
	    env_set("SHELL", u->shell) == -1))
		return (-1);
	for (e = ex->env_add; e != NULL && *e != NULL; e++) {
		eq = strchr(*e, '=');
		if ((name = strndup(*e, (size_t)(eq - *e))) == NULL)
			return (jb_err(errno, "strndup"));
		rc = env_set(name, eq + 1);
		free(name);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

/*
 * Change to dir and make sure the result really is inside the jail, not
 * a host directory reached through a leaked descriptor.
 */
static int
enter_chdir(const char *dir)
{
	char cwd[PATH_MAX];

	errno = 0;
	if (chdir(dir) == -1 || getcwd(cwd, sizeof(cwd)) == NULL ||
	    cwd[0] != '/')
		return (jb_err(errno ? errno : EPERM, "chdir: %s", dir));
	return (0);
}

/*
 * In the jail, under its seccomp filter: a jailed root's capabilities,
 * or a user's identity and none, default signal dispositions, nothing of
 * the host's descriptors but stdio, a working directory inside the jail;
 * on the jail's console, the leader of a session on it.
 */
static void
enter_command(const struct enter_door *d, int errfd)
{
	int keep[4] = { 0, 1, 2, errfd };
	const struct jail_exec *ex = d->ex;
	struct pollfd pfd;
	const struct jb_user *u;
	struct jb_user ju;
	char *shell[3];
	char *const *argv;
	const char *dir;
	sigset_t set;
	int found;

	/*
	 * If jexec is killed, so is the command: on FreeBSD jexec is it.
	 * One that died before the signal was asked for is seen at once.
	 */
	if (ex->die_with_parent) {
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		pfd.fd = d->selffd;
		pfd.events = POLLIN;
		if (d->selffd >= 0 && poll(&pfd, 1, 0) != 0)
			_exit(127);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	proc_close_fds(keep, 4);
	if (ex->ctty && (setsid() == -1 ||
	    ioctl(STDIN_FILENO, TIOCSCTTY, 0) == -1)) {
		jb_err(errno, "console: controlling terminal");
		enter_fail(errfd);
	}
	if (confine_caps(d->params) == -1)
		enter_fail(errfd);
	/* The jail's files are parsed with a jailed root's rights only. */
	u = d->found ? &d->user : NULL;
	if (enter_parses_jail(d)) {
		if ((found = enter_user(ex, &ju)) == -1)
			enter_fail(errfd);
		if (found)
			u = &ju;
	}
	if (u != NULL && enter_become(u) == -1)
		enter_fail(errfd);
	if (enter_environ(ex, u) == -1)
		enter_fail(errfd);
	dir = ex->dir != NULL ? ex->dir :
	    ex->clean_env && ex->user != NULL ? u->home : "/";
	if (enter_chdir(dir) == -1)
		enter_fail(errfd);
	if ((argv = ex->argv) == NULL) {
		shell[0] = getenv("SHELL");
		if (shell[0] == NULL || shell[0][0] == '\0')
			shell[0] = "/bin/sh";
		shell[1] = "-i";
		shell[2] = NULL;
		argv = shell;
	}
	execvp(argv[0], argv);
	jb_err(errno, "execvp: %s", argv[0]);
	enter_fail(errfd);
}

/* A closed door: nothing held yet, what enter_close() can always take. */
void
enter_init(struct enter_door *d, const struct jparams *jp,
    const struct jail_exec *ex)
{
	memset(d, 0, sizeof(*d));
	d->params = jp;
	d->ex = ex;
	d->pidfd = d->cgfd = d->ctlfd = d->selffd = -1;
}

/*
 * Open the way into a running jail for a command run as ex describes: a
 * user looked up on the host is looked up now; the jail's init is held
 * by a pidfd, and the caller by one of its own, to come back to its own
 * PID namespace.  Released with enter_close().
 */
int
enter_open(const struct jail_entry *je, const struct jail_exec *ex,
    struct enter_door *d)
{
	char *const *e;
	size_t len;
	void *buf;
	int found;

	enter_init(d, &je->params, ex);
	if (ex->user != NULL && ex->user[0] == '\0')
		return (jb_errx(EINVAL, "empty user name"));
	for (e = ex->env_add; e != NULL && *e != NULL; e++)
		if (strchr(*e, '=') == NULL || **e == '=')
			return (jb_errx(EINVAL, "%s: not name=value", *e));
	if (!ex->user_in_jail) {
		if ((found = enter_user(ex, &d->user)) == -1)
			return (-1);
		d->found = found;
	}
	if (registry_filter(je->jid, &buf, &len) == 0) {
		if (confine_filter_set(&d->filter, buf, len) == -1) {
			free(buf);
			return (-1);
		}
	} else if (errno != ENOENT)
		return (-1);
	if ((d->pidfd = proc_pidfd(je->init_pid, je->init_start)) == -1) {
		jb_errx(ESRCH, "jail \"%s\" not found", registry_name(je));
		goto fail;
	}
	if ((d->cgfd = cgroup_open(je->jid)) == -1 ||
	    (d->ctlfd = registry_control_connect(je->jid)) == -1)
		goto fail;
	if ((d->selffd = (int)syscall(SYS_pidfd_open, getpid(), 0)) == -1) {
		jb_err(errno, "pidfd_open");
		goto fail;
	}
	return (0);
fail:
	enter_close(d);
	return (-1);
}

void
enter_close(struct enter_door *d)
{
	int *fds[] = { &d->pidfd, &d->cgfd, &d->ctlfd, &d->selffd };
	size_t i;

	for (i = 0; i < nitems(fds); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
	free(d->filter.filter);
	d->filter.filter = NULL;
}

/*
 * Whether the command's child reads a file of the jail's before it
 * executes: the passwd and group files, for a user looked up in the jail.
 */
static int
enter_parses_jail(const struct enter_door *d)
{
	return (!d->found && d->ex->user_in_jail &&
	    (d->ex->user != NULL || d->ex->clean_env));
}

/*
 * Start a child born in the jail's cgroup and PID namespace, which runs
 * fn(arg), ending in enter_exec(): its pid, or -1.  The caller becomes
 * non-dumpable first, and so the child is from its first instruction on,
 * though it is visible in the jail before it has joined the rest, and it
 * keeps the caller's pidfd to tell whether the caller died; the caller's
 * PID namespace for children is its own again when this returns.  A
 * caller that could not come back (ENOMEM alone) gets -1 and must start
 * nothing more.
 *
 * The child shares the caller's memory until it executes the command
 * (proc_spawn), the caller waiting meanwhile, unless it is to parse the
 * jail's files: a bug there must not write into the memory of a process
 * that holds the host's privileges, so such a child is forked.
 */
pid_t
enter_fork(struct enter_door *d, int (*fn)(void *), void *arg)
{
	pid_t pid;
	int saved, shared;

	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		return (jb_err(errno, "prctl"));
	if (setns(d->pidfd, CLONE_NEWPID) == -1)
		return (jb_err(errno, "setns"));
	shared = !enter_parses_jail(d);
	if (shared && (pid = proc_spawn(0, d->cgfd, fn, arg)) == -1 &&
	    errno == ENOSYS)
		shared = 0;	/* not written for this machine */
	if (!shared && (pid = proc_clone(0, d->cgfd, NULL)) == 0)
		_exit(fn(arg));
	saved = errno;
	if (setns(d->selffd, CLONE_NEWPID) == -1) {
		jb_err(errno, "setns back to its own PID namespace");
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		return (-1);
	}
	errno = saved;
	return (pid);
}

/*
 * In the child enter_fork() made: join the init's other namespaces, load
 * the jail's seccomp filter (compiled when the jail was created, or now
 * for a jail that was not given one), hand its listener to the init, and
 * become the command.  Never returns; a failure is written to errfd.
 */
void
enter_exec(const struct enter_door *d, int errfd)
{
	int notifyfd;

	if (setns(d->pidfd, JAIL_JOIN) == -1) {
		jb_err(errno, "setns");
		enter_fail(errfd);
	}
	close(d->pidfd);
	if ((d->filter.filter != NULL ? confine_filter_load(d->params,
	    &d->filter, &notifyfd) : confine_seccomp(d->params,
	    &notifyfd)) == -1)
		enter_fail(errfd);
	if (notifyfd >= 0) {
		if (console_send_fd(d->ctlfd, CONSOLE_LISTENER, notifyfd) ==
		    -1)
			enter_fail(errfd);
		close(notifyfd);
	}
	close(d->ctlfd);
	enter_command(d, errfd);
}

/*
 * From the jail's init, already inside every namespace: start the console
 * program on the console's slave, as the leader of a session whose
 * controlling terminal it is, confined exactly like a command jexec
 * runs.  Its seccomp listener comes back to the init over sock.
 */
pid_t
jail_console_spawn(const struct jparams *jp, char *const argv[], int slave,
    int sock)
{
	struct jail_exec ex;
	struct enter_door d;
	int notifyfd, fd;
	pid_t pid;

	if ((pid = fork()) != 0)
		return (pid == -1 ? jb_err(errno, "fork") : pid);
	memset(&ex, 0, sizeof(ex));
	ex.argv = argv;
	ex.ctty = 1;
	enter_init(&d, jp, &ex);
	/* The init has no stdio: the slave may sit on 0, 1 or 2. */
	if ((slave = fcntl(slave, F_DUPFD_CLOEXEC, 3)) == -1)
		_exit(127);
	for (fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) == -1)
			_exit(127);
	if (confine_seccomp(jp, &notifyfd) == -1)
		enter_fail(2);
	if (notifyfd >= 0 &&
	    console_send_fd(sock, CONSOLE_LISTENER, notifyfd) == -1)
		enter_fail(2);
	enter_command(&d, 2);
}

/* The child of jail_run_as(). */
static int
enter_child(void *arg)
{
	const struct enter_run *run = arg;

	enter_exec(run->d, run->errfd);
}

/*
 * Run argv inside a jail with the caller's stdio and environment, as
 * the jail's root, in its /.
 */
int
jail_run(const struct jail_entry *je, char *const argv[], int *statusp)
{
	struct jail_exec ex;

	memset(&ex, 0, sizeof(ex));
	ex.argv = argv;
	return (jail_run_as(je, &ex, statusp));
}

/*
 * Run a command inside a jail as ex describes, with the caller's stdio,
 * and wait for it: 0 and its wait status in *statusp, or -1 if it could
 * not be started there.  A user looked up on the host is looked up
 * before anything else; one looked up in the jail, by the command
 * itself once inside, in the jail's own files.  The caller ignores
 * SIGINT and SIGQUIT meanwhile, as system(3) does, so ^C reaches the
 * command alone.
 */
int
jail_run_as(const struct jail_entry *je, const struct jail_exec *ex,
    int *statusp)
{
	struct sigaction ign, oint, oquit;
	char msg[JB_ERRMSG_LEN];
	struct enter_door d;
	struct enter_run run;
	sigset_t omask;
	int errp[2], status;
	ssize_t n;
	pid_t pid;

	if (enter_open(je, ex, &d) == -1)
		return (-1);
	if (pipe2(errp, O_CLOEXEC) == -1) {
		jb_err(errno, "pipe");
		enter_close(&d);
		return (-1);
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	proc_forward_block(&omask);
	run.d = &d;
	run.errfd = errp[1];
	pid = enter_fork(&d, enter_child, &run);
	enter_close(&d);
	close(errp[1]);
	n = pid == -1 ? 0 : read(errp[0], msg, sizeof(msg) - 1);
	close(errp[0]);
	if (pid != -1)
		status = proc_wait_forward(pid);
	sigprocmask(SIG_SETMASK, &omask, NULL);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (pid == -1)
		return (-1);
	if (n > 0) {
		msg[n] = '\0';
		return (jb_errx(ENOEXEC, "%s", msg));
	}
	*statusp = status;
	return (0);
}
