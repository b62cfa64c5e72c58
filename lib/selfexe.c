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
 * the program's entry point).  There, nothing of the executable's memory
 * has been written yet, so the process need not even execute the view:
 * it maps each of its loaded segments again from the view, over itself,
 * at the same place, and then names the view its executable (prctl
 * PR_SET_MM_MAP, which the kernel allows only once no mapping of the old
 * file is left).  /proc/PID/exe and every mapping then lead to the
 * read-only view, as after an exec, for a dozen system calls instead of
 * a second exec and start-up (in a virtual machine, where building and
 * tearing down an address space is slow, half a millisecond).  Where the
 * kernel refuses, the view is executed as before.
 */
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/vfs.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "baresys.h"
#include "errmsg.h"
#include "selfexe.h"

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define SEAL_TRIES	100	/* a millisecond apart */
#define STAT_FIELDS	51	/* of /proc/PID/stat, up to env_end */

/*
 * Before the C library starts there is no errno to set and no stack
 * protector to check: the functions that may run then say so.
 */
#define BARE	__attribute__((no_stack_protector))

static long	selfexe_rdonly_mount(void) BARE;
static long	selfexe_reopen(long) BARE;
static int	selfexe_remap(long, unsigned long) BARE;
static int	selfexe_name(long) BARE;
static int	selfexe_memfd(void);

/*
 * Known to run from an executable nobody can write: once so, the
 * executable stays so until the next exec, so main() does not look again
 * after the entry point has.
 */
static int	sealed;

/*
 * Whether this process already runs from an executable nobody can write:
 * on a read-only mount, or a sealed memfd.
 */
int
selfexe_sealed(void)
{
	struct statfs sf;
	long fd, seals, ro;

	if (sealed)
		return (1);
	fd = bare_syscall(SYS_openat, AT_FDCWD, (long)"/proc/self/exe",
	    O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return (0);
	ro = bare_syscall(SYS_fstatfs, fd, (long)&sf, 0, 0, 0, 0) == 0 &&
	    (sf.f_flags & ST_RDONLY);
	seals = bare_syscall(SYS_fcntl, fd, F_GET_SEALS, 0, 0, 0, 0);
	bare_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
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
	    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return (fd);
	rc = bare_syscall(SYS_mount_setattr, fd, (long)"", AT_EMPTY_PATH,
	    (long)&ro, sizeof(ro), 0);
	if (rc < 0) {
		bare_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
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
 * The file the path-only descriptor fd names, opened for reading (which
 * mmap and prctl need), through /proc/self/fd; minus the error number.
 */
static long
selfexe_reopen(long fd)
{
	char path[sizeof("/proc/self/fd/") + 20], *p;
	const char *pre = "/proc/self/fd/";
	long n;
	int i;

	for (p = path; *pre != '\0'; )
		*p++ = *pre++;
	for (n = fd, i = 1; n >= 10; n /= 10)
		i++;
	p[i] = '\0';
	for (n = fd; i > 0; n /= 10)
		p[--i] = (char)('0' + n % 10);
	return (bare_syscall(SYS_openat, AT_FDCWD, (long)path,
	    O_RDONLY | O_CLOEXEC, 0, 0, 0));
}

/* The executable's own ELF header, where the linker placed it. */
extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));

/*
 * Map each loaded segment of the running executable again from fd (the
 * same file, seen through another mount), where and as the kernel mapped
 * it at exec, then name fd the executable.  Only before anything has
 * written to the executable's memory: a writable segment comes back as
 * it is in the file.  Zero on success, else minus the error number.
 */
static int
selfexe_remap(long fd, unsigned long pagesz)
{
	const ElfW(Phdr) *ph;
	uintptr_t bias, start, end, fend;
	volatile char *z;
	long rc;
	int i, prot;

	ph = (const ElfW(Phdr) *)((const char *)&__ehdr_start +
	    __ehdr_start.e_phoff);
	/* Non-zero only if this were a position-independent executable. */
	bias = (uintptr_t)&__ehdr_start;
	for (i = 0; i < __ehdr_start.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0) {
			bias -= ph[i].p_vaddr;
			break;
		}
	for (i = 0; i < __ehdr_start.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_filesz == 0)
			continue;
		start = (bias + ph[i].p_vaddr) & ~(pagesz - 1);
		fend = bias + ph[i].p_vaddr + ph[i].p_filesz;
		end = (fend + pagesz - 1) & ~(pagesz - 1);
		prot = (ph[i].p_flags & PF_R ? PROT_READ : 0) |
		    (ph[i].p_flags & PF_W ? PROT_WRITE : 0) |
		    (ph[i].p_flags & PF_X ? PROT_EXEC : 0);
		rc = bare_syscall(SYS_mmap, (long)start, (long)(end - start),
		    prot, MAP_PRIVATE | MAP_FIXED, fd,
		    (long)(ph[i].p_offset & ~(pagesz - 1)));
		if (rc < 0)
			return ((int)rc);
		/*
		 * The rest of the last page is the start of bss (volatile:
		 * no memset, which needs the C library).
		 */
		if (ph[i].p_memsz > ph[i].p_filesz)
			for (z = (volatile char *)fend; z < (char *)end; z++)
				*z = 0;
	}
	return (selfexe_name(fd));
}

/*
 * Name fd the executable of this process.  PR_SET_MM_EXE_FILE alone would
 * take CAP_SYS_RESOURCE, which containers often withhold; PR_SET_MM_MAP
 * takes CAP_SYS_ADMIN (or CAP_CHECKPOINT_RESTORE), which jail and jexec
 * need anyway, but sets the memory layout the kernel keeps for the
 * process along with it: it is given that layout as it is, read from
 * /proc/self/stat (and the break from brk(0)), so that only the name
 * changes.  Zero, or minus the error number.
 */
static int
selfexe_name(long fd)
{
	struct prctl_mm_map map;
	unsigned long long f[STAT_FIELDS + 1];
	char buf[2048], *p, *end;
	long n, sfd;
	int i;

	sfd = bare_syscall(SYS_openat, AT_FDCWD, (long)"/proc/self/stat",
	    O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (sfd < 0)
		return ((int)sfd);
	n = bare_syscall(SYS_read, sfd, (long)buf, sizeof(buf) - 1, 0, 0, 0);
	bare_syscall(SYS_close, sfd, 0, 0, 0, 0, 0);
	if (n <= 0 || n == sizeof(buf) - 1)
		return (-EIO);
	buf[n] = '\0';
	/* The command name may hold anything: fields follow its last ')'. */
	for (p = end = buf; *p != '\0'; p++)
		if (*p == ')')
			end = p;
	if (*end != ')')
		return (-EIO);
	for (p = end + 1, i = 2; i < STAT_FIELDS && *p == ' '; ) {
		f[++i] = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			f[i] = f[i] * 10 + (unsigned)(*p - '0');
		while (*p != ' ' && *p != '\0' && *p != '\n')
			p++;	/* a state letter, or a sign */
	}
	if (i != STAT_FIELDS)
		return (-EIO);
	map.start_code = f[26];
	map.end_code = f[27];
	map.start_stack = f[28];
	map.start_data = f[45];
	map.end_data = f[46];
	map.start_brk = f[47];
	map.arg_start = f[48];
	map.arg_end = f[49];
	map.env_start = f[50];
	map.env_end = f[51];
	map.brk = (unsigned long long)bare_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
	map.auxv = NULL;	/* kept as it is */
	map.auxv_size = 0;
	map.exe_fd = (unsigned)fd;
	return ((int)bare_syscall(SYS_prctl, PR_SET_MM, PR_SET_MM_MAP,
	    (long)&map, sizeof(map), 0, 0));
}

/*
 * From the entry point, before the C library starts: unless already
 * protected, become the running executable's read-only view, by mapping
 * it over itself or else by executing it.  Returns when it cannot, for
 * selfexe_reexec to say why or to try the copy.
 */
void
selfexe_early(char *const argv[], char *const envp[])
{
	char *const *p;
	const ElfW(auxv_t) *av;
	unsigned long pagesz = 0;
	long fd, file, rc;

	if (selfexe_sealed())
		return;
	if ((fd = selfexe_rdonly_mount()) < 0)
		return;
	/* The kernel's auxiliary vector follows the environment. */
	for (p = envp; *p != NULL; p++)
		;
	for (av = (const ElfW(auxv_t) *)(p + 1); av->a_type != AT_NULL; av++)
		if (av->a_type == AT_PAGESZ)
			pagesz = av->a_un.a_val;
	if (pagesz != 0 && (file = selfexe_reopen(fd)) >= 0) {
		rc = selfexe_remap(file, pagesz);
		bare_syscall(SYS_close, file, 0, 0, 0, 0, 0);
		if (rc == 0) {
			bare_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
			sealed = 1;
			return;
		}
	}
	bare_syscall(SYS_execveat, fd, (long)"", (long)argv, (long)envp,
	    AT_EMPTY_PATH, 0);
	bare_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
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
