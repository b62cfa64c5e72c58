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
 */
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "selfexe.h"

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define SEAL_TRIES	100	/* a millisecond apart */

static int	selfexe_rdonly_mount(void);
static int	selfexe_memfd(void);

/*
 * Whether this process already runs from an executable nobody can write:
 * on a read-only mount, or a sealed memfd.
 */
int
selfexe_sealed(void)
{
	struct statvfs sv;
	int fd, seals, ro;

	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) == -1)
		return (0);
	ro = fstatvfs(fd, &sv) == 0 && (sv.f_flag & ST_RDONLY);
	seals = fcntl(fd, F_GET_SEALS);
	close(fd);
	return (ro || (seals != -1 && (seals & SEALS) == SEALS));
}

/*
 * A descriptor of the running executable seen through a read-only bind
 * mount that belongs to no mount table; -1 with errno if not allowed.
 */
static int
selfexe_rdonly_mount(void)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY |
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV };
	int fd, saved;

	fd = open_tree(AT_FDCWD, "/proc/self/exe", OPEN_TREE_CLONE |
	    OPEN_TREE_CLOEXEC);
	if (fd == -1)
		return (-1);
	if (mount_setattr(fd, "", AT_EMPTY_PATH, &ro, sizeof(ro)) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return (-1);
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
 * Unless already protected, execute the running executable again, with
 * the same arguments and environment, from a file nobody can write.
 * Returns only on failure.
 */
int
selfexe_reexec(char *const argv[], char *const envp[])
{
	int fd;

	if (selfexe_sealed())
		return (0);
	if ((fd = selfexe_rdonly_mount()) == -1 &&
	    (fd = selfexe_memfd()) == -1)
		return (-1);
	execveat(fd, "", argv, envp, AT_EMPTY_PATH);
	jb_err(errno, "execute the protected copy of /proc/self/exe");
	close(fd);
	return (-1);
}
