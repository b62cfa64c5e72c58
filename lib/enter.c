/*
 * Entering a running jail: the one way in, used by jexec and by jail for
 * the commands it runs inside a jail.
 *
 * The caller forks a carrier straight into the jail's cgroup; it becomes
 * non-dumpable and joins all the init's namespaces at once through a
 * pidfd; the carrier forks the command, which is the first of the pair to
 * be inside the jail's PID namespace.  The carrier stays outside it,
 * waits, and dies the way the command died, so the caller sees the
 * command's own status.  Failures before exec come back on a pipe.
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
#include "errmsg.h"
#include "jail.h"
#include "proc.h"
#include "registry.h"
#include "user.h"

#define JAIL_JOIN	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

/* What the carrier takes into the jail. */
struct enter_ctx {
	const struct jparams	*params;
	const struct jail_exec	*ex;
	const struct jb_user	*user;		/* found on the host */
	struct sock_fprog	 filter;	/* its seccomp filter, or none */
	int			 pidfd;		/* the jail's init */
	int			 cgfd;		/* its cgroup */
	int			 ctlfd;		/* connected to its control */
	int			 errfd;		/* failures before exec */
};

static void	enter_fail(int) __attribute__((noreturn));
static int	enter_user(const struct jail_exec *, struct jb_user *);
static int	enter_environ(const struct jail_exec *,
		    const struct jb_user *);
static int	enter_chdir(const char *);
static void	enter_command(const struct enter_ctx *)
		    __attribute__((noreturn));
static void	enter_carrier(const struct enter_ctx *)
		    __attribute__((noreturn));

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
	char *term, *name;
	const char *eq;
	int rc;

	if (ex->envp != NULL)
		environ = (char **)ex->envp;
	if (ex->clean_env) {
		term = getenv("TERM") != NULL ? strdup(getenv("TERM")) : NULL;
		if (clearenv() != 0 ||
		    setenv("PATH", "/bin:/usr/bin", 1) == -1 ||
		    (term != NULL && setenv("TERM", term, 1) == -1))
			return (jb_err(errno, "setenv"));
		free(term);
	}
	if (u != NULL && (setenv("USER", u->name, 1) == -1 ||
	    setenv("HOME", u->home, 1) == -1 ||
	    setenv("SHELL", u->shell, 1) == -1))
		return (jb_err(errno, "setenv"));
	for (e = ex->env_add; e != NULL && *e != NULL; e++) {
		eq = strchr(*e, '=');
		if ((name = strndup(*e, (size_t)(eq - *e))) == NULL)
			return (jb_err(errno, "strndup"));
		rc = setenv(name, eq + 1, 1);
		free(name);
		if (rc == -1)
			return (jb_err(errno, "setenv: %s", *e));
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
enter_command(const struct enter_ctx *ec)
{
	int keep[4] = { 0, 1, 2, ec->errfd };
	const struct jail_exec *ex = ec->ex;
	const struct jb_user *u;
	struct jb_user ju;
	char *shell[3];
	char *const *argv;
	const char *dir;
	sigset_t set;
	int found;

	/* If the carrier is killed, so is the command: jexec is it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	proc_close_fds(keep, 4);
	if (ex->ctty && (setsid() == -1 ||
	    ioctl(STDIN_FILENO, TIOCSCTTY, 0) == -1)) {
		jb_err(errno, "console: controlling terminal");
		enter_fail(ec->errfd);
	}
	if (confine_caps(ec->params) == -1)
		enter_fail(ec->errfd);
	/* The jail's files are parsed with a jailed root's rights only. */
	u = ec->user;
	if (u == NULL && ex->user_in_jail) {
		if ((found = enter_user(ex, &ju)) == -1)
			enter_fail(ec->errfd);
		if (found)
			u = &ju;
	}
	if (u != NULL && enter_become(u) == -1)
		enter_fail(ec->errfd);
	if (enter_environ(ex, u) == -1)
		enter_fail(ec->errfd);
	dir = ex->dir != NULL ? ex->dir :
	    ex->clean_env && ex->user != NULL ? u->home : "/";
	if (enter_chdir(dir) == -1)
		enter_fail(ec->errfd);
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
	enter_fail(ec->errfd);
}

/*
 * The carrier, born in the jail's cgroup: join its namespaces, load the
 * jail's seccomp filter (compiled when the jail was created, or now for a
 * jail that was not given one) and hand its listener to the init, fork
 * the command,
 * wait for it, and end with its status.  Runs in a child of the caller.
 */
static void
enter_carrier(const struct enter_ctx *ec)
{
	int status, notifyfd;
	pid_t pid;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (setns(ec->pidfd, JAIL_JOIN) == -1) {
		jb_err(errno, "setns");
		enter_fail(ec->errfd);
	}
	close(ec->pidfd);
	if ((ec->filter.filter != NULL ? confine_filter_load(ec->params,
	    &ec->filter, &notifyfd) : confine_seccomp(ec->params,
	    &notifyfd)) == -1)
		enter_fail(ec->errfd);
	if (notifyfd >= 0) {
		if (console_send_fd(ec->ctlfd, CONSOLE_LISTENER, notifyfd) ==
		    -1)
			enter_fail(ec->errfd);
		close(notifyfd);
	}
	close(ec->ctlfd);
	if ((pid = fork()) == -1) {
		jb_err(errno, "fork");
		enter_fail(ec->errfd);
	}
	if (pid == 0)
		enter_command(ec);
	close(ec->errfd);
	status = proc_wait_forward(pid);
	proc_raise_status(status);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
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
	struct enter_ctx ec;
	int notifyfd, fd;
	pid_t pid;

	if ((pid = fork()) != 0)
		return (pid == -1 ? jb_err(errno, "fork") : pid);
	memset(&ex, 0, sizeof(ex));
	ex.argv = argv;
	ex.ctty = 1;
	memset(&ec, 0, sizeof(ec));
	ec.params = jp;
	ec.ex = &ex;
	ec.errfd = 2;
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
	enter_command(&ec);
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
	size_t len;
	void *buf;
	char *const *e;
	struct jb_user hu;
	struct enter_ctx ec;
	sigset_t omask;
	int errp[2], status, found;
	ssize_t n;
	pid_t pid;

	if (ex->user != NULL && ex->user[0] == '\0')
		return (jb_errx(EINVAL, "empty user name"));
	for (e = ex->env_add; e != NULL && *e != NULL; e++)
		if (strchr(*e, '=') == NULL || **e == '=')
			return (jb_errx(EINVAL, "%s: not name=value", *e));
	memset(&ec, 0, sizeof(ec));
	ec.params = &je->params;
	ec.ex = ex;
	if (!ex->user_in_jail) {
		if ((found = enter_user(ex, &hu)) == -1)
			return (-1);
		if (found)
			ec.user = &hu;
	}
	ec.cgfd = ec.ctlfd = -1;
	if (registry_filter(je->jid, &buf, &len) == 0) {
		if (confine_filter_set(&ec.filter, buf, len) == -1) {
			free(buf);
			return (-1);
		}
	} else if (errno != ENOENT)
		return (-1);
	if ((ec.pidfd = proc_pidfd(je->init_pid, je->init_start)) == -1) {
		free(ec.filter.filter);
		return (jb_errx(ESRCH, "jail \"%s\" not found",
		    registry_name(je)));
	}
	if ((ec.cgfd = cgroup_open(je->jid)) == -1)
		goto fail;
	if ((ec.ctlfd = registry_control_connect(je->jid)) == -1)
		goto fail;
	if (pipe2(errp, O_CLOEXEC) == -1) {
		jb_err(errno, "pipe");
		goto fail;
	}
	ec.errfd = errp[1];
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	proc_forward_block(&omask);
	if ((pid = proc_clone(0, ec.cgfd, NULL)) == 0) {
		close(errp[0]);
		close(ec.cgfd);
		enter_carrier(&ec);
	}
	close(ec.pidfd);
	close(ec.cgfd);
	close(ec.ctlfd);
	close(errp[1]);
	n = pid == -1 ? 0 : read(errp[0], msg, sizeof(msg) - 1);
	close(errp[0]);
	if (pid != -1)
		status = proc_wait_forward(pid);
	sigprocmask(SIG_SETMASK, &omask, NULL);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	free(ec.filter.filter);
	if (pid == -1)
		return (-1);
	if (n > 0) {
		msg[n] = '\0';
		return (jb_errx(ENOEXEC, "%s", msg));
	}
	*statusp = status;
	return (0);

fail:
	free(ec.filter.filter);
	close(ec.pidfd);
	if (ec.cgfd >= 0)
		close(ec.cgfd);
	if (ec.ctlfd >= 0)
		close(ec.ctlfd);
	return (-1);
}
