/*
 * What a command entering a jail runs as and with: the richer form of
 * jail_run(), for jexec's options and for jail(8)'s exec.jail_user,
 * exec.system_user and exec.clean.
 */
#ifndef JB_ENTER_H
#define JB_ENTER_H

#include <sys/types.h>

#include <linux/filter.h>

#include "registry.h"
#include "user.h"

struct jail_exec {
	char *const	*argv;		/* NULL: $SHELL -i, or /bin/sh -i */
	char *const	*envp;		/* NULL: the caller's environment */
	char *const	*env_add;	/* "name=value", set last; or NULL */
	const char	*user;		/* name or uid; NULL: stay root */
	int		 user_in_jail;	/* look user up in the jail's /etc */
	const char	*dir;		/* NULL: /, or the user's home if
					   clean_env and user are given */
	int		 clean_env;	/* keep TERM only; set HOME, SHELL,
					   USER from the user (root if none),
					   PATH=/bin:/usr/bin */
	int		 ctty;		/* lead a session of its own whose
					   controlling terminal is stdin */
	int		 die_with_parent; /* killed when its parent dies,
					   as if the parent were it */
};

/*
 * The way into a running jail, opened by the parent of the command that
 * will go in: see enter.c.
 */
struct enter_door {
	const struct jparams	*params;
	const struct jail_exec	*ex;
	struct jb_user		 user;		/* found on the host ... */
	int			 found;		/* ... if this is set */
	struct sock_fprog	 filter;	/* compiled, or none */
	int			 pidfd;		/* the jail's init */
	int			 cgfd;		/* its cgroup */
	int			 ctlfd;		/* connected to its control */
	int			 selffd;	/* a pidfd of the caller */
};

int	jail_run_as(const struct jail_entry *, const struct jail_exec *,
	    int *);
void	enter_init(struct enter_door *, const struct jparams *,
	    const struct jail_exec *);
int	enter_open(const struct jail_entry *, const struct jail_exec *,
	    struct enter_door *);
pid_t	enter_fork(struct enter_door *, int (*)(void *), void *);
void	enter_exec(const struct enter_door *, int) __attribute__((noreturn));
void	enter_close(struct enter_door *);
int	enter_become(const struct jb_user *);

#endif
