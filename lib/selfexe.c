#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "selfexe.h"

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define SEAL_TRIES	100	/* a millisecond apart */

/* Whether this process already runs from a sealed copy of itself. */
int
selfexe_sealed(void)
{
	int fd, seals;

	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) == -1)
		return (0);
	seals = fcntl(fd, F_GET_SEALS);
	close(fd);
	return (seals != -1 && (seals & SEALS) == SEALS);
}

/*
 * Unless already sealed, copy the running executable into a memfd, seal
 * it against every change, and execute that copy with the same arguments
 * and environment.  Returns only on failure.
 */
int
selfexe_reexec(char *const argv[], char *const envp[])
{
	struct stat st;
	off_t off;
	ssize_t n;
	int src, mfd, tries;

	if (selfexe_sealed())
		return (0);
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
	fexecve(mfd, argv, envp);
	jb_err(errno, "execute the sealed copy of /proc/self/exe");
	close(mfd);
	return (-1);
fail:
	close(src);
	if (mfd != -1)
		close(mfd);
	return (-1);
}
