/*
 * What a command entering a jail runs as and with: the richer form of
 * jail_run(), for jexec's options and for jail(8)'s exec.jail_user,
 * exec.system_user and exec.clean.
 */
#ifndef JB_ENTER_H
#define JB_ENTER_H

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
};

int	jail_run_as(const struct jail_entry *, const struct jail_exec *,
	    int *);
int	enter_become(const struct jb_user *);

#endif
