/*
 * The life of a jail: create it, run a command in it, change it while it
 * runs, take it down.
 * These are the operations the applets compose; each returns -1 with
 * jb_errmsg set on failure and leaves nothing half-made behind.
 */
#ifndef JB_JAIL_H
#define JB_JAIL_H

#include "param.h"
#include "registry.h"

int	jail_create(struct jparams *, struct jail_entry *);
int	jail_run(const struct jail_entry *, char *const [], int *);
int	jail_modify_check(const struct jail_entry *, const struct jparams *);
int	jail_modify_needs_restart(const struct jail_entry *,
	    const struct jparams *);
int	jail_modify(struct jail_entry *, const struct jparams *);
int	jail_remove(const struct jail_entry *, int);
int	jail_release(const struct jail_entry *);
int	jail_release_held(const struct jail_entry *);
pid_t	jail_console_spawn(const struct jparams *, char *const [], int, int);
int	jail_console_terminal(const struct jail_entry *);
int	jail_console_start(const struct jail_entry *);

/* The init of a jail, entered in the child that create() clones. */
struct jail_setup {
	const struct jparams	*params;
	int			 readyfd;	/* report: "" or a message; the
						   network namespace comes on it */
	int			 ctlfd;		/* listening control socket */
	int			 markfd;	/* its live name (live.c) */
};

void	jail_init(const struct jail_setup *) __attribute__((noreturn));

#endif
