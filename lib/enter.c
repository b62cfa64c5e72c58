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
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
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
#include "errmsg.h"
#include "jail.h"
#include "proc.h"

#define JAIL_JOIN	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

static void	enter_fail(int) __attribute__((noreturn));
static void	enter_command(char *const [], int) __attribute__((noreturn));
static void	enter_carrier(int, int, char *const [], int)
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
 * In the jail: default signal dispositions, nothing of the host's
 * descriptors but stdio, a working directory that really is inside the
 * jail (not a host directory reached through a leaked descriptor).
 */
static void
enter_command(char *const argv[], int errfd)
{
	char cwd[PATH_MAX];
	sigset_t set;

	/* If the carrier is killed, so is the command: jexec is it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (errfd > 3)
		syscall(SYS_close_range, 3, errfd - 1, 0);
	syscall(SYS_close_range, errfd + 1, ~0U, 0);
	if (confine_apply() == -1)
		enter_fail(errfd);
	if (chdir("/") == -1 || getcwd(cwd, sizeof(cwd)) == NULL ||
	    cwd[0] != '/') {
		jb_err(errno ? errno : EPERM, "chdir /");
		enter_fail(errfd);
	}
	execvp(argv[0], argv);
	jb_err(errno, "execvp: %s", argv[0]);
	enter_fail(errfd);
}

/*
 * The carrier: join the jail, fork the command, wait for it, and end with
 * its status.  Runs in a child of the caller.
 */
static void
enter_carrier(int pidfd, int procsfd, char *const argv[], int errfd)
{
	pid_t pid;
	int status;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (write(procsfd, "0", 1) != 1) {
		jb_err(errno, "join the jail's cgroup");
		enter_fail(errfd);
	}
	close(procsfd);
	if (setns(pidfd, JAIL_JOIN) == -1) {
		jb_err(errno, "setns");
		enter_fail(errfd);
	}
	close(pidfd);
	if ((pid = fork()) == -1) {
		jb_err(errno, "fork");
		enter_fail(errfd);
	}
	if (pid == 0)
		enter_command(argv, errfd);
	close(errfd);
	status = proc_wait_forward(pid);
	proc_raise_status(status);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
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
	sigset_t omask;
	int pidfd, procsfd, errp[2], status;
	ssize_t n;
	pid_t pid;

	if ((pidfd = proc_pidfd(je->init_pid, je->init_start)) == -1)
		return (jb_errx(ESRCH, "jail \"%s\" not found",
		    registry_name(je)));
	procsfd = -1;
	if (cgroup_procs_path(je->jid, path, sizeof(path)) == -1 ||
	    (procsfd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
		if (procsfd == -1 && path[0] != '\0')
			jb_err(errno, "%s", path);
		close(pidfd);
		return (-1);
	}
	if (pipe2(errp, O_CLOEXEC) == -1) {
		jb_err(errno, "pipe");
		close(pidfd);
		close(procsfd);
		return (-1);
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	proc_forward_block(&omask);
	if ((pid = fork()) == 0) {
		close(errp[0]);
		enter_carrier(pidfd, procsfd, argv, errp[1]);
	}
	close(pidfd);
	close(procsfd);
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
}
