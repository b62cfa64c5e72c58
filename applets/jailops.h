/*
 * The inside of jail(8): a run is a set of jobs, one per jail, each to
 * create, modify or remove that jail.  jail.c turns arguments into a run,
 * jailplan.c decides which jails it touches and in what order, and
 * jailrun.c carries it out.
 */
#ifndef JB_JAILOPS_H
#define JB_JAILOPS_H

#include <sys/types.h>

#include <stdio.h>

#include "../lib/conf.h"

struct jail_entry;

#define OP_CREATE	0x01	/* -c */
#define OP_REMOVE	0x02	/* -r, -R */
#define OP_MODIFY	0x04	/* -m */

#define NOTE_QUIET	0x01	/* -q */
#define NOTE_VERBOSE	0x02	/* -v */
#define NOTE_REMOVE	0x04	/* "removed" notes without -v */

/* What one jail of this run is waiting for or has come to. */
enum job_state {
	JOB_IDLE,	/* not part of this run */
	JOB_WAITING,
	JOB_RUNNING,
	JOB_DONE,
	JOB_FAILED
};

struct job {
	struct conf_jail	*cj;		/* its parameters */
	const char		*name;		/* for notes; NULL: none */
	char			*label;		/* a running jail's name */
	int			 op;
	int			 needed;	/* only as a dependency */
	int			 wild;		/* named by a wildcard or all */
	int			 jid;		/* remove: the running jail */
	size_t			*after;		/* jobs that go first */
	size_t			 nafter;
	enum job_state		 state;
	pid_t			 pid;
	struct conf_jail	 merged;	/* -mr: what it restarts with */
};

/* A command line to run in a jail, and how messages show it. */
struct command {
	char	**argv;
	char	 *shown;
	int	  owned;	/* argv is ours to free */
	int	  bg;		/* a trailing "&": not waited for */
};

struct run {
	struct job	*jobs;
	size_t		 njobs;
	int		 notes;
	int		 iflag;
	int		 cleanup;	/* -C: a removed jail's last steps */
	int		 oldcl;		/* the positional form */
	long		 paralimit;	/* -p; 0: no limit */
	FILE		*jidfile;	/* -J */
};


/* jail.c */
void	jail_warnx(const char *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	jail_notfound(const char *);
char	*command_string(char *const []);
void	print_jail(FILE *, const struct conf_jail *, int, const char *);
void	print_jail_old(FILE *, const struct conf_jail *, int);

/* jailplan.c */
const char *job_label(const struct job *);
size_t	job_add(struct run *, struct conf_jail *, const char *, int);
int	plan_create(struct run *, struct conf *, const char *, int);
int	plan_remove(struct run *, struct conf *, int, char **);

/* jailrun.c */
int	schedule(struct run *);

#endif
