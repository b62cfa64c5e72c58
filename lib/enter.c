/*
 * Entering a running jail: the one way in, used by jexec and by jail for
 * the commands it runs inside a jail.
 *
 * The caller forks a carrier that joins the jail's cgroup, becomes
 * non-dumpable and joins all the init's namespaces at once through a
 * pidfd; the carrier forks the command, which is the first of the pair to
 * be inside the jail's PID namespace.  The carrier stays outside it,
 * waits, and dies the way the command died, so the caller sees the
 * command's own status.  Failures before exec come back on a pipe.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

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
#include "proc.h"
#include "registry.h"

#define JAIL_JOIN	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

/* What the carrier takes into the jail. */
struct enter_ctx {
	const struct jparams	*params;
	char *const		*argv;
	int			 pidfd;		/* the jail's init */
	int			 procsfd;	/* its cgroup.procs */
	int			 ctlfd;		/* connected to its control */
	int			 errfd;		/* failures before exec */
};

static void	enter_fail(int) __attribute__((noreturn));
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
 * In the jail, under its seccomp filter: a jailed root's capabilities,
 * default signal dispositions, nothing of the host's descriptors but
 * stdio, a working directory that really is inside the jail (not a host
 * directory reached through a leaked descriptor).
 */
static void
enter_command(const struct enter_ctx *ec)
{
	int keep[4] = { 0, 1, 2, ec->errfd };
	char cwd[PATH_MAX];
	sigset_t set;

	/* If the carrier is killed, so is the command: jexec is it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	proc_close_fds(keep, 4);
	if (confine_caps(ec->params) == -1)
		enter_fail(ec->errfd);
	if (chdir("/") == -1 || getcwd(cwd, sizeof(cwd)) == NULL ||
	    cwd[0] != '/') {
		jb_err(errno ? errno : EPERM, "chdir /");
		enter_fail(ec->errfd);
	}
	execvp(ec->argv[0], ec->argv);
	jb_err(errno, "execvp: %s", ec->argv[0]);
	enter_fail(ec->errfd);
}

/*
 * The carrier: join the jail's cgroup and namespaces, load the jail's
 * seccomp filter and hand its listener to the init, fork the command,
 * wait for it, and end with its status.  Runs in a child of the caller.
 */
static void
enter_carrier(const struct enter_ctx *ec)
{
	int status, notifyfd;
	pid_t pid;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (write(ec->procsfd, "0", 1) != 1) {
		jb_err(errno, "join the jail's cgroup");
		enter_fail(ec->errfd);
	}
	close(ec->procsfd);
	if (setns(ec->pidfd, JAIL_JOIN) == -1) {
		jb_err(errno, "setns");
		enter_fail(ec->errfd);
	}
	close(ec->pidfd);
	if (confine_seccomp(ec->params, &notifyfd) == -1)
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
	struct enter_ctx ec;
	int notifyfd, fd;
	pid_t pid;

	if ((pid = fork()) != 0)
		return (pid == -1 ? jb_err(errno, "fork") : pid);
	memset(&ec, 0, sizeof(ec));
	ec.params = jp;
	ec.argv = argv;
	ec.errfd = 2;
	/* The init has no stdio: the slave may sit on 0, 1 or 2. */
	if ((slave = fcntl(slave, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    setsid() == -1 || ioctl(slave, TIOCSCTTY, 0) == -1)
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
 * Run argv inside a jail with the caller's stdio and environment, and
 * wait for it: 0 and its wait status in *statusp, or -1 if it could not
 * be started there.  The caller ignores SIGINT and SIGQUIT meanwhile,
 * as system(3) does, so ^C reaches the command alone.
 */
int
jail_run(const struct jail_entry *je, char *const argv[], int *statusp)
{
	struct sigaction ign, oint, oquit;
	char path[PATH_MAX] = "", msg[JB_ERRMSG_LEN];
	struct enter_ctx ec;
	sigset_t omask;
	int errp[2], status;
	ssize_t n;
	pid_t pid;

	memset(&ec, 0, sizeof(ec));
	ec.params = &je->params;
	ec.argv = argv;
	ec.procsfd = ec.ctlfd = -1;
	if ((ec.pidfd = proc_pidfd(je->init_pid, je->init_start)) == -1)
		return (jb_errx(ESRCH, "jail \"%s\" not found",
		    registry_name(je)));
	if (cgroup_procs_path(je->jid, path, sizeof(path)) == -1)
		goto fail;
	if ((ec.procsfd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
		jb_err(errno, "%s", path);
		goto fail;
	}
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
	if ((pid = fork()) == 0) {
		close(errp[0]);
		enter_carrier(&ec);
	}
	close(ec.pidfd);
	close(ec.procsfd);
	close(ec.ctlfd);
	close(errp[1]);
	n = pid == -1 ? 0 : read(errp[0], msg, sizeof(msg) - 1);
	close(errp[0]);
	if (pid == -1)
		jb_err(errno, "fork");
	else
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

fail:
	close(ec.pidfd);
	if (ec.procsfd >= 0)
		close(ec.procsfd);
	if (ec.ctlfd >= 0)
		close(ec.ctlfd);
	return (-1);
}
