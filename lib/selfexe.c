/*
 * The jailbox executable must never be writable through /proc/PID/exe of
 * a process that deals with a jail (CVE-2019-5736: a jailed root makes
 * jail or jexec execute /proc/self/exe inside the jail, holds on to
 * /proc/PID/exe of that process and writes through it once it is gone).
 *
 * jail and jexec therefore run from a file that cannot be written through
 * any path: the executable seen through a read-only bind mount of itself,
 * detached from every mount table (open_tree(2) with OPEN_TREE_CLONE,
 * then mount_setattr(2) MOUNT_ATTR_RDONLY).  Reopening that exe for
 * writing, even by root, fails with EROFS, and making the mount writable
 * again takes CAP_SYS_ADMIN over the host's mount namespace, which no
 * jailed process has, besides the seccomp filter refusing every mount
 * call.  The mount only lives as long as a process runs from it.
 *
 * Unlike a private memfd copy of the executable, this costs no copy at
 * each run, and every jail's init shares the page cache of the one file
 * instead of holding a megabyte of its own.  An executable already on a
 * read-only mount (an embedded image's root) is run as it is.  Where
 * open_tree is refused (no CAP_SYS_ADMIN: such a process cannot enter a
 * jail anyway), the old way remains: a sealed memfd copy.
 *
 * The check and the bind mount are made of bare system calls, so that
 * they also serve before the C library has started (selfexe_early, from
 * the program's entry point): executing the protected view at once
 * spares a second start-up of the C library, a third of a millisecond in
 * a virtual machine, where each of its cpuid instructions traps.
 */
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/vfs.h>

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "selfexe.h"

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define SEAL_TRIES	100	/* a millisecond apart */

/*
 * Before the C library starts there is no errno to set and no stack
 * protector to check: the functions that may run then say so.
 */
#define BARE	__attribute__((no_stack_protector))

static long	bare_syscall(long, long, long, long, long, long) BARE;
static long	selfexe_rdonly_mount(void) BARE;
static int	selfexe_memfd(void);

/* A system call: its result, or minus the error number. */
static long
bare_syscall(long nr, long a, long b, long c, long d, long e)
{
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	long ret;

	__asm__ volatile ("syscall" : "=a" (ret) : "a" (nr), "D" (a),
	    "S" (b), "d" (c), "r" (r10), "r" (r8) : "rcx", "r11", "memory");
	return (ret);
#else
	/* Elsewhere only called once the C library runs (see entry.c). */
	long ret;

	ret = syscall(nr, a, b, c, d, e);
	return (ret == -1 ? -errno : ret);
#endif
}

/*
 * Whether this process already runs from an executable nobody can write:
 * on a read-only mount, or a sealed memfd.  The executable does not change
 * until the next exec: once found so, it is known for the rest of the
 * process, so main() does not look again after the entry point has.
 */
int
selfexe_sealed(void)
{
	static int sealed;
	struct statfs sf;
	long fd, seals, ro;

	if (sealed)
		return (1);
	fd = bare_syscall(SYS_openat, AT_FDCWD, (long)"/proc/self/exe",
	    O_RDONLY | O_CLOEXEC, 0, 0);
	if (fd < 0)
		return (0);
	ro = bare_syscall(SYS_fstatfs, fd, (long)&sf, 0, 0, 0) == 0 &&
	    (sf.f_flags & ST_RDONLY);
	seals = bare_syscall(SYS_fcntl, fd, F_GET_SEALS, 0, 0, 0);
	bare_syscall(SYS_close, fd, 0, 0, 0, 0);
	sealed = ro || (seals >= 0 && (seals & SEALS) == SEALS);
	return (sealed);
}

/*
 * A descriptor of the running executable seen through a read-only bind
 * mount that belongs to no mount table; minus the error number if not
 * allowed.
 */
static long
selfexe_rdonly_mount(void)
{
	struct mount_attr ro;
	long fd, rc;

	/* Field by field: no memset before the C library runs. */
	ro.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NODEV;
	ro.attr_clr = 0;
	ro.propagation = 0;
	ro.userns_fd = 0;
	fd = bare_syscall(SYS_open_tree, AT_FDCWD, (long)"/proc/self/exe",
	    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC, 0, 0);
	if (fd < 0)
		return (fd);
	rc = bare_syscall(SYS_mount_setattr, fd, (long)"", AT_EMPTY_PATH,
	    (long)&ro, sizeof(ro));
	if (rc < 0) {
		bare_syscall(SYS_close, fd, 0, 0, 0, 0);
		return (rc);
	}
	return (fd);
}
/* A sealed memfd copy of the running executable, or -1. */
static int
selfexe_memfd(void)
{
	struct stat st;
	off_t off;
	ssize_t n;
	int src, mfd, tries;

	if ((src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "/proc/self/exe"));
	mfd = memfd_create("jailbox", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd == -1 || fstat(src, &st) == -1) {
		jb_err(errno, "memfd_create");
		goto fail;
	}
	for (off = 0; off < st.st_size; off += n)
		if ((n = sendfile(mfd, src, NULL, (size_t)(st.st_size - off))) <=
		    0) {
			jb_err(n == 0 ? EIO : errno, "copy /proc/self/exe");
			goto fail;
		}
	/*
	 * Sealing against writes fails with EBUSY while the kernel still
	 * holds pages of the copy pinned (sendfile's, briefly): retry.
	 */
	for (tries = 0; fcntl(mfd, F_ADD_SEALS, SEALS) == -1; tries++) {
		if (errno != EBUSY || tries == SEAL_TRIES) {
			jb_err(errno, "seal the copy of /proc/self/exe");
			goto fail;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	close(src);
	return (mfd);
fail:
	close(src);
	if (mfd != -1)
		close(mfd);
	return (-1);
}

/*
 * From the entry point, before the C library starts: unless already
 * protected, execute the running executable again from its read-only
 * view.  Returns when it cannot, for selfexe_reexec to say why or to try
 * the copy.
 */
void
selfexe_early(char *const argv[], char *const envp[])
{
	long fd;

	if (selfexe_sealed())
		return;
	if ((fd = selfexe_rdonly_mount()) < 0)
		return;
	bare_syscall(SYS_execveat, fd, (long)"", (long)argv, (long)envp,
	    AT_EMPTY_PATH);
	bare_syscall(SYS_close, fd, 0, 0, 0, 0);
}

/*
 * Unless already protected, execute the running executable again, with
 * the same arguments and environment, from a file nobody can write.
 * Returns only on failure.
 */
int
selfexe_reexec(char *const argv[], char *const envp[])
{
	long fd;

	if (selfexe_sealed())
		return (0);
	if ((fd = selfexe_rdonly_mount()) < 0 &&
	    (fd = selfexe_memfd()) == -1)
		return (-1);
	execveat((int)fd, "", argv, envp, AT_EMPTY_PATH);
	jb_err(errno, "execute the protected copy of /proc/self/exe");
	close((int)fd);
	return (-1);
}
