/*
 * Command lines of jail(8)'s configuration: how a string becomes the
 * argument vector that is executed, and running it, on the host or in a
 * jail, in the environment jail(8) gives its commands.
 */
#ifndef JB_RUN_H
#define JB_RUN_H

struct jail_entry;

struct run_spec {
	char *const		*argv;
	const struct jail_entry	*jail;		/* NULL: on the host */
	int			 bg;		/* not waited for */
	int			 timeout;	/* seconds; 0: none */
	int			 logfd;		/* stdout and stderr; -1: ours */
	int			 ttyfd;		/* in the jail: its console, as
						   stdio and controlling
						   terminal; -1: none */
	int			 clean;		/* exec.clean */
	const char		*user;		/* run as; NULL: root */
	int			 user_in_jail;	/* looked up in the jail */
	int			 jid;		/* for JID, JNAME, JPATH */
	const char		*name;
	const char		*path;
};

int	run_argv(const char *, char ***, int *);
void	run_argv_free(char **);
int	run_command(const struct run_spec *, int *);
int	run_log_open(const char *, const char *);

#endif
