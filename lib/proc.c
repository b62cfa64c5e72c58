#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/sched.h>

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "nitems.h"
#include "proc.h"

/*
 * The start time (field 22 of /proc/PID/stat, in clock ticks) of a live
 * process; a zombie counts as gone (ESRCH), since its pid is all that is
 * left of it.
 */
int
proc_starttime(pid_t pid, unsigned long long *startp)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd, field;

	if (pid <= 1)
		return (jb_errx(EINVAL, "invalid pid %d", (int)pid));
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno == ENOENT ? ESRCH : errno, "%s", path));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (jb_err(n == 0 ? ESRCH : errno, "%s", path));
	buf[n] = '\0';
	/* The command name may hold spaces and parentheses: skip past it. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ' || p[2] == '\0')
		return (jb_errx(EINVAL, "%s: malformed", path));
	if (p[2] == 'Z' || p[2] == 'X')
		return (jb_errx(ESRCH, "process %d is gone", (int)pid));
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return (jb_errx(EINVAL, "%s: malformed", path));
	*startp = strtoull(p + 1, NULL, 10);
	return (0);
}

/*
 * Open a pidfd on pid, but only if it is still the process that started
 * at start; ESRCH otherwise.
 */
int
proc_pidfd(pid_t pid, unsigned long long start)
{
	unsigned long long now;
	int fd;

	if (pid <= 1)
		return (jb_errx(ESRCH, "invalid pid %d", (int)pid));
	if ((fd = (int)syscall(SYS_pidfd_open, pid, 0)) == -1)
		return (jb_err(errno, "pidfd_open"));
	if (proc_starttime(pid, &now) == -1 || now != start) {
		close(fd);
		return (jb_errx(ESRCH, "process %d is gone", (int)pid));
	}
	return (fd);
}

/*
 * Fork straight into the cgroup open at cgfd, and into new namespaces
 * if flags asks for them (pidfd in *pidfdp with CLONE_PIDFD).  Joining a
 * cgroup at fork takes the cgroup lock for reading only: moving a running
 * process by writing its cgroup.procs takes it for writing, which waits
 * for an RCU grace period, most of a jexec's time.  As with fork(2): the
 * pid in the parent, 0 in the child, -1 on failure.  The child must not
 * rely on glibc's idea of its thread id (the process is single-threaded
 * and uses getpid(), never raise()).
 */
pid_t
proc_clone(unsigned long long flags, int cgfd, int *pidfdp)
{
	struct clone_args ca;
	long pid;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags | CLONE_INTO_CGROUP;
	if (flags & CLONE_PIDFD)
		ca.pidfd = (uint64_t)(uintptr_t)pidfdp;
	ca.exit_signal = SIGCHLD;
	ca.cgroup = (uint64_t)cgfd;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == -1)
		return (jb_err(errno, "clone3"));
	return ((pid_t)pid);
}

#if defined(__x86_64__)
#define SPAWN_STACK	(256 * 1024)	/* and a guard page below it */

/*
 * clone3(ca) whose child calls fn(arg) on the stack ca gives it and
 * exits with what fn returns; the parent gets the pid, or minus the error
 * number.  In assembly: the child must not come back into the C code of
 * its parent, whose stack it does not have.
 */
static long
spawn_clone3(struct clone_args *ca, int (*fn)(void *), void *arg)
{
	register long r12 __asm__("r12") = (long)fn;
	register long r13 __asm__("r13") = (long)arg;
	long ret;

	__asm__ volatile (
	    "syscall\n\t"
	    "test	%%rax, %%rax\n\t"
	    "jnz	1f\n\t"
	    "xor	%%ebp, %%ebp\n\t"
	    "mov	%%r13, %%rdi\n\t"
	    "call	*%%r12\n\t"
	    "mov	%%eax, %%edi\n\t"
	    "mov	%[nr_exit], %%eax\n\t"
	    "syscall\n\t"
	    "ud2\n"
	    "1:"
	    : "=a" (ret)
	    : "0" ((long)SYS_clone3), "D" (ca), "S" (sizeof(*ca)),
	      "r" (r12), "r" (r13), [nr_exit] "i" (SYS_exit)
	    : "rcx", "r11", "memory");
	return (ret);
}

/*
 * clone3 with flags (CLONE_VM among them) whose child runs fn(arg) on
 * the stack given, all signals blocked; the caller's environ is put back
 * after it, in case the child changed it before the caller went on.
 */
static pid_t
share_clone(struct clone_args *ca, char *stack, size_t size,
    int (*fn)(void *), void *arg)
{
	sigset_t all, old;
	char **env;
	long pid;

	ca->exit_signal = SIGCHLD;
	ca->stack = (uint64_t)(uintptr_t)stack;
	ca->stack_size = size;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	env = environ;
	pid = spawn_clone3(ca, fn, arg);
	environ = env;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return (jb_err((int)-pid, "clone3"));
	return ((pid_t)pid);
}
#endif

/*
 * Like proc_clone() without CLONE_PIDFD (and in the caller's cgroup if
 * cgfd is -1), but the child shares the caller's memory and runs fn(arg)
 * on a stack of its own until it executes a program or exits, the caller
 * waiting meanwhile (CLONE_VM and CLONE_VFORK, as posix_spawn(3) does).
 * No page table is copied and no page faulted in copy-on-write, most of
 * a fork's cost where building an address space is slow.  fn must end in
 * an exec or _exit(2); what it writes to memory, the caller sees.  So it
 * must not change the caller's state: no setenv(3) (the caller's environ
 * is put back afterwards, so pointing it at a new array is fine), no
 * stdio; and it must parse nothing a jail controls, which could make a
 * bug there write into the caller.  All signals stay blocked in the child
 * until fn unblocks them, so that no handler of the caller's runs there.
 * The pid, or -1; ENOSYS where this is not written for the machine.
 */
pid_t
proc_spawn(unsigned long long flags, int cgfd, int (*fn)(void *), void *arg)
{
#if defined(__x86_64__)
	static char *stack;
	struct clone_args ca;
	long pg;

	if (stack == NULL) {
		pg = sysconf(_SC_PAGESIZE);
		stack = mmap(NULL, SPAWN_STACK + (size_t)pg, PROT_READ |
		    PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (stack == MAP_FAILED) {
			stack = NULL;
			return (jb_err(errno, "mmap"));
		}
		if (mprotect(stack, (size_t)pg, PROT_NONE) == -1) {
			jb_err(errno, "mprotect");
			munmap(stack, SPAWN_STACK + (size_t)pg);
			stack = NULL;
			return (-1);
		}
		stack += pg;
	}
	memset(&ca, 0, sizeof(ca));
	ca.flags = flags | CLONE_VM | CLONE_VFORK |
	    (cgfd >= 0 ? CLONE_INTO_CGROUP : 0);
	ca.cgroup = cgfd >= 0 ? (uint64_t)cgfd : 0;
	return (share_clone(&ca, stack, SPAWN_STACK, fn, arg));
#else
	(void)flags;
	(void)cgfd;
	(void)fn;
	(void)arg;
	return (jb_errx(ENOSYS, "no shared-memory spawn here"));
#endif
}

/*
 * A helper process sharing the caller's memory, running fn(arg) on the
 * stack given (size bytes below stack + size) while the caller goes on;
 * it exits with what fn returns, and the caller waits for it with
 * waitpid(2) before it frees anything the helper uses.  The C library
 * does not know of it, so fn calls no library function that keeps state
 * (no errno, no malloc, no stdio): bare system calls only (baresys.h).
 * All signals stay blocked in it.  The pid, or -1; ENOSYS where this is
 * not written for the machine.
 */
pid_t
proc_helper(char *stack, size_t size, int (*fn)(void *), void *arg)
{
#if defined(__x86_64__)
	struct clone_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM;
	return (share_clone(&ca, stack, size, fn, arg));
#else
	(void)stack;
	(void)size;
	(void)fn;
	(void)arg;
	return (jb_errx(ENOSYS, "no shared-memory helper here"));
#endif
}

/*
 * Wait up to timeout_ms (-1: forever) for the process behind a pidfd to
 * exit; 1 if it did, 0 on timeout.
 */
int
proc_wait_exit(int pidfd, int timeout_ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int n;

	while ((n = poll(&pfd, 1, timeout_ms)) == -1 && errno == EINTR)
		;
	if (n == -1)
		return (jb_err(errno, "poll"));
	return (n > 0);
}

/*
 * Given the wait status of a child killed by a signal, die of the same
 * signal, so whoever waits for us sees what the child saw; never with a
 * core dump of our own.  Returns when the status is not a signal death
 * (or the signal could not kill).
 */
void
proc_raise_status(int status)
{
	struct rlimit nocore = { 0, 0 };
	sigset_t set;
	int sig;

	if (!WIFSIGNALED(status))
		return;
	setrlimit(RLIMIT_CORE, &nocore);
	sig = WTERMSIG(status);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), sig);
}

/* The signals a waiting parent passes on to the child it waits for. */
static const int forwarded[] = { SIGHUP, SIGTERM, SIGUSR1, SIGUSR2,
    SIGALRM };

/* Those, and SIGCHLD, which tells the wait is over. */
static void
forward_set(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (i = 0; i < nitems(forwarded); i++)
		sigaddset(set, forwarded[i]);
}

/*
 * Block what proc_wait_forward() takes synchronously; call before the
 * fork, so nothing is lost in between.  The old mask goes to *old.
 */
void
proc_forward_block(sigset_t *old)
{
	sigset_t set;

	forward_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * Wait for a child, passing on the signals meant to end or poke it, so
 * that signalling jexec is signalling the command, as on FreeBSD where
 * jexec is the command.  Returns its wait status.
 */
int
proc_wait_forward(pid_t pid)
{
	siginfo_t si;
	sigset_t set;
	int status;

	forward_set(&set);
	for (;;) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return (status);
		if (sigwaitinfo(&set, &si) == -1 || si.si_signo == SIGCHLD)
			continue;
		kill(pid, si.si_signo);
	}
}

/*
 * Close every descriptor but the ones in keep (at most a few), stdio
 * included: what a process entering a jail must not carry in.
 */
void
proc_close_fds(const int *keep, size_t n)
{
	unsigned int from, to;
	size_t i;

	for (from = 0;; from = to + 1) {
		/* The next kept descriptor at or above from. */
		to = ~0U;
		for (i = 0; i < n; i++)
			if (keep[i] >= 0 && (unsigned int)keep[i] >= from &&
			    (unsigned int)keep[i] < to)
				to = (unsigned int)keep[i];
		if (to > from)
			syscall(SYS_close_range, from, to == ~0U ? ~0U : to - 1,
			    0);
		if (to == ~0U)
			break;
	}
}
