/*
 * Mounts made for a jail inside its own mount namespace, before it is
 * sealed by pivot_root.  Every target is opened below the jail root
 * without leaving it and mounted on through its descriptor, so nothing
 * planted in the tree can redirect a mount.
 */
#ifndef JB_MOUNT_H
#define JB_MOUNT_H

struct jparams;

/* What mount.devfs leaves the init for the console; -1: nothing. */
struct devfs {
	int	dev;	/* the jail's /dev */
	int	pts;	/* its devpts instance */
};

int	mount_check(const struct jparams *);
int	mount_needs_netns(const struct jparams *);
int	mount_jail(int, const struct jparams *, struct devfs *);
int	mount_console(const struct devfs *, int);
void	mount_devfs_close(struct devfs *);
int	mount_procfs(int);
int	mount_proc_tree(void);

#endif
