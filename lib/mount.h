/*
 * Mounts made for a jail inside its own mount namespace, before it is
 * sealed by pivot_root.  Every target is opened below the jail root
 * without following symbolic links and mounted on through its
 * descriptor, so nothing planted in the tree can redirect a mount.
 */
#ifndef JB_MOUNT_H
#define JB_MOUNT_H

int	mount_procfs(int);
int	mount_proc_tree(void);

#endif
