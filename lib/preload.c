/*
 * Small files read ahead on another CPU.  A caller about to read many
 * small files in a known order (the parameters of every jail, for jls)
 * starts a helper that shares its memory and reads them from the end of
 * the list into a buffer of the caller's, while the caller reads from
 * the front.  Each file is claimed by whichever side gets to it first,
 * so the two meet wherever their speeds make them, and the caller then
 * takes what the helper read.  Where opening and reading a file is most
 * of the work, as for jls over many jails, a second CPU halves it.
 *
 * The helper is no thread the C library knows of: it calls nothing of
 * the library's, sets no errno and allocates nothing, and only reads.  A
 * file it cannot read whole (gone, too big, no room left) it leaves to
 * the caller, who reads it again and says what is wrong.  Nothing here
 * fails for the caller: without a helper, every file is the caller's.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "baresys.h"
#include "preload.h"
#include "proc.h"

#define PRELOAD_MIN	32		/* files, for a helper to be worth it */
#define PRELOAD_STACK	(16 * 1024)	/* the helper's, above a guard page */
#define PRELOAD_ROOM	(1024 * 1024)	/* for the texts it reads */
#define PRELOAD_PATH	64		/* "<id>/<name>" at most */

struct preload {
	/* The next index from the front (low half), the end (high half). */
	_Atomic uint64_t claims;
	int		 dirfd;
	const int	*ids;
	const char	*name;
	size_t		 max;		/* a file is never bigger */
	char		*map;		/* guard page, stack, room */
	size_t		 maplen;
	char		*room;
	size_t		 used;		/* of the room, by the helper */
	long		*off;		/* each text's place in room, or -1 */
	pid_t		 pid;		/* the helper, until waited for */
};

static int	claim(struct preload *, int, size_t *);
static int	file_path(char *, int, const char *);
static int	helper(void *);
static void	preload_wait(struct preload *);

/*
 * Claim the next unclaimed index from the front or the back: 0 when the
 * two have met.  One compare-and-swap over both halves, so an index is
 * never claimed twice.
 */
static int
claim(struct preload *p, int back, size_t *kp)
{
	uint64_t c, nc;
	uint32_t front, end;

	c = atomic_load(&p->claims);
	do {
		front = (uint32_t)c;
		end = (uint32_t)(c >> 32);
		if (front >= end)
			return (0);
		if (back) {
			end--;
			*kp = end;
		} else
			*kp = front++;
		nc = (uint64_t)end << 32 | front;
	} while (!atomic_compare_exchange_weak(&p->claims, &c, nc));
	return (1);
}

/* "<id>/<name>", written without the library; -1 if it does not fit. */
static int
file_path(char *path, int id, const char *name)
{
	char digits[16];
	int n, i;

	n = 0;
	do
		digits[n++] = (char)('0' + id % 10);
	while ((id /= 10) > 0);
	for (i = 0; i < n; i++)
		path[i] = digits[n - 1 - i];
	path[i++] = '/';
	for (; *name != '\0'; name++)
		if (i < PRELOAD_PATH - 1)
			path[i++] = *name;
		else
			return (-1);
	path[i] = '\0';
	return (0);
}

/* The helper: files from the back while there is room for one more. */
static int
helper(void *arg)
{
	struct preload *p = arg;
	char path[PRELOAD_PATH];
	size_t k;
	long fd, n;

	while (PRELOAD_ROOM - p->used > p->max && claim(p, 1, &k)) {
		if (file_path(path, p->ids[k], p->name) == -1)
			continue;
		fd = bare_syscall(SYS_openat, p->dirfd, (long)path,
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0, 0, 0);
		if (fd < 0)
			continue;
		n = bare_syscall(SYS_read, fd, (long)(p->room + p->used),
		    (long)p->max + 1, 0, 0, 0);
		bare_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
		if (n < 0 || (size_t)n > p->max)
			continue;
		p->room[p->used + (size_t)n] = '\0';
		p->off[k] = (long)p->used;
		p->used += (size_t)n + 1;
	}
	return (0);
}

/*
 * Read ahead the files <dirfd>/<id>/<name> of ids[0..n), none bigger than
 * max bytes (dirfd and ids stay the caller's until preload_end()).  NULL
 * when no helper runs, too few files to be worth one or none could be
 * started: every file is then the caller's.
 */
struct preload *
preload_start(int dirfd, const int *ids, size_t n, const char *name,
    size_t max)
{
	struct preload *p;
	cpu_set_t others;
	size_t k, pg;
	int cpu;

	if (n < PRELOAD_MIN || n > UINT32_MAX || max >= PRELOAD_ROOM)
		return (NULL);
	/* The CPUs this process may run on but is not running on now. */
	if ((cpu = sched_getcpu()) == -1 ||
	    sched_getaffinity(0, sizeof(others), &others) == -1)
		return (NULL);
	CPU_CLR(cpu, &others);
	if (CPU_COUNT(&others) == 0)
		return (NULL);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return (NULL);
	if ((p->off = malloc(n * sizeof(*p->off))) == NULL) {
		free(p);
		return (NULL);
	}
	for (k = 0; k < n; k++)
		p->off[k] = -1;
	pg = (size_t)sysconf(_SC_PAGESIZE);
	p->maplen = pg + PRELOAD_STACK + PRELOAD_ROOM;
	p->map = mmap(NULL, p->maplen, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p->map == MAP_FAILED || mprotect(p->map, pg, PROT_NONE) == -1) {
		if (p->map != MAP_FAILED)
			munmap(p->map, p->maplen);
		free(p->off);
		free(p);
		return (NULL);
	}
	p->room = p->map + pg + PRELOAD_STACK;
	p->dirfd = dirfd;
	p->ids = ids;
	p->name = name;
	p->max = max;
	atomic_init(&p->claims, (uint64_t)n << 32);
	p->pid = proc_helper(p->map + pg, PRELOAD_STACK, helper, p);
	if (p->pid == -1) {
		munmap(p->map, p->maplen);
		free(p->off);
		free(p);
		return (NULL);
	}
	/*
	 * The scheduler starts a new process on its parent's CPU and moves
	 * it only later, if at all: by then a listing is over.
	 */
	(void)sched_setaffinity(p->pid, sizeof(others), &others);
	return (p);
}

/*
 * Whether file k, the next in order, is the caller's to read: 0 once the
 * caller has met the helper, and for every k after.
 */
int
preload_mine(struct preload *p, size_t k)
{
	size_t got;

	if (p == NULL)
		return (1);
	/* Only the caller claims from the front: got is always k. */
	return (claim(p, 0, &got) && got == k);
}

/* Wait for the helper, once: what it wrote is seen whole after that. */
static void
preload_wait(struct preload *p)
{
	while (p->pid > 0 && waitpid(p->pid, NULL, 0) == -1 && errno == EINTR)
		;
	p->pid = 0;
}

/*
 * The text of file k, one preload_mine() said was not the caller's, with
 * a NUL after it; the caller's to change, until preload_end().  NULL when
 * the helper could not read it: the caller reads it then.
 */
char *
preload_take(struct preload *p, size_t k)
{
	preload_wait(p);
	return (p->off[k] >= 0 ? p->room + p->off[k] : NULL);
}

void
preload_end(struct preload *p)
{
	if (p == NULL)
		return;
	/* The helper writes into what is freed here. */
	preload_wait(p);
	munmap(p->map, p->maplen);
	free(p->off);
	free(p);
}
