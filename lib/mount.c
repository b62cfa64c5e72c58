#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include <linux/openat2.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "errmsg.h"
#include "mount.h"
#include "nitems.h"
#include "param.h"

#define SAFE_ATTRS	(MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | \
			 MOUNT_ATTR_NOEXEC)

/*
 * What of a jail's /proc reaches past the jail: masked entries are
 * covered (a file by /dev/null, a directory by an empty file system),
 * read-only ones are covered by a read-only copy of themselves.
 */
static const struct {
	const char	*name;
	int		 readonly;
} proc_covers[] = {
	{ "acpi",		0 },
	{ "asound",		0 },
	{ "interrupts",		0 },
	{ "kcore",		0 },
	{ "key-users",		0 },
	{ "keys",		0 },
	{ "kmsg",		0 },
	{ "latency_stats",	0 },
	{ "sched_debug",	0 },
	{ "scsi",		0 },
	{ "timer_list",		0 },
	{ "bus",		1 },
	{ "fs",			1 },
	{ "irq",		1 },
	{ "sys",		1 },
	{ "sysrq-trigger",	1 },
};

/* A detached, read-only, empty tmpfs: what covers a masked directory. */
static int
empty_tree(void)
{
	int fs, tree;

	if ((fs = fsopen("tmpfs", FSOPEN_CLOEXEC)) == -1)
		return (-1);
	tree = -1;
	if (fsconfig(fs, FSCONFIG_SET_STRING, "size", "4k", 0) == 0 &&
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		tree = fsmount(fs, FSMOUNT_CLOEXEC,
		    MOUNT_ATTR_RDONLY | SAFE_ATTRS);
	close(fs);
	return (tree);
}

/*
 * Cover one entry of a mounted proc or sysfs (what names it in messages);
 * a missing entry needs nothing.
 */
static int
cover_entry(int dirfd, const char *what, const char *name, int readonly)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY | SAFE_ATTRS };
	struct stat st;
	int target, tree, rc;

	target = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (target == -1)
		return (errno == ENOENT ? 0 : jb_err(errno, "%s/%s", what,
		    name));
	if (fstat(target, &st) == -1) {
		close(target);
		return (jb_err(errno, "%s/%s", what, name));
	}
	if (readonly)
		tree = open_tree(target, "", OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | AT_RECURSIVE);
	else if (S_ISDIR(st.st_mode))
		tree = empty_tree();
	else
		tree = open_tree(AT_FDCWD, "/dev/null", OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC);
	rc = tree == -1 ||
	    mount_setattr(tree, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr,
	    sizeof(attr)) == -1 ||
	    move_mount(tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH |
	    MOVE_MOUNT_T_EMPTY_PATH) == -1 ? -1 : 0;
	if (rc == -1)
		jb_err(errno, "cover %s/%s", what, name);
	if (tree != -1)
		close(tree);
	close(target);
	return (rc);
}

/*
 * A proc of the calling process's PID namespace, detached: attached to
 * nothing, visible to no one, for the init to look at its jail's
 * processes through even when the jail has no /proc.
 */
int
mount_proc_tree(void)
{
	int fs, tree;

	if ((fs = fsopen("proc", FSOPEN_CLOEXEC)) == -1)
		return (jb_err(errno, "proc"));
	tree = -1;
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		tree = fsmount(fs, FSMOUNT_CLOEXEC, SAFE_ATTRS);
	if (tree == -1)
		jb_err(errno, "proc");
	close(fs);
	return (tree);
}

/*
 * Mount proc on target, an O_PATH descriptor below the jail root, with
 * what would reach the host covered; what names it in messages.
 */
static int
proc_at(int target, const char *what, unsigned attrs)
{
	struct mount_attr attr = { .attr_set = attrs };
	int tree, rc;
	size_t i;

	if ((tree = mount_proc_tree()) == -1)
		return (-1);
	rc = (attrs != 0 && mount_setattr(tree, "", AT_EMPTY_PATH, &attr,
	    sizeof(attr)) == -1) || move_mount(tree, "", target, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1 ? -1 : 0;
	if (rc == -1)
		jb_err(errno, "%s", what);
	/* The tree is the mounted proc now: cover what is in it. */
	for (i = 0; rc == 0 && i < nitems(proc_covers); i++)
		rc = cover_entry(tree, what, proc_covers[i].name,
		    proc_covers[i].readonly);
	close(tree);
	return (rc);
}

/*
 * Give a jail whose root has a /proc directory a proc of the calling
 * process's PID namespace there, with what would reach the host covered.
 */
int
mount_procfs(int rootfd)
{
	int dir, rc;

	dir = openat(rootfd, "proc", O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dir == -1)
		return (errno == ENOENT || errno == ENOTDIR || errno == ELOOP ?
		    0 : jb_err(errno, "mount.procfs: /proc"));
	rc = proc_at(dir, "mount.procfs: /proc", 0);
	close(dir);
	return (rc);
}

/* A read-only sysfs of the jail's network namespace, firmware masked. */
static int
sysfs_at(int target, const char *what)
{
	int fs, tree, rc;

	if ((fs = fsopen("sysfs", FSOPEN_CLOEXEC)) == -1)
		return (jb_err(errno, "%s", what));
	tree = -1;
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		tree = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY |
		    SAFE_ATTRS);
	close(fs);
	rc = tree == -1 || move_mount(tree, "", target, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1 ? -1 : 0;
	if (rc == -1)
		jb_err(errno, "%s", what);
	else
		rc = cover_entry(tree, what, "firmware", 0);
	if (tree != -1)
		close(tree);
	return (rc);
}

/*
 * Open path below the jail root, never leaving it: absolute symbolic
 * links and ".." stop at the root, magic links of /proc are refused.
 */
static int
open_in_root(int rootfd, const char *path, int flags)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	while (*path == '/')
		path++;
	return ((int)syscall(SYS_openat2, rootfd, *path == '\0' ? "." : path,
	    &how, sizeof(how)));
}

/*
 * The gid of the group tty in the jail's /etc/group, for its terminals;
 * 5, Linux's usual one, when it cannot be found.  The file is the jail's:
 * opened inside its root, a regular file only, read bounded.
 */
static gid_t
tty_gid(int rootfd)
{
	char buf[65536], *line, *last, *end;
	unsigned long gid;
	struct stat st;
	ssize_t n;
	int fd;

	fd = open_in_root(rootfd, "etc/group", O_RDONLY | O_NONBLOCK |
	    O_NOCTTY);
	if (fd == -1)
		return (5);
	n = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (5);
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last)) {
		/* tty:PASSWORD:GID:MEMBERS */
		if (strncmp(line, "tty:", 4) != 0 ||
		    (line = strchr(line + 4, ':')) == NULL)
			continue;
		errno = 0;
		gid = strtoul(line + 1, &end, 10);
		if (errno == 0 && end != line + 1 && *end == ':' &&
		    gid < 65536)
			return ((gid_t)gid);
	}
	return (5);
}

/* A new file system of type, configured by key=value pairs, detached. */
static int
new_fs(const char *type, const char *const *opts, size_t nopts,
    unsigned attrs)
{
	int fs, tree, saved;
	size_t i;

	if ((fs = fsopen(type, FSOPEN_CLOEXEC)) == -1)
		return (-1);
	tree = -1;
	for (i = 0; i + 1 < nopts; i += 2)
		if (opts[i + 1] != NULL && fsconfig(fs, FSCONFIG_SET_STRING,
		    opts[i], opts[i + 1], 0) == -1)
			break;
	if (i + 1 >= nopts && fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL,
	    0) == 0)
		tree = fsmount(fs, FSMOUNT_CLOEXEC, attrs);
	saved = errno;
	close(fs);
	errno = saved;
	return (tree);
}

/* The devices of FreeBSD's ruleset 4 that Linux has, and the links. */
static const struct {
	const char	*name;
	unsigned	 major, minor;
} devfs_nodes[] = {
	{ "null",	1, 3 },
	{ "zero",	1, 5 },
	{ "full",	1, 7 },
	{ "random",	1, 8 },
	{ "urandom",	1, 9 },
	{ "tty",	5, 0 },
};

static const struct {
	const char	*name;
	const char	*to;
} devfs_links[] = {
	{ "fd",		"/proc/self/fd" },
	{ "stdin",	"fd/0" },
	{ "stdout",	"fd/1" },
	{ "stderr",	"fd/2" },
	{ "ptmx",	"pts/ptmx" },
};

/*
 * Build a /dev on target: a tmpfs of its own (nosuid, noexec, but not
 * nodev) holding only the devices of devfs_nodes, made here rather than
 * bound from the host so that nothing done to them in the jail reaches
 * the host's; a devpts instance of the jail's own on pts, and a tmpfs on
 * shm.  dv keeps the /dev and the devpts for the console.
 */
static int
devfs_at(int rootfd, int target, const char *what, struct devfs *dv)
{
	char gid[16];
	const char *devopts[] = { "mode", "0755", "size", "1m",
	    "nr_inodes", "4096" };
	const char *ptsopts[] = { "ptmxmode", "0666", "mode", "0620",
	    "gid", gid };
	const char *shmopts[] = { "mode", "1777" };
	int dev, pts, shm, dir, failed;
	size_t i;

	dv->dev = dv->pts = -1;
	snprintf(gid, sizeof(gid), "%u", (unsigned)tty_gid(rootfd));
	dev = new_fs("tmpfs", devopts, nitems(devopts),
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC);
	if (dev == -1 || move_mount(dev, "", target, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1) {
		jb_err(errno, "%s", what);
		goto fail;
	}
	/* Attached now: dev is the jail's /dev. */
	for (i = 0; i < nitems(devfs_nodes); i++)
		if (mknodat(dev, devfs_nodes[i].name, S_IFCHR | 0666,
		    makedev(devfs_nodes[i].major, devfs_nodes[i].minor)) ==
		    -1 || fchmodat(dev, devfs_nodes[i].name, 0666, 0) == -1) {
			jb_err(errno, "%s/%s", what, devfs_nodes[i].name);
			goto fail;
		}
	for (i = 0; i < nitems(devfs_links); i++)
		if (symlinkat(devfs_links[i].to, dev, devfs_links[i].name) ==
		    -1) {
			jb_err(errno, "%s/%s", what, devfs_links[i].name);
			goto fail;
		}
	if (mkdirat(dev, "pts", 0755) == -1 || mkdirat(dev, "shm", 0) == -1 ||
	    fchmodat(dev, "shm", 01777, 0) == -1) {
		jb_err(errno, "%s", what);
		goto fail;
	}
	pts = new_fs("devpts", ptsopts, nitems(ptsopts),
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC);
	dir = openat(dev, "pts", O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (pts == -1 || dir == -1 || move_mount(pts, "", dir, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1) {
		jb_err(errno, "%s/pts", what);
		if (pts != -1)
			close(pts);
		if (dir != -1)
			close(dir);
		goto fail;
	}
	close(dir);
	dv->pts = pts;
	shm = new_fs("tmpfs", shmopts, nitems(shmopts), SAFE_ATTRS);
	dir = openat(dev, "shm", O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	failed = shm == -1 || dir == -1 || move_mount(shm, "", dir, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1;
	if (failed)
		jb_err(errno, "%s/shm", what);
	if (shm != -1)
		close(shm);
	if (dir != -1)
		close(dir);
	if (failed)
		goto fail;
	dv->dev = dev;
	return (0);
fail:
	if (dev != -1)
		close(dev);
	if (dv->pts != -1)
		close(dv->pts);
	dv->pts = -1;
	return (-1);
}

/*
 * mount.devfs: the jail's root must have a /dev directory (followed only
 * inside the root) to build it on.
 */
static int
mount_devfs(int rootfd, struct devfs *dv)
{
	int dir, rc;

	dir = open_in_root(rootfd, "dev", O_PATH | O_DIRECTORY);
	if (dir == -1)
		return (jb_err(errno, "mount.devfs: /dev"));
	rc = devfs_at(rootfd, dir, "mount.devfs: /dev", dv);
	close(dir);
	return (rc);
}

/*
 * mount.fdescfs: Linux's file descriptor file system is /proc/self/fd,
 * so /dev/fd is a link to it, made in the jail's /dev (a devfs of
 * mount.devfs already has it).  A /dev/fd that is anything else is
 * left alone, and refused.
 */
static int
mount_fdescfs(int rootfd, const char *what)
{
	char buf[32];
	ssize_t n;
	int dir, rc;

	if ((dir = open_in_root(rootfd, "dev", O_PATH | O_DIRECTORY)) == -1)
		return (jb_err(errno, "%s: /dev", what));
	rc = symlinkat("/proc/self/fd", dir, "fd");
	if (rc == -1 && errno == EEXIST) {
		n = readlinkat(dir, "fd", buf, sizeof(buf));
		if (n == 13 && memcmp(buf, "/proc/self/fd", 13) == 0)
			rc = 0;
		else
			errno = EEXIST;
	}
	if (rc == -1)
		jb_err(errno, "%s: /dev/fd", what);
	close(dir);
	return (rc);
}

/* ---- mount and mount.fstab ---- */

enum fstype { FS_NULLFS, FS_TMPFS, FS_PROCFS, FS_SYSFS, FS_DEVFS,
    FS_FDESCFS };

/* FreeBSD's file system types, and the few Linux names, jailbox mounts. */
static const struct {
	const char	*name;
	enum fstype	 type;
} fstab_types[] = {
	{ "nullfs",	FS_NULLFS },
	{ "bind",	FS_NULLFS },
	{ "tmpfs",	FS_TMPFS },
	{ "procfs",	FS_PROCFS },
	{ "linprocfs",	FS_PROCFS },
	{ "proc",	FS_PROCFS },
	{ "linsysfs",	FS_SYSFS },
	{ "sysfs",	FS_SYSFS },
	{ "devfs",	FS_DEVFS },
	{ "fdescfs",	FS_FDESCFS },
};

/* One fstab(5) line, its fields pointing into line. */
struct fstab_entry {
	char		 line[PATH_MAX * 2 + 256];
	char		*src, *target, *type, *opts;
	enum fstype	 fs;
	unsigned	 attr_set, attr_clr;
	const char	*size, *mode;
};

/* Undo fstab(5)'s octal escapes (\040 for a space) in place. */
static void
fstab_unescape(char *s)
{
	char *d;

	for (d = s; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7' &&
		    (s[1] != '0' || s[2] != '0' || s[3] != '0')) {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 3;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/* The options of a line: the mount flags, and tmpfs's size and mode. */
static int
fstab_options(struct fstab_entry *fe)
{
	char *o, *next;

	for (o = fe->opts; o != NULL; o = next) {
		if ((next = strchr(o, ',')) != NULL)
			*next++ = '\0';
		if (strcmp(o, "rw") == 0 || strcmp(o, "defaults") == 0) {
			fe->attr_clr |= MOUNT_ATTR_RDONLY;
			fe->attr_set &= ~MOUNT_ATTR_RDONLY;
		} else if (strcmp(o, "ro") == 0) {
			fe->attr_set |= MOUNT_ATTR_RDONLY;
			fe->attr_clr &= ~MOUNT_ATTR_RDONLY;
		} else if (strcmp(o, "nosuid") == 0)
			fe->attr_set |= MOUNT_ATTR_NOSUID;
		else if (strcmp(o, "noexec") == 0)
			fe->attr_set |= MOUNT_ATTR_NOEXEC;
		else if (strcmp(o, "noatime") == 0) {
			fe->attr_set |= MOUNT_ATTR_NOATIME;
			fe->attr_clr |= MOUNT_ATTR__ATIME;
		} else if (strcmp(o, "nodev") == 0 || strcmp(o, "late") == 0 ||
		    *o == '\0')
			;	/* nodev always; late: jail(8) mounts then */
		else if (fe->fs == FS_TMPFS && strncmp(o, "size=", 5) == 0)
			fe->size = o + 5;
		else if (fe->fs == FS_TMPFS && strncmp(o, "mode=", 5) == 0)
			fe->mode = o + 5;
		else
			return (jb_errx(EINVAL, "%s: unknown option", o));
	}
	return (0);
}

/*
 * Parse one fstab(5) line: SOURCE TARGET TYPE [OPTIONS [DUMP [PASS]]],
 * TARGET a host path below the jail's path, kept relative to it.  A blank
 * line or a comment leaves fe->type NULL.
 */
static int
fstab_parse(const char *line, const char *path, struct fstab_entry *fe)
{
	char *field[6], *p;
	size_t n, i, plen;

	memset(fe, 0, sizeof(*fe));
	if (strlen(line) >= sizeof(fe->line))
		return (jb_errx(ENAMETOOLONG, "line too long"));
	strcpy(fe->line, line);
	if (fe->line[strspn(fe->line, " \t")] == '#')
		return (0);
	for (n = 0, p = strtok(fe->line, " \t\r\n"); p != NULL && n < 6;
	    p = strtok(NULL, " \t\r\n"))
		field[n++] = p;
	if (n == 0)
		return (0);
	if (n < 3 || p != NULL)
		return (jb_errx(EINVAL, "not SOURCE TARGET TYPE [OPTIONS "
		    "[DUMP [PASS]]]"));
	fe->src = field[0];
	fe->target = field[1];
	fe->type = field[2];
	fe->opts = n > 3 ? field[3] : NULL;
	fstab_unescape(fe->src);
	fstab_unescape(fe->target);
	for (i = 0; i < nitems(fstab_types); i++)
		if (strcmp(fe->type, fstab_types[i].name) == 0)
			break;
	if (i == nitems(fstab_types))
		return (jb_errx(ENOTSUP, "%s: not supported on Linux",
		    fe->type));
	fe->fs = fstab_types[i].type;
	if (fstab_options(fe) == -1)
		return (-1);
	plen = strcmp(path, "/") == 0 ? 0 : strlen(path);
	if (strncmp(fe->target, path, plen) != 0 ||
	    fe->target[plen] != '/')
		return (jb_errx(EINVAL, "%s: not below the jail's path %s",
		    fe->target, path));
	for (p = fe->target + plen; *p == '/'; p++)
		;
	if (*p == '\0')
		return (jb_errx(EINVAL, "%s: the jail's root itself",
		    fe->target));
	fe->target = p;
	if (fe->fs == FS_FDESCFS && strcmp(p, "dev/fd") != 0)
		return (jb_errx(ENOTSUP, "fdescfs: only on the jail's /dev/fd "
		    "on Linux"));
	if (fe->fs == FS_NULLFS && *fe->src != '/')
		return (jb_errx(EINVAL, "%s: not an absolute path", fe->src));
	return (0);
}

/*
 * Make the mount of one parsed line.  The target is opened inside the
 * root, and must not be the root itself: a link planted in the tree
 * cannot send it anywhere else.  Every mount is nodev.
 */
static int
fstab_mount(int rootfd, struct fstab_entry *fe)
{
	struct mount_attr attr;
	const char *tmpopts[4];
	struct devfs dv;
	struct stat st, rst;
	int target, tree, rc;

	if (fe->fs == FS_FDESCFS)
		return (mount_fdescfs(rootfd, "fdescfs"));
	target = open_in_root(rootfd, fe->target, O_PATH);
	if (target == -1)
		return (jb_err(errno, "/%s", fe->target));
	if (fstat(target, &st) == -1 || fstat(rootfd, &rst) == -1) {
		close(target);
		return (jb_err(errno, "/%s", fe->target));
	}
	if (st.st_dev == rst.st_dev && st.st_ino == rst.st_ino) {
		close(target);
		return (jb_errx(EINVAL, "/%s: resolves to the jail's root",
		    fe->target));
	}
	memset(&attr, 0, sizeof(attr));
	attr.attr_set = fe->attr_set | MOUNT_ATTR_NODEV;
	attr.attr_clr = fe->attr_clr;
	tree = -1;
	switch (fe->fs) {
	case FS_NULLFS:
		tree = open_tree(AT_FDCWD, fe->src, OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC);
		if (tree == -1) {
			close(target);
			return (jb_err(errno, "%s", fe->src));
		}
		break;
	case FS_TMPFS:
		tmpopts[0] = "size";
		tmpopts[1] = fe->size;
		tmpopts[2] = "mode";
		tmpopts[3] = fe->mode;
		tree = new_fs("tmpfs", tmpopts, nitems(tmpopts), 0);
		break;
	case FS_PROCFS:
		rc = proc_at(target, "procfs", attr.attr_set);
		close(target);
		return (rc);
	case FS_SYSFS:
		rc = sysfs_at(target, "linsysfs");
		close(target);
		return (rc);
	case FS_DEVFS:
		rc = devfs_at(rootfd, target, "devfs", &dv);
		if (rc == 0) {
			close(dv.dev);
			close(dv.pts);
		}
		close(target);
		return (rc);
	case FS_FDESCFS:
		break;
	}
	rc = tree == -1 || mount_setattr(tree, "", AT_EMPTY_PATH, &attr,
	    sizeof(attr)) == -1 || move_mount(tree, "", target, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1 ? -1 : 0;
	if (rc == -1)
		jb_err(errno, "/%s", fe->target);
	if (tree != -1)
		close(tree);
	close(target);
	return (rc);
}

/*
 * Parse, and with a root mount, one line; where names it in messages
 * ("mount" or "mount.fstab: FILE: line N").
 */
static int
fstab_line(int rootfd, const char *path, const char *line, const char *where)
{
	char msg[JB_ERRMSG_LEN];
	struct fstab_entry *fe;
	int rc, saved;

	if ((fe = malloc(sizeof(*fe))) == NULL)
		return (jb_err(errno, "%s", where));
	rc = fstab_parse(line, path, fe);
	if (rc == 0 && fe->type != NULL && rootfd != -1)
		rc = fstab_mount(rootfd, fe);
	free(fe);
	if (rc == -1) {
		saved = errno;
		snprintf(msg, sizeof(msg), "%s", jb_errmsg);
		return (jb_errx(saved, "%s: %s", where, msg));
	}
	return (0);
}

/* Every line of a mount.fstab file, which is the host's: bounded. */
static int
fstab_file(int rootfd, const char *path, const char *file)
{
	char where[PATH_MAX + 64], *line;
	size_t cap, lineno;
	ssize_t len;
	FILE *fp;
	int rc;

	if ((fp = fopen(file, "re")) == NULL)
		return (jb_err(errno, "mount.fstab: %s", file));
	line = NULL;
	cap = 0;
	rc = 0;
	for (lineno = 1; rc == 0 && (len = getline(&line, &cap, fp)) != -1;
	    lineno++) {
		snprintf(where, sizeof(where), "mount.fstab: %s: line %zu",
		    file, lineno);
		if (lineno > 10000)
			rc = jb_errx(EFBIG, "%s: too many lines", where);
		else
			rc = fstab_line(rootfd, path, line, where);
	}
	free(line);
	fclose(fp);
	return (rc);
}

/*
 * The mounts of mount and mount.fstab, in that order (jail(8)'s): with
 * rootfd -1 only checked.
 */
static int
mount_fstab(int rootfd, const struct jparams *jp)
{
	const struct jpvalue *v;
	const char *path;
	size_t i;

	path = jparams_str(jp, JP_PATH);
	v = &jp->v[JP_MOUNT];
	for (i = 0; i < v->nitems; i++)
		if (fstab_line(rootfd, path, v->items[i], "mount") == -1)
			return (-1);
	v = &jp->v[JP_MOUNT_FSTAB];
	for (i = 0; i < v->nitems; i++)
		if (*v->items[i] != '\0' &&
		    fstab_file(rootfd, path, v->items[i]) == -1)
			return (-1);
	return (0);
}

/*
 * Check the mount parameters before anything is made: every fstab line
 * parses and names a type jailbox mounts, and devfs_ruleset is one whose
 * devices mount.devfs gives (0 and 4 alike, as on FreeBSD).
 */
int
mount_check(const struct jparams *jp)
{
	long long rs;

	rs = jparams_int(jp, JP_DEVFS_RULESET);
	if (rs != 0 && rs != 4)
		return (jb_errx(ENOTSUP, "devfs_ruleset: %lld: not supported "
		    "on Linux", rs));
	return (mount_fstab(-1, jp));
}

/*
 * Whether the mounts must be made in the jail's network namespace: a
 * sysfs shows the interfaces of its mounter's, and any line of mount or
 * mount.fstab may be one.
 */
int
mount_needs_netns(const struct jparams *jp)
{
	return (jp->v[JP_MOUNT].nitems > 0 ||
	    jp->v[JP_MOUNT_FSTAB].nitems > 0);
}

/*
 * The jail's own mounts, in jail(8)'s order: mount, mount.fstab,
 * mount.devfs, mount.fdescfs, mount.procfs.  dv keeps the devfs.
 */
int
mount_jail(int rootfd, const struct jparams *jp, struct devfs *dv)
{
	dv->dev = dv->pts = -1;
	if (mount_fstab(rootfd, jp) == -1)
		return (-1);
	if (jparams_bool(jp, JP_MOUNT_DEVFS) && mount_devfs(rootfd, dv) == -1)
		return (-1);
	if (jparams_bool(jp, JP_MOUNT_FDESCFS) &&
	    mount_fdescfs(rootfd, "mount.fdescfs") == -1)
		return (-1);
	if (jparams_bool(jp, JP_MOUNT_PROCFS) && mount_procfs(rootfd) == -1)
		return (-1);
	return (0);
}

/*
 * The console of a jail with a devfs is /dev/console: a link to its
 * pseudo-terminal, pts/N of the jail's devpts instance.
 */
int
mount_console(const struct devfs *dv, int master)
{
	char to[32];
	int n;

	if (dv->dev == -1)
		return (0);
	if (ioctl(master, TIOCGPTN, &n) == -1)
		return (jb_err(errno, "console"));
	snprintf(to, sizeof(to), "pts/%d", n);
	if (symlinkat(to, dv->dev, "console") == -1)
		return (jb_err(errno, "console: /dev/console"));
	return (0);
}

void
mount_devfs_close(struct devfs *dv)
{
	if (dv->dev != -1)
		close(dv->dev);
	if (dv->pts != -1)
		close(dv->pts);
	dv->dev = dv->pts = -1;
}
