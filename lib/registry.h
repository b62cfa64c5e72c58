/*
 * The jail registry: one directory /run/jail/<jid>/ per jail holding its
 * parameters and the identity (pid and start time) of its init.  Entries
 * appear and disappear by rename, so a reader sees a whole entry or none,
 * and jail -m replaces a live entry's parameters by rename too;
 * an entry whose init is gone is dead and is cleared under the lock by
 * the next operation that takes it.  The live jails are known all at
 * once (live.h); each name is a symbolic link in
 * /run/jail/.names to its jid, a hint checked against the entry.  The
 * entry also keeps the jail's seccomp filter, compiled once.
 */
#ifndef JB_REGISTRY_H
#define JB_REGISTRY_H

#include <sys/types.h>

#include "live.h"
#include "param.h"

#define REGISTRY_DIR	"/run/jail"

struct jail_entry {
	int			 jid;
	pid_t			 init_pid;
	unsigned long long	 init_start;
	int			 alive;
	struct jparams		 params;
};

int	registry_lock(void);
void	registry_unlock(int);
int	registry_reap(int);
int	registry_alloc(const struct jparams *, int, int, int *);
int	registry_prepare(int);
void	registry_discard(int);
int	registry_control_path(int, int, char *, size_t);
int	registry_control_connect(int);
int	registry_stage(int, const struct jparams *, pid_t,
	    unsigned long long, const void *, size_t);
int	registry_publish(int, const char *);
int	registry_filter(int, void **, size_t *);
int	registry_filter_cached(const char *, void **, size_t *);
int	registry_filter_keep(const char *, const void *, size_t);
int	registry_stage_params(int, const struct jparams *);
int	registry_commit_params(int);
void	registry_unstage_params(int);
int	registry_remove(int, const char *);
int	registry_load(int, struct jail_entry *);
int	registry_load_live(int, struct jail_entry *,
	    const struct live_set *);
int	registry_name_link(int, const char *);
void	registry_name_unlink(int, const char *);
int	registry_find(const char *, struct jail_entry *, int);
int	registry_each(void (*)(struct jail_entry *, void *), void *);
int	registry_jids(int **, size_t *);
void	registry_entry_free(struct jail_entry *);
int	registry_name_check(const char *, int);
const char *registry_name(const struct jail_entry *);

#endif
