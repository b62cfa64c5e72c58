/*
 * The jail's init: PID 1 of the jail's PID namespace, forked from jailbox
 * and never exec'ed.  It finishes building the jail from inside its new
 * namespaces, then holds the jail alive, reaps orphans, relays jail -r's
 * SIGTERM to every jailed process, and ends a jail that does not persist
 * once nothing else runs in it.  Its exit makes the kernel kill whatever
 * is left in the jail.
 */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bsd/unistd.h>

#include "errmsg.h"
#include "jail.h"

static void	init_fail(int) __attribute__((noreturn));
static int	init_mounts(const char *, int);
static int	init_pivot(const char *);
static int	init_loopback(void);
static void	init_loop(int) __attribute__((noreturn));
static void	init_nothing(int);

/* Report why the jail could not be built to jail -c, and give up. */
static void
init_fail(int readyfd)
{
	ssize_t n;

	n = write(readyfd, jb_errmsg, strlen(jb_errmsg));
	(void)n;
	_exit(1);
}

/*
 * Make the jail's mounts private, turn its root into a mount point, and
 * give it a proc of its own PID namespace when it has a /proc directory.
 * The proc target is opened without following symlinks and mounted on
 * through its descriptor, so a symlink in the tree cannot redirect it.
 * A jail on / keeps the namespace's root as it is.
 */
static int
init_mounts(const char *path, int procfs)
{
	char fdpath[64];
	int rootfd, procfd;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return (jb_err(errno, "make mounts private"));
	if (strcmp(path, "/") != 0 &&
	    mount(path, path, NULL, MS_BIND | MS_REC, NULL) == -1)
		return (jb_err(errno, "path %s: bind mount", path));
	if (!procfs)
		return (0);
	if ((rootfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "path %s", path));
	procfd = openat(rootfd, "proc",
	    O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(rootfd);
	if (procfd == -1)
		return (errno == ENOENT || errno == ENOTDIR || errno == ELOOP ?
		    0 : jb_err(errno, "mount.procfs: %s/proc", path));
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", procfd);
	if (mount("proc", fdpath, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) == -1) {
		jb_err(errno, "mount.procfs: %s/proc", path);
		close(procfd);
		return (-1);
	}
	close(procfd);
	return (0);
}

/*
 * Make path the root and detach the old one: nothing of the host stays.
 * A jail on / has no other root to leave.
 */
static int
init_pivot(const char *path)
{
	if (strcmp(path, "/") == 0)
		return (chdir("/") == -1 ? jb_err(errno, "chdir /") : 0);
	if (chdir(path) == -1)
		return (jb_err(errno, "path %s", path));
	if (syscall(SYS_pivot_root, ".", ".") == -1)
		return (jb_err(errno, "path %s: pivot_root", path));
	if (umount2(".", MNT_DETACH) == -1)
		return (jb_err(errno, "path %s: detach the old root", path));
	if (chdir("/") == -1)
		return (jb_err(errno, "chdir /"));
	return (0);
}

/* The jail's network namespace has only lo; bring it up. */
static int
init_loopback(void)
{
	struct ifreq ifr;
	int s, rc;

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return (jb_err(errno, "socket"));
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	rc = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (rc == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	if (rc == -1)
		jb_err(errno, "lo: up");
	close(s);
	return (rc);
}

static void
init_nothing(int sig)
{
	(void)sig;
}

/*
 * Wait for signals.  A PID namespace's init only receives the signals it
 * handles, so each one gets a handler, and is then taken synchronously.
 */
static void
init_loop(int persist)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGUSR1 };
	struct sigaction sa;
	siginfo_t si;
	sigset_t set;
	size_t i;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = init_nothing;
	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&set, sigs[i]);
	}
	for (;;) {
		if (sigwaitinfo(&set, &si) == -1)
			continue;
		switch (si.si_signo) {
		case SIGTERM:
			/* jail -r: every jailed process but this one. */
			kill(-1, SIGTERM);
			break;
		case SIGCHLD:
			while (waitpid(-1, &status, WNOHANG) > 0)
				;
			/* FALLTHROUGH */
		case SIGUSR1:
			/* A jail that does not persist ends when empty. */
			if (!persist && kill(-1, 0) == -1 && errno == ESRCH)
				_exit(0);
			break;
		}
	}
}

/*
 * Runs in the child cloned into the new namespaces and the jail's cgroup.
 * Phase 1 cuts the ties to the caller, phase 2 builds the jail's view,
 * phase 3 reports success and becomes the init.
 */
void
jail_init(const struct jail_setup *js)
{
	const char *path, *host;
	sigset_t set;
	int fd;

	/* 1: own session, no descriptor of the caller but the report pipe. */
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	setsid();
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setproctitle("-%s", "jail init");
	for (fd = 0; fd < 3; fd++)
		if (fd != js->readyfd)
			close(fd);
	if (js->readyfd > 3)
		syscall(SYS_close_range, 3, js->readyfd - 1, 0);
	syscall(SYS_close_range, js->readyfd + 1, ~0U, 0);

	/* 2: cgroup namespace, mounts, hostname, network, root. */
	path = jparams_str(js->params, JP_PATH);
	host = jparams_str(js->params, JP_HOST_HOSTNAME);
	if (unshare(CLONE_NEWCGROUP) == -1) {
		jb_err(errno, "cgroup namespace");
		init_fail(js->readyfd);
	}
	if (init_mounts(path, jparams_bool(js->params, JP_MOUNT_PROCFS)) ==
	    -1)
		init_fail(js->readyfd);
	if (sethostname(host, strlen(host)) == -1) {
		jb_err(errno, "host.hostname");
		init_fail(js->readyfd);
	}
	if (init_loopback() == -1 || init_pivot(path) == -1)
		init_fail(js->readyfd);

	/* 3: the jail is built. */
	if (write(js->readyfd, "", 1) != 1)
		_exit(1);
	close(js->readyfd);
	init_loop(jparams_bool(js->params, JP_PERSIST));
}
