#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "errmsg.h"
#include "live.h"
#include "nitems.h"
#include "preload.h"
#include "proc.h"
#include "quote.h"
#include "registry.h"

#define LOCK_FILE	REGISTRY_DIR "/.lock"
#define NAMES_DIR	REGISTRY_DIR "/.names"	/* name -> jid symlinks */
#define PARAMS_FILE	"params"
#define PARAMS_NEW	"params.new"	/* jail -m's, until renamed */
#define INIT_FILE	"init"
#define CONTROL_FILE	"control"
#define FILTER_FILE	"filter"	/* the jail's seccomp filter, as BPF */
#define FILTERS_DIR	".filters"	/* compiled filters, by their key */
#define STATE_MAX	(64 * 1024)	/* a state file is never bigger */
#define HELD_MAX	256		/* state files held open at most */

static int	 jid_parse(const char *);
static int	 jid_cmp(const void *, const void *);
static int	 registry_dir(void);
static int	 name_path(const char *, char *, size_t);
static int	 name_lookup(const char *);
static int	 entry_clear(const char *);
static int	 all_live(const struct live_set *);
static int	 entry_take(int);
static int	 jid_last(int);
static int	 file_write(const char *, const char *, const void *, size_t);
static char	*file_read(const char *, const char *, size_t *);
static void	 file_done(int);
static void	 held_close(void);
static void	 hold_files(int);
static int	 entry_load(int, struct jail_entry *, const struct live_set *,
		    char *);

/*
 * While hold_files() is on, the state files read are not closed
 * one by one but a run at a time, by one close_range(2): each close is a
 * system call at whose end the kernel releases the file, and a thousand
 * of them were an eighth of a jls over a thousand jails.  Only a run of
 * consecutive descriptors that are all this file's is closed so.
 */
static struct {
	int	on;
	int	first;		/* held: first .. next - 1, or -1 */
	int	next;
} held = { 0, -1, -1 };

/*
 * Make sure /run/jail exists, is a real directory owned by root and
 * closed to everyone else: every path under it is trusted afterwards.
 */
static int
registry_dir(void)
{
	struct stat st;

	if (mkdir(REGISTRY_DIR, 0700) == -1 && errno != EEXIST)
		return (jb_err(errno, "%s", REGISTRY_DIR));
	if (lstat(REGISTRY_DIR, &st) == -1)
		return (jb_err(errno, "%s", REGISTRY_DIR));
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 077))
		return (jb_errx(EPERM,
		    "%s: not a directory owned by root, mode 0700",
		    REGISTRY_DIR));
	return (0);
}

/* A jid as written in a directory name, 0 when it is not one. */
static int
jid_parse(const char *s)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s) || *s == '0')
		return (0);
	errno = 0;
	n = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > INT_MAX)
		return (0);
	return ((int)n);
}

static int
jid_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return ((x > y) - (x < y));
}

/*
 * A name must be usable as a file name and in messages: not empty, no
 * "/", no leading ".", printable ASCII letters, digits and "_+.-@:" only;
 * all digits only when it is the jail's own jid.
 */
int
registry_name_check(const char *name, int jid)
{
	const char *p;

	if (*name == '\0')
		return (jb_errx(EINVAL, "name cannot be empty"));
	if (*name == '.')
		return (jb_errx(EINVAL, "name cannot start with \".\""));
	for (p = name; *p != '\0'; p++) {
		if (*p == '/')
			return (jb_errx(EINVAL, "name cannot contain \"/\""));
		if (!isalnum((unsigned char)*p) && strchr("_+.-@:", *p) == NULL)
			return (jb_errx(EINVAL,
			    "name cannot contain the character 0x%02x",
			    (unsigned char)*p));
	}
	if (strspn(name, "0123456789") == strlen(name) &&
	    (jid <= 0 || jid_parse(name) != jid))
		return (jb_errx(EINVAL,
		    "name cannot be numeric (unless it is the jid)"));
	return (0);
}

/* Take the registry's lock: creating and clearing entries is serialised. */
int
registry_lock(void)
{
	int fd;

	if (registry_dir() == -1)
		return (-1);
	fd = open(LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1)
		return (jb_err(errno, "%s", LOCK_FILE));
	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR) {
			close(fd);
			return (jb_err(errno, "%s", LOCK_FILE));
		}
	return (fd);
}

void
registry_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/*
 * Remove an entry directory (or a leftover of one) and its files; -1 with
 * errno set, but jb_errmsg untouched, so clearing up after a failure
 * never hides its cause.
 */
static int
entry_clear(const char *dir)
{
	static const char *const files[] = { PARAMS_FILE, PARAMS_NEW,
	    INIT_FILE, CONTROL_FILE, FILTER_FILE };
	char path[PATH_MAX], file[PATH_MAX + 16];
	size_t i;

	/* Most often there is nothing to clear: one call tells. */
	snprintf(path, sizeof(path), "%s/%s", REGISTRY_DIR, dir);
	if (rmdir(path) == 0 || errno == ENOENT)
		return (0);
	for (i = 0; i < nitems(files); i++) {
		snprintf(file, sizeof(file), "%s/%s", path, files[i]);
		unlink(file);
	}
	if (rmdir(path) == -1 && errno != ENOENT)
		return (-1);
	return (0);
}

/*
 * Whether every entry is a live jail of lv.  The directory's link count
 * tells how many subdirectories it has, on the file systems that count
 * them (tmpfs, ext4): besides the entries only .names and .filters may be
 * there, so a count equal to the live jails' leaves a reap nothing to
 * clear and no directory to read.
 */
static int
all_live(const struct live_set *lv)
{
	static const char *const others[] = { NAMES_DIR,
	    REGISTRY_DIR "/" FILTERS_DIR };
	struct stat st;
	nlink_t subdirs;
	size_t i;

	if (!lv->known || stat(REGISTRY_DIR, &st) == -1 || st.st_nlink < 2)
		return (0);
	subdirs = st.st_nlink - 2;
	for (i = 0; i < nitems(others); i++)
		if (stat(others[i], &st) == 0 && S_ISDIR(st.st_mode) &&
		    subdirs > 0)
			subdirs--;
	return (subdirs == lv->n);
}

/*
 * Under the lock: clear every entry whose init is gone, the cgroup it
 * left, and the leftovers of creates and removes that were cut short,
 * but for the entry of the jail being created, jid mine.  The live inits
 * are known at once (live.c); the directory is read only when it holds
 * more than they do, and then only an entry whose init is not among them
 * is read to be judged.  A create runs this while its init builds the
 * jail: its jid was chosen without it (registry_alloc).  -1 if an entry
 * could not be judged or cleared; it then stays, and keeps its jid.
 */
int
registry_reap(int mine)
{
	struct live_set lv;
	struct dirent *de;
	char own[64];
	int jid, rc;
	DIR *d;

	(void)live_read(&lv);
	if (all_live(&lv)) {
		live_free(&lv);
		return (0);
	}
	if ((d = opendir(REGISTRY_DIR)) == NULL) {
		live_free(&lv);
		return (jb_err(errno, "%s", REGISTRY_DIR));
	}
	snprintf(own, sizeof(own), ".new.%d", mine);
	rc = 0;
	while ((de = readdir(d)) != NULL) {
		if ((strncmp(de->d_name, ".new.", 5) == 0 ||
		    strncmp(de->d_name, ".old.", 5) == 0) &&
		    strcmp(de->d_name, own) != 0) {
			entry_clear(de->d_name);
			continue;
		}
		/* An entry whose init is not among the live is judged. */
		if ((jid = jid_parse(de->d_name)) != 0 && jid != mine &&
		    !live_has(&lv, jid) && entry_take(jid) == -1)
			rc = -1;
	}
	closedir(d);
	live_free(&lv);
	return (rc);
}

/* The path of a name's link to its jid. */
static int
name_path(const char *name, char *buf, size_t len)
{
	int n;

	n = snprintf(buf, len, "%s/%s", NAMES_DIR, name);
	if (n < 0 || (size_t)n >= len)
		return (jb_errx(ENAMETOOLONG, "name too long"));
	return (0);
}

/*
 * The jid a name's link points at, 0 if there is none.  The link is only
 * a hint: the entry it leads to must still bear the name.
 */
static int
name_lookup(const char *name)
{
	char path[PATH_MAX], buf[16];
	ssize_t n;

	if (name_path(name, path, sizeof(path)) == -1 ||
	    (n = readlink(path, buf, sizeof(buf) - 1)) <= 0)
		return (0);
	buf[n] = '\0';
	return (jid_parse(buf));
}

/*
 * Under the lock: point name at jid, replacing whatever link a dead or
 * renamed jail left, in one rename.  A jail named by its jid is found by
 * it, and needs no link.
 */
int
registry_name_link(int jid, const char *name)
{
	char path[PATH_MAX], tmp[PATH_MAX], target[16];

	if (jid_parse(name) == jid)
		return (0);
	if (mkdir(NAMES_DIR, 0700) == -1 && errno != EEXIST)
		return (jb_err(errno, "%s", NAMES_DIR));
	if (name_path(name, path, sizeof(path)) == -1)
		return (-1);
	snprintf(tmp, sizeof(tmp), "%s/.new.%d", NAMES_DIR, jid);
	snprintf(target, sizeof(target), "%d", jid);
	unlink(tmp);
	if (symlink(target, tmp) == -1)
		return (jb_err(errno, "%s", tmp));
	if (rename(tmp, path) == -1) {
		jb_err(errno, "%s", path);
		unlink(tmp);
		return (-1);
	}
	return (0);
}

/*
 * Under the lock: remove name's link if it points at jid (a later jail
 * may have taken the name); errno and jb_errmsg are left alone.
 */
void
registry_name_unlink(int jid, const char *name)
{
	char path[PATH_MAX];
	int saved;

	saved = errno;
	if (name != NULL && jid_parse(name) != jid &&
	    name_lookup(name) == jid &&
	    name_path(name, path, sizeof(path)) == 0)
		unlink(path);
	errno = saved;
}

/*
 * Make jid free if its jail is dead: its entry, name and cgroup go.  0 if
 * it is free now, 1 if a live jail holds it, -1 if its entry cannot be
 * read for a transient failure or cannot be removed (it keeps the jid).
 */
static int
entry_take(int jid)
{
	struct jail_entry je;
	struct stat st;
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof(path), "%s/%d", REGISTRY_DIR, jid);
	if (lstat(path, &st) == -1)
		return (errno == ENOENT ? 0 : -1);
	if (registry_load(jid, &je) == 0 ? je.alive :
	    errno != EINVAL && errno != ENOENT) {
		rc = je.alive ? 1 : -1;
		registry_entry_free(&je);
		return (rc);
	}
	cgroup_destroy(jid);
	rc = registry_remove(jid, jparams_str(&je.params, JP_NAME));
	registry_entry_free(&je);
	return (rc);
}

/*
 * The last jid given, kept in the lock file, which only holders of the
 * lock read and write; 0 before the first.
 */
static int
jid_last(int lockfd)
{
	char buf[16];
	ssize_t n;

	if ((n = pread(lockfd, buf, sizeof(buf) - 1, 0)) <= 0)
		return (0);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return (jid_parse(buf + strspn(buf, "0")));
}

/*
 * Under the lock: check that the jid and the name asked for are free,
 * clearing a dead jail that holds either, and pick the jid unless jid=
 * was given: as FreeBSD does, the one after the last one given (after,
 * or the one the lock file keeps if after is 0), skipping those a live
 * jail holds, from 1 again past the largest.  The name is looked up
 * through its link.  Only the jids looked at are read, never every
 * entry.
 */
int
registry_alloc(const struct jparams *jp, int lockfd, int after, int *jidp)
{
	struct jail_entry je;
	const char *name;
	char buf[16];
	int jid, first, taken;

	name = jparams_str(jp, JP_NAME);
	if (name != NULL && registry_find(name, &je, 1) == 0) {
		taken = entry_take(je.jid);
		registry_entry_free(&je);
		if (taken)
			return (jb_errx(EEXIST, "jail \"%s\" already exists",
			    name));
	}
	if (jparams_isset(jp, JP_JID)) {
		jid = (int)jparams_int(jp, JP_JID);
		if (entry_take(jid))
			return (jb_errx(EEXIST, "jail %d already exists", jid));
		*jidp = jid;
		return (0);
	}
	if (after == 0)
		after = jid_last(lockfd);
	for (jid = after, first = 0;;) {
		jid = jid >= INT_MAX ? 1 : jid + 1;
		if (jid == first)
			return (jb_errx(EAGAIN, "no jid left"));
		if (first == 0)
			first = jid;
		if (!entry_take(jid))
			break;
	}
	/* Fixed width: the next write covers this one. */
	snprintf(buf, sizeof(buf), "%010d\n", jid);
	if (pwrite(lockfd, buf, strlen(buf), 0) == -1)
		return (jb_err(errno, "%s", LOCK_FILE));
	*jidp = jid;
	return (0);
}

/*
 * Write a file of an entry directory that is not yet visible.  No fsync:
 * what makes a state file safe to read is that it only becomes visible
 * by rename.  /run is a tmpfs, emptied at reboot along with the jails it
 * describes; even on a disk, an entry a crash left short is malformed,
 * hence dead, and cleared like any dead entry.
 */
static int
file_write(const char *dir, const char *file, const void *data, size_t len)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", REGISTRY_DIR, dir, file);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1)
		return (jb_err(errno, "%s", path));
	if (write(fd, data, len) != (ssize_t)len) {
		jb_err(errno, "%s", path);
		close(fd);
		return (-1);
	}
	close(fd);
	return (0);
}

/*
 * Read a state file, refusing anything larger than a state file can be;
 * its length in *lenp unless NULL, and a NUL after it.
 */
static char *
file_read(const char *dir, const char *file, size_t *lenp)
{
	char path[PATH_MAX], *buf;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", REGISTRY_DIR, dir, file);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	/* Out of descriptors with some held: close those and try again. */
	if (fd == -1 && errno == EMFILE && held.first != -1) {
		held_close();
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	}
	if (fd == -1) {
		jb_err(errno, "%s", path);
		return (NULL);
	}
	if ((buf = malloc(STATE_MAX + 1)) == NULL) {
		jb_err(errno, "malloc");
		close(fd);
		return (NULL);
	}
	n = read(fd, buf, STATE_MAX + 1);
	file_done(fd);
	if (n < 0 || n > STATE_MAX) {
		jb_errx(n < 0 ? errno : EFBIG, "%s: cannot read", path);
		free(buf);
		return (NULL);
	}
	buf[n] = '\0';
	if (lenp != NULL)
		*lenp = (size_t)n;
	return (buf);
}

/* Close a state file read, or hold it for the next run to close. */
static void
file_done(int fd)
{
	if (!held.on) {
		close(fd);
		return;
	}
	/* One that does not extend the run starts the next one. */
	if (held.first != -1 && fd != held.next)
		held_close();
	if (held.first == -1)
		held.first = fd;
	held.next = fd + 1;
	if (held.next - held.first >= HELD_MAX)
		held_close();
}

static void
held_close(void)
{
	if (held.first != -1)
		syscall(SYS_close_range, held.first, held.next - 1, 0);
	held.first = held.next = -1;
}

/*
 * For reading many entries: hold the state files read (on), or close what
 * is held and go back to closing each (off).
 */
static void
hold_files(int on)
{
	if (!on)
		held_close();
	held.on = on;
}

/* The text of a params file: one name=value line per stored value. */
static char *
params_text(const struct jparams *jp)
{
	char *text, *q;
	size_t len, i;
	FILE *fp;
	int p, ok;

	if ((fp = open_memstream(&text, &len)) == NULL)
		return (NULL);
	ok = 1;
	for (p = 0; p < JP_NPARAMS; p++) {
		if (!JPARAM_STORED(&jparam_table[p]))
			continue;
		for (i = 0; i < jp->v[p].nitems; i++) {
			if ((q = quote_vis(jp->v[p].items[i])) == NULL)
				ok = 0;
			else
				fprintf(fp, "%s=%s\n", jparam_table[p].name, q);
			free(q);
		}
	}
	if (fclose(fp) != 0 || !ok) {
		free(text);
		return (NULL);
	}
	return (text);
}

/*
 * Start an entry, invisible to readers: the directory .new.<jid>, where
 * the init's control socket is bound before the entry is published.
 */
int
registry_prepare(int jid)
{
	char tmp[64], path[PATH_MAX];

	snprintf(tmp, sizeof(tmp), ".new.%d", jid);
	snprintf(path, sizeof(path), "%s/%s", REGISTRY_DIR, tmp);
	entry_clear(tmp);
	if (mkdir(path, 0700) == -1)
		return (jb_err(errno, "%s", path));
	return (0);
}

/* Throw away an entry that was prepared but not published. */
void
registry_discard(int jid)
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), ".new.%d", jid);
	entry_clear(tmp);
}

/*
 * The path of a jail's control socket: in the prepared entry while it is
 * being created (published 0), in the entry itself afterwards.
 */
int
registry_control_path(int jid, int published, char *buf, size_t len)
{
	int n;

	n = snprintf(buf, len, "%s/%s%d/%s", REGISTRY_DIR,
	    published ? "" : ".new.", jid, CONTROL_FILE);
	if (n < 0 || (size_t)n >= len)
		return (jb_errx(ENAMETOOLONG, "control socket path"));
	return (0);
}

/* A connection to a jail's control socket, to talk to its init. */
int
registry_control_connect(int jid)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (registry_control_path(jid, 1, sun.sun_path,
	    sizeof(sun.sun_path)) == -1)
		return (-1);
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1)
		return (jb_err(errno, "socket"));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		jb_err(errno, "%s", sun.sun_path);
		close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * Fill a prepared entry, still invisible: params, init and the compiled
 * seccomp filter (len bytes) into .new.<jid>.
 */
int
registry_stage(int jid, const struct jparams *jp, pid_t pid,
    unsigned long long start, const void *filter, size_t len)
{
	char tmp[64], line[64], *text;
	int rc;

	snprintf(tmp, sizeof(tmp), ".new.%d", jid);
	snprintf(line, sizeof(line), "%d %llu\n", (int)pid, start);
	if ((text = params_text(jp)) == NULL)
		return (jb_err(ENOMEM, "malloc"));
	rc = file_write(tmp, PARAMS_FILE, text, strlen(text)) == 0 &&
	    file_write(tmp, INIT_FILE, line, strlen(line)) == 0 &&
	    file_write(tmp, FILTER_FILE, filter, len) == 0 ? 0 : -1;
	free(text);
	return (rc);
}

/*
 * Publish a staged entry: link the name to the jid, then rename the entry
 * to <jid> in one step.
 */
int
registry_publish(int jid, const char *name)
{
	char path[PATH_MAX], final[PATH_MAX];

	snprintf(path, sizeof(path), "%s/.new.%d", REGISTRY_DIR, jid);
	snprintf(final, sizeof(final), "%s/%d", REGISTRY_DIR, jid);
	if (registry_name_link(jid, name) == -1)
		return (-1);
	if (rename(path, final) == -1) {
		jb_err(errno, "%s", final);
		registry_name_unlink(jid, name);
		return (-1);
	}
	return (0);
}

/*
 * Rewrite a live entry's parameters (jail -m), under the lock, in two
 * steps so that the one that can fail for want of space comes before
 * anything else is changed: stage the new text beside the old, then make
 * it the entry's by a rename, or throw it away.
 */
int
registry_stage_params(int jid, const struct jparams *jp)
{
	char dir[32], *text;
	int rc;

	snprintf(dir, sizeof(dir), "%d", jid);
	registry_unstage_params(jid);	/* what a cut-short -m left */
	if ((text = params_text(jp)) == NULL)
		return (jb_err(ENOMEM, "malloc"));
	if ((rc = file_write(dir, PARAMS_NEW, text, strlen(text))) == -1)
		registry_unstage_params(jid);
	free(text);
	return (rc);
}

int
registry_commit_params(int jid)
{
	char from[PATH_MAX], to[PATH_MAX];

	snprintf(from, sizeof(from), "%s/%d/%s", REGISTRY_DIR, jid,
	    PARAMS_NEW);
	snprintf(to, sizeof(to), "%s/%d/%s", REGISTRY_DIR, jid, PARAMS_FILE);
	if (rename(from, to) == -1)
		return (jb_err(errno, "%s", to));
	return (0);
}

/* Throw a staged rewrite away; errno and jb_errmsg are left alone. */
void
registry_unstage_params(int jid)
{
	char path[PATH_MAX];
	int saved;

	saved = errno;
	snprintf(path, sizeof(path), "%s/%d/%s", REGISTRY_DIR, jid,
	    PARAMS_NEW);
	unlink(path);
	errno = saved;
}

/*
 * Withdraw an entry: rename it away in one step, then delete it, and its
 * name's link (name may be NULL when the entry could not be read).
 */
int
registry_remove(int jid, const char *name)
{
	char from[PATH_MAX], to[PATH_MAX], dir[64];

	snprintf(from, sizeof(from), "%s/%d", REGISTRY_DIR, jid);
	snprintf(dir, sizeof(dir), ".old.%d", jid);
	snprintf(to, sizeof(to), "%s/%s", REGISTRY_DIR, dir);
	entry_clear(dir);
	registry_name_unlink(jid, name);
	if (rename(from, to) == -1)
		return (errno == ENOENT ? 0 : jb_err(errno, "%s", from));
	if (entry_clear(dir) == -1)
		return (jb_err(errno, "%s", to));
	return (0);
}

/*
 * Read an entry back through the parameter table, so a state file is
 * validated exactly like a command line; alive tells whether its init is
 * still the process that was recorded.
 */
int
registry_load(int jid, struct jail_entry *je)
{
	return (registry_load_live(jid, je, NULL));
}

/*
 * The same, when the live inits are already known (lv, or NULL): an init
 * among them is alive without a look at /proc, and its
 * init file is not even read, since listing a jail needs only its
 * parameters: init_pid stays 0, and whoever acts on the init loads the
 * entry again.
 */
int
registry_load_live(int jid, struct jail_entry *je,
    const struct live_set *lv)
{
	return (entry_load(jid, je, lv, NULL));
}

/* The same, its params already read into given (changed), unless NULL. */
static int
entry_load(int jid, struct jail_entry *je, const struct live_set *lv,
    char *given)
{
	char dir[32], *text, *line, *next, *eq, *value, *end;
	unsigned long long now;
	long pid;
	int rc;

	memset(je, 0, sizeof(*je));
	je->jid = jid;
	snprintf(dir, sizeof(dir), "%d", jid);
	je->alive = lv != NULL && live_has(lv, jid);
	if (!je->alive) {
		if ((text = file_read(dir, INIT_FILE, NULL)) == NULL)
			return (-1);
		/* "PID START\n" */
		errno = 0;
		pid = strtol(text, &end, 10);
		rc = end != text && *end == ' ';
		if (rc) {
			line = end + 1;
			je->init_start = strtoull(line, &end, 10);
			rc = end != line && (*end == '\n' || *end == '\0') &&
			    errno == 0;
		}
		free(text);
		if (!rc || pid <= 1 || pid > INT_MAX)
			return (jb_errx(EINVAL, "jail %d: malformed state",
			    jid));
		je->init_pid = (pid_t)pid;
	}
	if ((text = given) == NULL &&
	    (text = file_read(dir, PARAMS_FILE, NULL)) == NULL)
		return (-1);
	rc = 0;
	for (line = text; rc == 0 && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if ((eq = strchr(line, '=')) == NULL) {
			rc = -1;
			break;
		}
		*eq = '\0';
		if ((rc = quote_unvis(eq + 1, &value)) == 0) {
			rc = jparams_set(&je->params, line, value);
			free(value);
		}
	}
	if (given == NULL)
		free(text);
	if (rc == -1 || jparams_int(&je->params, JP_JID) != jid) {
		/* Whatever the parser said, the entry is malformed. */
		registry_entry_free(je);
		return (jb_errx(EINVAL, "jail %d: malformed state", jid));
	}
	if (!je->alive)
		je->alive = proc_starttime(je->init_pid, &now) == 0 &&
		    now == je->init_start;
	return (0);
}

/*
 * The compiled seccomp filter a jail was created with, in *bufp (the
 * caller frees it) and *lenp; ENOENT for a jail created without one.
 */
int
registry_filter(int jid, void **bufp, size_t *lenp)
{
	char dir[32];

	snprintf(dir, sizeof(dir), "%d", jid);
	if ((*bufp = file_read(dir, FILTER_FILE, lenp)) == NULL)
		return (-1);
	return (0);
}

/*
 * A compiled seccomp filter kept under the key of its rules (a name of
 * hex digits made by confine_filter_key()), in *bufp (the caller frees
 * it) and *lenp; ENOENT when none is kept.
 */
int
registry_filter_cached(const char *key, void **bufp, size_t *lenp)
{
	if ((*bufp = file_read(FILTERS_DIR, key, lenp)) == NULL)
		return (-1);
	return (0);
}

/*
 * Keep a compiled filter under its key: written aside and renamed, so a
 * reader finds all of it or nothing.  Called under the registry lock.
 */
int
registry_filter_keep(const char *key, const void *buf, size_t len)
{
	char tmp[NAME_MAX + 1], from[PATH_MAX], to[PATH_MAX];

	if (mkdir(REGISTRY_DIR "/" FILTERS_DIR, 0700) == -1 &&
	    errno != EEXIST)
		return (jb_err(errno, "%s/%s", REGISTRY_DIR, FILTERS_DIR));
	snprintf(tmp, sizeof(tmp), ".%s", key);
	snprintf(from, sizeof(from), "%s/%s/%s", REGISTRY_DIR, FILTERS_DIR,
	    tmp);
	snprintf(to, sizeof(to), "%s/%s/%s", REGISTRY_DIR, FILTERS_DIR, key);
	/* What a create cut short left is stale: start over. */
	if (unlink(from) == -1 && errno != ENOENT)
		return (jb_err(errno, "%s", from));
	if (file_write(FILTERS_DIR, tmp, buf, len) == -1)
		return (-1);
	if (rename(from, to) == -1) {
		jb_err(errno, "%s", to);
		unlink(from);
		return (-1);
	}
	return (0);
}

/*
 * Load every entry, live or dead, in order of jid and call fn on each,
 * which must not keep it.  The live inits are known all at once (live.c);
 * an entry not among them may still live (its socket made in another
 * network namespace, whose sockets the dump does not show) and is judged
 * on its own.  An entry that cannot be loaded is skipped: removed since
 * the directory was read, or not yet published.  -1 only when the
 * registry cannot be read at all.  The params files are read from both
 * ends at once, the far end by a helper on another CPU (preload.h):
 * opening and reading a thousand of them was most of a jls over a
 * thousand jails.
 */
int
registry_each(void (*fn)(struct jail_entry *, void *), void *arg)
{
	struct live_set lv;
	struct jail_entry je;
	struct preload *pl;
	size_t k, n;
	char *text;
	int dirfd, *jids;

	if (registry_jids(&jids, &n) == -1)
		return (-1);
	/* Opened when there are entries, for the helper to read from. */
	if (n == 0 || (dirfd = open(REGISTRY_DIR, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		free(jids);
		return (n == 0 || errno == ENOENT ? 0 : jb_err(errno, "%s",
		    REGISTRY_DIR));
	}
	(void)live_read(&lv);
	hold_files(1);
	pl = preload_start(dirfd, jids, n, PARAMS_FILE, STATE_MAX);
	for (k = 0; k < n; k++) {
		text = NULL;
		if (!preload_mine(pl, k))
			text = preload_take(pl, k);
		if (entry_load(jids[k], &je, &lv, text) == -1)
			continue;
		fn(&je, arg);
		registry_entry_free(&je);
	}
	preload_end(pl);
	hold_files(0);
	close(dirfd);
	live_free(&lv);
	free(jids);
	return (0);
}

/* The jids of every entry, live or dead, in increasing order. */
int
registry_jids(int **jidsp, size_t *np)
{
	struct dirent *de;
	int *jids, *njids, jid;
	size_t n;
	DIR *d;

	*jidsp = NULL;
	*np = 0;
	if ((d = opendir(REGISTRY_DIR)) == NULL)
		return (errno == ENOENT ? 0 : jb_err(errno, "%s",
		    REGISTRY_DIR));
	jids = NULL;
	n = 0;
	while ((de = readdir(d)) != NULL) {
		if ((jid = jid_parse(de->d_name)) == 0)
			continue;
		if ((njids = reallocarray(jids, n + 1, sizeof(*jids))) ==
		    NULL) {
			free(jids);
			closedir(d);
			return (jb_err(errno, "malloc"));
		}
		jids = njids;
		jids[n++] = jid;
	}
	closedir(d);
	qsort(jids, n, sizeof(*jids), jid_cmp);
	*jidsp = jids;
	*np = n;
	return (0);
}

/*
 * Find a jail the way jail(8) and jexec(8) do: a number is a jid, anything
 * else a name, found through its link.  Dead entries are only returned
 * when asked for.
 */
int
registry_find(const char *key, struct jail_entry *je, int dead_too)
{
	int jid, found;
	char *shown;

	memset(je, 0, sizeof(*je));
	found = 0;
	if ((jid = jid_parse(key)) != 0) {
		if (registry_load(jid, je) == 0)
			found = je->alive || dead_too;
		else if (errno != ENOENT && errno != EINVAL)
			return (-1);
	} else if ((jid = name_lookup(key)) != 0) {
		if (registry_load(jid, je) == 0) {
			found = (je->alive || dead_too) &&
			    strcmp(registry_name(je), key) == 0;
			if (!found)
				registry_entry_free(je);
		} else if (errno != ENOENT && errno != EINVAL)
			return (-1);
	}
	if (found)
		return (0);
	registry_entry_free(je);
	shown = quote_vis(key);
	jb_errx(ENOENT, "jail \"%s\" not found", shown != NULL ? shown : "");
	free(shown);
	return (-1);
}

/* A jail's name: the name parameter, which create always sets. */
const char *
registry_name(const struct jail_entry *je)
{
	const char *name;

	name = jparams_str(&je->params, JP_NAME);
	return (name != NULL ? name : "");
}

void
registry_entry_free(struct jail_entry *je)
{
	jparams_free(&je->params);
}
