#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>

#include <linux/magic.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "errmsg.h"
#include "nitems.h"

#define CGROUP_DIR	"jailbox"

/*
 * Where the cgroup2 hierarchy is usually mounted: on a unified host and on
 * a hybrid one.  Every cgroup2 mount shows the same hierarchy.
 */
static const char *const cgroup_places[] = { "/sys/fs/cgroup",
    "/sys/fs/cgroup/unified" };

/* The first cgroup2 mount in the mount table, into buf. */
static int
cgroup_scan(char *buf, size_t len)
{
	char line[4096], *sep, *fields[5], *p;
	FILE *fp;
	int i, found;

	if ((fp = fopen("/proc/self/mountinfo", "re")) == NULL)
		return (jb_err(errno, "/proc/self/mountinfo"));
	found = 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		/* The file system type follows the " - " separator. */
		if ((sep = strstr(line, " - ")) == NULL ||
		    strncmp(sep + 3, "cgroup2 ", 8) != 0)
			continue;
		p = line;
		for (i = 0; i < 5 && p != NULL; i++) {
			fields[i] = p;
			if ((p = strchr(p, ' ')) != NULL)
				*p++ = '\0';
		}
		if (i == 5 && strlen(fields[4]) < len) {
			strcpy(buf, fields[4]);
			found = 1;
		}
	}
	fclose(fp);
	if (!found)
		return (jb_errx(ENOENT, "no cgroup2 file system is mounted"));
	return (0);
}

/*
 * Find where the cgroup2 hierarchy is mounted: one of the usual places,
 * else wherever the mount table says.  Found once per process: it does
 * not move while jailbox runs.
 */
static int
cgroup_mountpoint(char *buf, size_t len)
{
	static char found_at[PATH_MAX];
	struct statfs sf;
	size_t i;

	for (i = 0; found_at[0] == '\0' && i < nitems(cgroup_places); i++)
		if (statfs(cgroup_places[i], &sf) == 0 &&
		    sf.f_type == CGROUP2_SUPER_MAGIC)
			strcpy(found_at, cgroup_places[i]);
	if (found_at[0] == '\0' &&
	    cgroup_scan(found_at, sizeof(found_at)) == -1)
		return (-1);
	if (strlen(found_at) >= len)
		return (jb_errx(ENAMETOOLONG, "cgroup path too long"));
	strcpy(buf, found_at);
	return (0);
}

/* The path of the jail's cgroup, or of a file in it; jid 0: the parent. */
static int
cgroup_path(int jid, const char *file, char *buf, size_t len)
{
	char mnt[PATH_MAX];
	int n;

	if (cgroup_mountpoint(mnt, sizeof(mnt)) == -1)
		return (-1);
	if (jid == 0)
		n = snprintf(buf, len, "%s/%s", mnt, CGROUP_DIR);
	else
		n = snprintf(buf, len, "%s/%s/%d%s%s", mnt, CGROUP_DIR, jid,
		    file != NULL ? "/" : "", file != NULL ? file : "");
	if (n < 0 || (size_t)n >= len)
		return (jb_errx(ENAMETOOLONG, "cgroup path too long"));
	return (0);
}

/* Make the jail's cgroup; a stale empty one left by a dead jail is reused. */
int
cgroup_create(int jid)
{
	char path[PATH_MAX];

	if (cgroup_path(0, NULL, path, sizeof(path)) == -1)
		return (-1);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return (jb_err(errno, "cgroup %s", path));
	if (cgroup_path(jid, NULL, path, sizeof(path)) == -1)
		return (-1);
	if (mkdir(path, 0755) == -1) {
		if (errno != EEXIST || rmdir(path) == -1 ||
		    mkdir(path, 0755) == -1)
			return (jb_err(errno, "cgroup %s", path));
	}
	return (0);
}

/* A directory descriptor on the jail's cgroup, for CLONE_INTO_CGROUP. */
int
cgroup_open(int jid)
{
	char path[PATH_MAX];
	int fd;

	if (cgroup_path(jid, NULL, path, sizeof(path)) == -1)
		return (-1);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "cgroup %s", path));
	return (fd);
}

/* The pids of every process in the jail's cgroup. */
int
cgroup_procs(int jid, pid_t **pidsp, size_t *np)
{
	char path[PATH_MAX], line[32], *end;
	pid_t *pids, *npids;
	size_t n;
	long pid;
	FILE *fp;

	if (cgroup_path(jid, "cgroup.procs", path, sizeof(path)) == -1)
		return (-1);
	if ((fp = fopen(path, "re")) == NULL)
		return (jb_err(errno, "%s", path));
	pids = NULL;
	n = 0;
	/* One pid a line; no scanf(3), which would bring its floats along. */
	while (fgets(line, sizeof(line), fp) != NULL) {
		errno = 0;
		pid = strtol(line, &end, 10);
		if (end == line || (*end != '\n' && *end != '\0') ||
		    errno != 0 || pid <= 0 || pid > INT_MAX)
			continue;
		npids = reallocarray(pids, n + 1, sizeof(*pids));
		if (npids == NULL) {
			free(pids);
			fclose(fp);
			return (jb_err(errno, "malloc"));
		}
		pids = npids;
		pids[n++] = (pid_t)pid;
	}
	fclose(fp);
	*pidsp = pids;
	*np = n;
	return (0);
}

/*
 * Remove the jail's cgroup.  Processes killed with the jail's PID
 * namespace may take a moment to leave it, so EBUSY is retried for up to
 * two seconds.
 */
int
cgroup_destroy(int jid)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char path[PATH_MAX];
	int tries;

	if (cgroup_path(jid, NULL, path, sizeof(path)) == -1)
		return (-1);
	for (tries = 0; rmdir(path) == -1; tries++) {
		if (errno == ENOENT)
			return (0);
		if (errno != EBUSY || tries == 200)
			return (jb_err(errno, "cgroup %s", path));
		nanosleep(&ts, NULL);
	}
	return (0);
}
