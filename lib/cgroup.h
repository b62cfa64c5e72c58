/*
 * The jail's cgroup: <cgroup2 mount>/jailbox/<jid>.  Every process of a
 * jail lives in it, which is how jailbox counts and signals them; the
 * jail's cgroup namespace is rooted there.
 */
#ifndef JB_CGROUP_H
#define JB_CGROUP_H

#include <sys/types.h>

int	cgroup_create(int);
int	cgroup_open(int);
int	cgroup_procs(int, pid_t **, size_t *);
int	cgroup_destroy(int);

#endif
