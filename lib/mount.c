#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "mount.h"
#include "nitems.h"

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

/* Cover one entry of a mounted proc; a missing entry needs nothing. */
static int
proc_cover(int procfd, const char *name, int readonly)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY | SAFE_ATTRS };
	struct stat st;
	int target, tree, rc;

	target = openat(procfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (target == -1)
		return (errno == ENOENT ? 0 : jb_err(errno, "/proc/%s", name));
	if (fstat(target, &st) == -1) {
		close(target);
		return (jb_err(errno, "/proc/%s", name));
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
		jb_err(errno, "mount.procfs: cover /proc/%s", name);
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
 * Give a jail whose root has a /proc directory a proc of the calling
 * process's PID namespace there, with what would reach the host covered.
 */
int
mount_procfs(int rootfd)
{
	int dir, tree, procfd, rc;
	size_t i;

	dir = openat(rootfd, "proc", O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dir == -1)
		return (errno == ENOENT || errno == ENOTDIR || errno == ELOOP ?
		    0 : jb_err(errno, "mount.procfs: /proc"));
	tree = mount_proc_tree();
	rc = tree == -1 || move_mount(tree, "", dir, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == -1 ? -1 : 0;
	if (rc == -1)
		jb_err(errno, "mount.procfs: /proc");
	if (tree != -1)
		close(tree);
	close(dir);
	if (rc == -1)
		return (-1);
	/* The mounted proc, not the directory under it. */
	procfd = openat(rootfd, "proc", O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (procfd == -1)
		return (jb_err(errno, "mount.procfs: /proc"));
	for (i = 0; rc == 0 && i < nitems(proc_covers); i++)
		rc = proc_cover(procfd, proc_covers[i].name,
		    proc_covers[i].readonly);
	close(procfd);
	return (rc);
}
