/*
 * jail(8): create and remove jails from parameters on the command line or
 * from jail.conf(5), and show what a configuration file defines.
 *
 * Every way of naming a jail — name=value arguments, the options that
 * stand for parameters, the backward-compatible positional form and the
 * configuration file — ends as a conf_jail, a list of parameters in
 * order; the operations read only that.  Jails are then run through one
 * scheduler that honours "depend" and -p.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/conf.h"
#include "../lib/depend.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/nitems.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"
#include "../lib/run.h"

#define CONF_FILE	"/etc/jail.conf"

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
};

struct run {
	struct job	*jobs;
	size_t		 njobs;
	int		 notes;
	int		 iflag;
	int		 oldcl;		/* the positional form */
	long		 paralimit;	/* -p; 0: no limit */
	FILE		*jidfile;	/* -J */
};

static void	usage(void) __attribute__((noreturn));
static void	jail_warnx(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	jail_notfound(const char *);
static void	report_conf_errors(struct conf_jail *);
static void	add_arg(struct conf_jail *, const char *);
static void	add_split(struct conf_jail *, const char *, const char *);
static void	parse_positional(struct conf_jail *, int, char **);
static void	parse_params(struct conf_jail *, int, char **);
static char	*command_string(char *const []);
static void	print_param(FILE *, const struct conf_param *, int);
static void	print_jail(FILE *, const struct conf_jail *, int, int);
static void	print_values(FILE *, const struct conf_jail *, const char *,
		    int);
static void	print_jail_old(FILE *, const struct conf_jail *, int);
static int	show_conf(const char *, const char *);
static struct conf *load_conf(const char *);
static const char *job_label(const struct job *);
static size_t	job_add(struct run *, struct conf_jail *, const char *, int);
static int	plan_create(struct run *, struct conf *, const char *, int);
static long	conf_index(const struct conf *, const struct jail_entry *);
static int	plan_remove(struct run *, struct conf *, int, char **);
static void	job_target(struct run *, struct conf *,
		    const struct jail_entry *, int);
static void	plan_order(struct run *, struct depgraph *);
static int	job_ready(const struct run *, const struct job *);
static int	schedule(struct run *);
static int	job_start(struct run *, struct job *);
static int	create_job(struct run *, struct job *);
static int	commands_parse(const struct job *, struct command **,
		    size_t *);
static void	commands_free(struct command *, size_t);
static int	run_commands(const struct command *, size_t,
		    const struct jail_entry *, const char *);
static int	remove_job(struct run *, struct job *);
static int	job_run(struct run *, struct job *);
static int	restart_params(struct job *, const struct jail_entry *);

static void
usage(void)
{
	fprintf(stderr,
	    "usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "            -[cmr] param=value ... [command=command ...]\n"
	    "       jail [-dqv] [-f conf_file] [-p limit] -[cmr] [jail]\n"
	    "       jail [-qv] [-f conf_file] [-p limit] -r | -R * | jail ...\n"
	    "       jail [-f conf_file] -e separator\n"
	    "       jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "            [-n jailname] [-s securelevel]\n"
	    "            path hostname ip[,...] command ...\n");
	exit(1);
}

/* "jail: NAME: message", or "jail: message" when there is no name. */
static void
jail_warnx(const char *name, const char *fmt, ...)
{
	char msg[2 * JB_ERRMSG_LEN];
	char *shown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (name == NULL || *name == '\0') {
		warnx("%s", msg);
		return;
	}
	shown = quote_vis(name);
	warnx("%s: %s", shown != NULL ? shown : name, msg);
	free(shown);
}

/* What merging a configured jail found wrong, a line per message. */
static void
report_conf_errors(struct conf_jail *cj)
{
	char *line, *last;

	for (line = strtok_r(cj->error, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last))
		jail_warnx(cj->name, "%s", line);
}

/* A name=value (or bare name) argument, as jail(8)'s add_param takes it. */
static void
add_arg(struct conf_jail *cj, const char *arg)
{
	const char *eq;
	char *name;

	if ((eq = strchr(arg, '=')) == NULL) {
		if (conf_jail_add(cj, arg, NULL) == -1)
			errx(1, "%s", jb_errmsg);
		return;
	}
	if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
		err(1, "malloc");
	if (conf_jail_add(cj, name, eq + 1) == -1)
		errx(1, "%s", jb_errmsg);
	free(name);
}

/* name=a,b,c as three values of name. */
static void
add_split(struct conf_jail *cj, const char *name, const char *list)
{
	char *copy, *item, *next;

	if ((copy = strdup(list)) == NULL)
		err(1, "malloc");
	for (item = copy;; item = next + 1) {
		if ((next = strchr(item, ',')) != NULL)
			*next = '\0';
		if (conf_jail_add(cj, name, item) == -1)
			errx(1, "%s", jb_errmsg);
		if (next == NULL)
			break;
	}
	free(copy);
}

/* ---- printing parameters ---- */

/* NAME, or NAME=VALUE[,VALUE...] quoted as jail(8) quotes them. */
static void
print_param(FILE *fp, const struct conf_param *p, int sep)
{
	char *q;
	size_t i;

	fputs(p->name, fp);
	for (i = 0; i < p->nvalues; i++) {
		if ((q = quote_param(p->values[i])) == NULL)
			err(1, "malloc");
		putc(i == 0 ? '=' : sep, fp);
		fputs(q, fp);
		free(q);
	}
}

/*
 * A jail on one line: with jid >= 0 (for -J) "jid=N" first and the jid
 * parameter left out, parameters separated by sep (a tab for -J).
 */
static void
print_jail(FILE *fp, const struct conf_jail *cj, int jid, int sep)
{
	size_t i;
	int first;

	first = 1;
	if (jid >= 0) {
		fprintf(fp, "jid=%d", jid);
		first = 0;
	}
	for (i = 0; i < cj->nparams; i++) {
		if (jid >= 0 && strcmp(cj->params[i].name, "jid") == 0)
			continue;
		if (!first)
			putc(sep, fp);
		print_param(fp, &cj->params[i], ',');
		first = 0;
	}
	putc('\n', fp);
}

/* A value list joined by sep, unquoted, or nothing when not set. */
static void
print_values(FILE *fp, const struct conf_jail *cj, const char *name,
    int sep)
{
	const struct conf_param *p;
	size_t i;

	if ((p = conf_jail_param(cj, name)) == NULL)
		return;
	for (i = 0; i < p->nvalues; i++) {
		if (i > 0)
			putc(sep, fp);
		fputs(p->values[i], fp);
	}
}

/*
 * The -J line of a jail made by the backward-compatible form, in its own
 * old layout: jid, path, hostname, addresses, command, tab-separated.
 */
static void
print_jail_old(FILE *fp, const struct conf_jail *cj, int jid)
{
	const struct conf_param *p4, *p6;

	fprintf(fp, "%d\t", jid);
	print_values(fp, cj, "path", ',');
	putc('\t', fp);
	print_values(fp, cj, "host.hostname", ',');
	putc('\t', fp);
	print_values(fp, cj, "ip4.addr", ',');
	p4 = conf_jail_param(cj, "ip4.addr");
	p6 = conf_jail_param(cj, "ip6.addr");
	if (p4 != NULL && p4->nvalues > 0 && p6 != NULL && p6->nvalues > 0)
		putc(',', fp);
	print_values(fp, cj, "ip6.addr", ',');
	putc('\t', fp);
	print_values(fp, cj, "command", ' ');
	putc('\n', fp);
}

/* jail -e: every configured jail on a line, parameters joined by sep. */
static int
show_conf(const char *cfname, const char *sep)
{
	struct conf *conf;
	const struct conf_param *p;
	char *q;
	size_t i, k, v;
	int rc;

	conf = load_conf(cfname);
	rc = 0;
	for (i = 0; i < conf->njails; i++) {
		if (conf->jails[i].error != NULL) {
			report_conf_errors(&conf->jails[i]);
			rc = 1;
			continue;
		}
		for (k = 0; k < conf->jails[i].nparams; k++) {
			p = &conf->jails[i].params[k];
			if (k > 0)
				fputs(sep, stdout);
			fputs(p->name, stdout);
			for (v = 0; v < p->nvalues; v++) {
				if ((q = quote_param(p->values[v])) == NULL)
					err(1, "malloc");
				printf("%s%s", v == 0 ? "=" : ",", q);
				free(q);
			}
		}
		putchar('\n');
	}
	conf_free(conf);
	return (rc);
}

/* ---- planning ---- */

static struct conf *
load_conf(const char *cfname)
{
	struct conf *conf;

	if (conf_load(cfname, &conf) == -1)
		errx(1, "%s", jb_errmsg);
	return (conf);
}

/*
 * The name a job goes by in messages: its configured or running name,
 * else the name or jid parameter it was given, else none.
 */
static const char *
job_label(const struct job *j)
{
	const struct conf_param *p;

	if (j->name != NULL)
		return (j->name);
	if (((p = conf_jail_param(j->cj, "name")) != NULL ||
	    (p = conf_jail_param(j->cj, "jid")) != NULL) && p->nvalues > 0)
		return (p->values[p->nvalues - 1]);
	return (NULL);
}

/* A new job; jobs may move, so callers hold indices, not pointers. */
static size_t
job_add(struct run *r, struct conf_jail *cj, const char *name, int op)
{
	struct job *nj;

	if ((nj = reallocarray(r->jobs, r->njobs + 1, sizeof(*nj))) == NULL)
		err(1, "malloc");
	r->jobs = nj;
	memset(&nj[r->njobs], 0, sizeof(*nj));
	nj[r->njobs].cj = cj;
	nj[r->njobs].name = name;
	nj[r->njobs].op = op;
	nj[r->njobs].jid = -1;
	return (r->njobs++);
}

/*
 * Create from the configuration: the jails target names (every jail for
 * NULL, the matching ones for a wildcard) and all they depend on.  Job i
 * is configured jail i.
 */
static int
plan_create(struct run *r, struct conf *conf, const char *target, int op)
{
	struct depgraph g;
	size_t i, k, named;
	int changed, wild;

	wild = target == NULL || conf_wild_name(target);
	named = 0;
	for (i = 0; i < conf->njails; i++) {
		job_add(r, &conf->jails[i], conf->jails[i].name, op);
		r->jobs[i].wild = wild;
		if (target == NULL ||
		    (wild && conf_wild_match(conf->jails[i].name, target)) ||
		    (!wild && strcmp(conf->jails[i].name, target) == 0)) {
			r->jobs[i].state = JOB_WAITING;
			named++;
		}
	}
	if (named == 0 && target != NULL && !wild) {
		jail_notfound(target);
		return (1);
	}
	if (depend_build(conf, &g) == -1)
		errx(1, "%s", jb_errmsg);
	do {
		changed = 0;
		for (i = 0; i < g.n; i++)
			for (k = 0; r->jobs[i].state == JOB_WAITING &&
			    k < g.ndeps[i]; k++)
				if (r->jobs[g.deps[i][k]].state == JOB_IDLE) {
					r->jobs[g.deps[i][k]].state =
					    JOB_WAITING;
					r->jobs[g.deps[i][k]].needed = 1;
					r->jobs[g.deps[i][k]].op = OP_CREATE;
					changed = 1;
				}
	} while (changed);
	plan_order(r, &g);
	depend_free(&g);
	return (0);
}

/*
 * The configured jail a running jail is, by its name or its jid, or -1.
 */
static long
conf_index(const struct conf *conf, const struct jail_entry *je)
{
	char jid[16];
	size_t i;

	if (conf == NULL)
		return (-1);
	snprintf(jid, sizeof(jid), "%d", je->jid);
	for (i = 0; i < conf->njails; i++)
		if (strcmp(conf->jails[i].name, registry_name(je)) == 0 ||
		    strcmp(conf->jails[i].name, jid) == 0)
			return ((long)i);
	return (-1);
}

/*
 * Remove: each target is "*" (every running jail), a wildcard (the
 * running jails it matches), or a name or jid, found in the configuration
 * first, then among the running jails.  Configured jails that depend on a
 * jail being removed go first.  Job i < njails is configured jail i.
 */
static int
plan_remove(struct run *r, struct conf *conf, int argc, char **argv)
{
	struct jail_entry je;
	struct depgraph g;
	size_t i, k, n, nconf;
	int *jids, a, changed, rc;

	rc = 0;
	nconf = conf != NULL ? conf->njails : 0;
	for (i = 0; i < nconf; i++)
		job_add(r, &conf->jails[i], conf->jails[i].name, OP_REMOVE);
	for (a = 0; a < argc; a++) {
		if (conf_wild_name(argv[a])) {
			if (registry_jids(&jids, &n) == -1)
				errx(1, "%s", jb_errmsg);
			for (k = 0; k < n; k++) {
				if (registry_load(jids[k], &je) == -1)
					continue;
				/* "*" also clears what dead jails left. */
				if ((je.alive || strcmp(argv[a], "*") == 0) &&
				    conf_wild_match(registry_name(&je),
				    argv[a]))
					job_target(r, conf, &je, 1);
				registry_entry_free(&je);
			}
			free(jids);
			continue;
		}
		for (i = 0; i < nconf; i++)
			if (strcmp(conf->jails[i].name, argv[a]) == 0)
				break;
		/* A dead jail is found too, to clear what it left. */
		if (i < nconf) {
			if (registry_find(argv[a], &je, 1) == -1) {
				jail_notfound(argv[a]);
				rc = 1;
				continue;
			}
		} else if (registry_find(argv[a], &je, 1) == -1) {
			if (errno != ENOENT)
				warnx("%s", jb_errmsg);
			else
				jail_notfound(argv[a]);
			rc = 1;
			continue;
		}
		job_target(r, conf, &je, 0);
		registry_entry_free(&je);
	}
	if (conf == NULL)
		return (rc);
	if (depend_build(conf, &g) == -1)
		errx(1, "%s", jb_errmsg);
	/* Running configured jails that depend on a removed one go too. */
	do {
		changed = 0;
		for (i = 0; i < g.n; i++) {
			if (r->jobs[i].state != JOB_IDLE)
				continue;
			for (k = 0; k < g.ndeps[i]; k++)
				if (r->jobs[g.deps[i][k]].state ==
				    JOB_WAITING)
					break;
			if (k == g.ndeps[i] ||
			    registry_find(conf->jails[i].name, &je, 0) == -1)
				continue;
			r->jobs[i].jid = je.jid;
			r->jobs[i].state = JOB_WAITING;
			r->jobs[i].needed = 1;
			registry_entry_free(&je);
			changed = 1;
		}
	} while (changed);
	/* Dependency errors do not keep a jail from being removed. */
	for (i = 0; i < g.n; i++) {
		free(g.error[i]);
		g.error[i] = NULL;
	}
	plan_order(r, &g);
	depend_free(&g);
	return (rc);
}

/* Mark the running jail je for removal, as its configured jail if any. */
static void
job_target(struct run *r, struct conf *conf, const struct jail_entry *je,
    int wild)
{
	struct job *j;
	long ci;
	size_t i;

	if ((ci = conf_index(conf, je)) >= 0)
		i = (size_t)ci;
	else {
		for (i = conf != NULL ? conf->njails : 0; i < r->njobs; i++)
			if (r->jobs[i].jid == je->jid)
				break;
		if (i == r->njobs) {
			i = job_add(r, NULL, NULL, OP_REMOVE);
			if ((r->jobs[i].label = strdup(registry_name(je))) ==
			    NULL)
				err(1, "malloc");
			r->jobs[i].name = r->jobs[i].label;
		}
	}
	j = &r->jobs[i];
	j->jid = je->jid;
	j->wild |= wild;
	j->state = JOB_WAITING;
}

/*
 * Each waiting job's predecessors: for creation the jails it depends on,
 * for removal the jails that depend on it.  A jail whose dependencies are
 * broken fails now, with the reason.
 */
static void
plan_order(struct run *r, struct depgraph *g)
{
	struct job *j;
	size_t i, k, d;

	for (i = 0; i < g->n; i++) {
		j = &r->jobs[i];
		if (j->state != JOB_WAITING)
			continue;
		if (g->error[i] != NULL) {
			jail_warnx(job_label(j), "%s", g->error[i]);
			j->state = JOB_FAILED;
			continue;
		}
		if ((j->after = calloc(g->n + 1, sizeof(size_t))) == NULL)
			err(1, "malloc");
		if (j->op != OP_REMOVE) {
			for (k = 0; k < g->ndeps[i]; k++)
				j->after[j->nafter++] = g->deps[i][k];
			continue;
		}
		for (k = 0; k < g->n; k++)
			for (d = 0; d < g->ndeps[k]; d++)
				if (g->deps[k][d] == i && k != i) {
					j->after[j->nafter++] = k;
					break;
				}
	}
}

static void
jail_notfound(const char *target)
{
	char *shown;

	shown = quote_vis(target);
	warnx("\"%s\" not found", shown != NULL ? shown : target);
	free(shown);
}

/* ---- running ---- */

/*
 * Whether a job may start: 1 when every predecessor in this run is done,
 * 0 while one is waiting or running, -1 when one failed.
 */
static int
job_ready(const struct run *r, const struct job *j)
{
	size_t k;
	int ready;

	ready = 1;
	for (k = 0; k < j->nafter; k++)
		switch (r->jobs[j->after[k]].state) {
		case JOB_FAILED:
			return (-1);
		case JOB_WAITING:
		case JOB_RUNNING:
			ready = 0;
			break;
		default:
			break;
		}
	return (ready);
}

/*
 * Run every waiting job once its predecessors are done, up to paralimit
 * at a time, each in a child of its own when more than one can run;
 * a job whose predecessor failed is skipped.  1 if any job failed.
 */
static int
schedule(struct run *r)
{
	struct job *j;
	size_t i, running;
	int progress, status, rc, ready;
	pid_t pid;

	rc = 0;
	for (;;) {
		running = 0;
		progress = 0;
		for (i = 0; i < r->njobs; i++) {
			j = &r->jobs[i];
			if (j->state == JOB_RUNNING)
				running++;
			if (j->state != JOB_WAITING)
				continue;
			if ((ready = job_ready(r, j)) == -1) {
				jail_warnx(job_label(j), "skipped");
				j->state = JOB_FAILED;
				rc = 1;
				progress = 1;
				continue;
			}
			if (ready == 0 || (r->paralimit > 0 &&
			    (long)running >= r->paralimit))
				continue;
			if (job_start(r, j) == -1)
				rc = 1;
			if (j->state == JOB_RUNNING)
				running++;
			progress = 1;
		}
		if (progress)
			continue;
		if (running == 0)
			break;
		if ((pid = wait(&status)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "wait");
		}
		for (i = 0; i < r->njobs; i++)
			if (r->jobs[i].state == JOB_RUNNING &&
			    r->jobs[i].pid == pid) {
				r->jobs[i].state = WIFEXITED(status) &&
				    WEXITSTATUS(status) == 0 ? JOB_DONE :
				    JOB_FAILED;
				if (r->jobs[i].state == JOB_FAILED)
					rc = 1;
			}
	}
	/* Jails that failed before they could start count too. */
	for (i = 0; i < r->njobs; i++)
		if (r->jobs[i].state == JOB_FAILED)
			rc = 1;
	return (rc);
}

/*
 * Start a job: in this process when it is the only one that can run at
 * all, else in a child, so that several jails' steps run at once.
 */
static int
job_start(struct run *r, struct job *j)
{
	size_t i, live;
	int rc;
	pid_t pid;

	for (live = 0, i = 0; i < r->njobs; i++)
		if (r->jobs[i].state == JOB_WAITING ||
		    r->jobs[i].state == JOB_RUNNING)
			live++;
	if (live == 1 || r->paralimit == 1) {
		rc = job_run(r, j);
		j->state = rc == 0 ? JOB_DONE : JOB_FAILED;
		return (rc);
	}
	fflush(stdout);
	if (r->jidfile != NULL)
		fflush(r->jidfile);
	if ((pid = fork()) == -1) {
		warn("fork");
		j->state = JOB_FAILED;
		return (-1);
	}
	if (pid == 0) {
		rc = job_run(r, j);
		fflush(stdout);
		if (r->jidfile != NULL)
			fflush(r->jidfile);
		_exit(rc == 0 ? 0 : 1);
	}
	j->pid = pid;
	j->state = JOB_RUNNING;
	return (0);
}

/*
 * A job's operation, decided by whether its jail runs: -r removes it; -c
 * creates it; -m modifies it in place; -rc removes it if it runs, then
 * creates it; -cm creates it or modifies it; -mr (and -cmr) modify it,
 * or restart it when a parameter changes that only a new jail can take.
 */
static int
job_run(struct run *r, struct job *j)
{
	struct jail_entry je;
	struct jparams changes;
	const char *label;
	int restart, rc;

	if (j->op == OP_REMOVE)
		return (remove_job(r, j));
	label = job_label(j);
	if (label == NULL || registry_find(label, &je, 0) == -1) {
		if (j->op & OP_CREATE)
			return (create_job(r, j));
		if (label != NULL)
			jail_notfound(label);
		else
			warnx("no jail specified");
		return (-1);
	}
	j->jid = je.jid;
	if (!(j->op & OP_MODIFY)) {
		registry_entry_free(&je);
		if (j->op & OP_REMOVE && remove_job(r, j) == -1)
			return (-1);
		return (create_job(r, j));
	}
	memset(&changes, 0, sizeof(changes));
	rc = conf_jail_import(j->cj, &changes);
	restart = rc == 0 && (j->op & OP_REMOVE) &&
	    jail_modify_needs_restart(&je, &changes);
	if (rc == 0 && !restart && (rc = jail_modify(&je, &changes)) == 0 &&
	    !(r->notes & NOTE_QUIET) &&
	    (j->name != NULL || (r->notes & NOTE_VERBOSE)))
		printf("%s: updated\n", registry_name(&je));
	if (rc == -1)
		jail_warnx(label, "%s", jb_errmsg);
	jparams_free(&changes);
	if (restart && j->name == NULL)
		rc = restart_params(j, &je);
	registry_entry_free(&je);
	if (restart && rc == 0 && (rc = remove_job(r, j)) == 0)
		rc = create_job(r, j);
	return (rc);
}

/*
 * The parameters a jail given on the command line is restarted with: the
 * ones given, then every other one the running jail has, so that -mr
 * changes only what it names.  They are checked before the jail goes.
 */
static int
restart_params(struct job *j, const struct jail_entry *je)
{
	struct jparams jp;
	const struct conf_param *p;
	size_t i, k;
	int id, rc;

	rc = 0;
	for (i = 0; rc == 0 && i < j->cj->nparams; i++) {
		p = &j->cj->params[i];
		if (p->nvalues == 0)
			rc = conf_jail_add(&j->merged, p->name, NULL);
		for (k = 0; rc == 0 && k < p->nvalues; k++)
			rc = conf_jail_add(&j->merged, p->name, p->values[k]);
	}
	for (id = 0; rc == 0 && id < JP_NPARAMS; id++) {
		if (!jparams_isset(&je->params, id) ||
		    conf_jail_param(&j->merged, jparam_table[id].name) != NULL)
			continue;
		for (k = 0; rc == 0 && k < je->params.v[id].nitems; k++)
			rc = conf_jail_add(&j->merged, jparam_table[id].name,
			    je->params.v[id].items[k]);
	}
	j->cj = &j->merged;
	memset(&jp, 0, sizeof(jp));
	if (rc == 0 && (rc = conf_jail_import(j->cj, &jp)) == 0 &&
	    (rc = jparams_check_linux(&jp)) == 0)
		rc = jparams_check_pending(&jp);
	if (rc == -1)
		jail_warnx(job_label(j), "%s", jb_errmsg);
	jparams_free(&jp);
	return (rc);
}

/*
 * The command lines a job runs, parsed before the jail is made so that a
 * bad one leaves nothing behind.  On the command line, command= and the
 * arguments after it are one argument vector; in a configuration, each
 * value of command is a command line of its own.
 */
static int
commands_parse(const struct job *j, struct command **cmdsp, size_t *np)
{
	const struct conf_param *p;
	struct command *cmds;
	size_t i, n;
	int bg;

	*cmdsp = NULL;
	*np = 0;
	if ((p = conf_jail_param(j->cj, "command")) == NULL)
		return (0);
	n = j->name == NULL ? 1 : p->nvalues;
	if ((cmds = calloc(n + 1, sizeof(*cmds))) == NULL)
		err(1, "malloc");
	*cmdsp = cmds;
	for (i = 0; i < n; i++, (*np)++) {
		if (j->name == NULL) {
			cmds[i].argv = p->values;
			cmds[i].shown = command_string(p->values);
		} else {
			if (run_argv(p->values[i], &cmds[i].argv, &bg) == -1)
				return (jb_errx(EINVAL, "command: empty command"));
			cmds[i].owned = 1;
			cmds[i].shown = quote_vis(p->values[i]);
			if (bg)
				return (jb_errx(ENOTSUP, "command: %s: running "
				    "in the background is not implemented yet",
				    cmds[i].shown));
		}
		if (cmds[i].shown == NULL)
			err(1, "malloc");
	}
	return (0);
}

static void
commands_free(struct command *cmds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (cmds[i].owned)
			run_argv_free(cmds[i].argv);
		free(cmds[i].shown);
	}
	free(cmds);
}

/*
 * Create one jail: check its parameters, create it, say so, then run
 * its commands in it in the foreground, or, with a console, have its init
 * run the one command there.
 */
static int
create_job(struct run *r, struct job *j)
{
	struct jail_entry je;
	struct command *cmds;
	struct jparams jp;
	const char *name;
	size_t ncmds;
	int rc;

	memset(&jp, 0, sizeof(jp));
	cmds = NULL;
	ncmds = 0;
	if (j->needed || j->wild) {
		if (j->cj->name != NULL && registry_find(j->cj->name, &je, 0) ==
		    0) {
			/* Already running: nothing to do for a dependency. */
			registry_entry_free(&je);
			return (0);
		}
	}
	/* A bad value on the command line is not yet a named jail's. */
	rc = conf_jail_import(j->cj, &jp);
	if (rc == 0)
		rc = jparams_check_pending(&jp);
	if (rc == 0 && (rc = commands_parse(j, &cmds, &ncmds)) == 0 &&
	    ncmds > 0 && jparams_bool(&jp, JP_CONSOLE)) {
		if (ncmds > 1)
			rc = jb_errx(EINVAL, "console: one command line only");
		else
			rc = jparams_set_argv(&jp, JP_COMMAND, cmds[0].argv);
	}
	if (rc == -1) {
		jail_warnx(j->name, "%s", jb_errmsg);
		commands_free(cmds, ncmds);
		jparams_free(&jp);
		return (-1);
	}
	if (jail_create(&jp, &je) == -1) {
		jail_warnx(job_label(j), "%s", jb_errmsg);
		commands_free(cmds, ncmds);
		jparams_free(&jp);
		return (-1);
	}
	jparams_free(&jp);
	name = registry_name(&je);
	if (r->iflag)
		printf("%d\n", je.jid);
	if (!(r->notes & NOTE_QUIET) &&
	    (j->name != NULL || (r->notes & NOTE_VERBOSE)))
		printf("%s: created\n", name);
	if (r->jidfile != NULL && r->oldcl)
		print_jail_old(r->jidfile, j->cj, je.jid);
	else if (r->jidfile != NULL)
		print_jail(r->jidfile, j->cj, je.jid, '\t');
	fflush(stdout);
	rc = 0;
	if (!jparams_bool(&je.params, JP_CONSOLE))
		rc = run_commands(cmds, ncmds, &je, name);
	commands_free(cmds, ncmds);
	if (jail_release(&je) == -1) {
		jail_warnx(name, "%s", jb_errmsg);
		rc = -1;
	}
	registry_entry_free(&je);
	return (rc);
}

/* Run command lines in a jail one after the other; -1 when one fails. */
static int
run_commands(const struct command *cmds, size_t n,
    const struct jail_entry *je, const char *name)
{
	size_t i;
	int status;

	for (i = 0; i < n; i++) {
		if (jail_run(je, cmds[i].argv, &status) == -1) {
			jail_warnx(name, "%s", jb_errmsg);
			return (-1);
		}
		if (WIFSIGNALED(status))
			jail_warnx(name, "%s: exited on signal %d",
			    cmds[i].shown, WTERMSIG(status));
		else if (WEXITSTATUS(status) != 0)
			jail_warnx(name, "%s: failed", cmds[i].shown);
		if (status != 0)
			return (-1);
	}
	return (0);
}

/*
 * Remove one running jail, giving its processes the stop.timeout of its
 * configuration, or else its own.
 */
static int
remove_job(struct run *r, struct job *j)
{
	struct jail_entry je;
	struct jparams jp;
	long long timeout;
	int rc;

	if (registry_load(j->jid, &je) == -1)
		return (0);		/* gone meanwhile */
	timeout = jparams_int(&je.params, JP_STOP_TIMEOUT);
	if (j->cj != NULL) {
		memset(&jp, 0, sizeof(jp));
		if (conf_jail_import(j->cj, &jp) == -1) {
			jail_warnx(job_label(j), "%s", jb_errmsg);
			jparams_free(&jp);
			registry_entry_free(&je);
			return (-1);
		}
		if (jparams_isset(&jp, JP_STOP_TIMEOUT))
			timeout = jparams_int(&jp, JP_STOP_TIMEOUT);
		jparams_free(&jp);
	}
	rc = 0;
	if (jail_remove(&je, (int)timeout) == -1) {
		jail_warnx(registry_name(&je), "%s", jb_errmsg);
		rc = -1;
	} else if (je.alive && !(r->notes & NOTE_QUIET) &&
	    (r->notes & (NOTE_VERBOSE | NOTE_REMOVE)))
		printf("%s: removed\n", registry_name(&je));
	registry_entry_free(&je);
	return (rc);
}

/* A command line as one string, for messages. */
static char *
command_string(char *const argv[])
{
	size_t len, i;
	char *s, *v;

	for (len = 1, i = 0; argv[i] != NULL; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		err(1, "malloc");
	*s = '\0';
	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	v = quote_vis(s);
	free(s);
	return (v);
}

/*
 * The backward-compatible form: path hostname ip[,...] command ...; the
 * addresses go to ip4.addr or ip6.addr by their family.
 */
static void
parse_positional(struct conf_jail *cj, int argc, char **argv)
{
	struct in6_addr a6;
	char *copy, *item, *next;
	int i;

	if (conf_jail_add(cj, "path", argv[0]) == -1 ||
	    conf_jail_add(cj, "host.hostname", argv[1]) == -1)
		errx(1, "%s", jb_errmsg);
	if (argv[2][0] != '\0') {
		if ((copy = strdup(argv[2])) == NULL)
			err(1, "malloc");
		for (item = copy;; item = next + 1) {
			if ((next = strchr(item, ',')) != NULL)
				*next = '\0';
			if (conf_jail_add(cj, inet_pton(AF_INET6, item, &a6) ==
			    1 ? "ip6.addr" : "ip4.addr", item) == -1)
				errx(1, "%s", jb_errmsg);
			if (next == NULL)
				break;
		}
		free(copy);
	}
	for (i = 3; i < argc; i++)
		if (conf_jail_add(cj, "command", argv[i]) == -1)
			errx(1, "%s", jb_errmsg);
}

/*
 * name=value arguments of one jail.  command= takes the rest of the
 * arguments; the address and dataset lists split on commas.
 */
static void
parse_params(struct conf_jail *cj, int argc, char **argv)
{
	static const char *const split[] = {
		"ip4.addr", "ip6.addr", "vnet.interface", "zfs.dataset"
	};
	const char *eq;
	size_t k, len;
	int i;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "command", 7) == 0 &&
		    (argv[i][7] == '\0' || argv[i][7] == '=')) {
			if (argv[i][7] == '=' && conf_jail_add(cj, "command",
			    argv[i] + 8) == -1)
				errx(1, "%s", jb_errmsg);
			for (i++; i < argc; i++)
				if (conf_jail_add(cj, "command", argv[i]) == -1)
					errx(1, "%s", jb_errmsg);
			break;
		}
		eq = strchr(argv[i], '=');
		len = eq != NULL ? (size_t)(eq - argv[i]) : 0;
		for (k = 0; eq != NULL && k < nitems(split); k++)
			if (strlen(split[k]) == len &&
			    strncmp(argv[i], split[k], len) == 0)
				break;
		if (eq != NULL && k < nitems(split))
			add_split(cj, split[k], eq + 1);
		else
			add_arg(cj, argv[i]);
	}
}

int
jail_main(int argc, char **argv)
{
	struct conf_jail optjail, *cj;
	const struct conf_param *p;
	struct conf *conf;
	struct run r;
	struct stat st;
	const char *cfname, *sep, *jidfile;
	char *end;
	int ch, op, Rflag, docf, cfset, oldcl, rc, i, toconf;

	memset(&r, 0, sizeof(r));
	memset(&optjail, 0, sizeof(optjail));
	op = Rflag = cfset = 0;
	docf = 1;
	cfname = CONF_FILE;
	sep = jidfile = NULL;
	while ((ch = getopt(argc, argv, "+cde:f:hiJ:lmn:p:qrRs:u:U:v")) != -1)
		switch (ch) {
		case 'c':
			op |= OP_CREATE;
			break;
		case 'd':
			/* Jails never linger dying here: nothing to allow. */
			break;
		case 'e':
			sep = optarg;
			break;
		case 'f':
			cfname = optarg;
			cfset = 1;
			break;
		case 'h':
			add_arg(&optjail, "ip_hostname");
			docf = 0;
			break;
		case 'i':
			r.iflag = 1;
			break;
		case 'J':
			jidfile = optarg;
			break;
		case 'l':
			add_arg(&optjail, "exec.clean");
			docf = 0;
			break;
		case 'm':
			op |= OP_MODIFY;
			break;
		case 'n':
			if (conf_jail_add(&optjail, "name", optarg) == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'p':
			errno = 0;
			r.paralimit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    r.paralimit < 0)
				errx(1, "-p %s: not a number", optarg);
			break;
		case 'q':
			r.notes = (r.notes & ~NOTE_VERBOSE) | NOTE_QUIET;
			break;
		case 'r':
			op |= OP_REMOVE;
			break;
		case 'R':
			op |= OP_REMOVE;
			Rflag = 1;
			break;
		case 's':
			if (conf_jail_add(&optjail, "securelevel", optarg) == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'u':
		case 'U':
			if (conf_jail_add(&optjail, "exec.jail_user",
			    optarg) == -1 ||
			    conf_jail_add(&optjail, "exec.system_jail_user",
			    ch == 'u' ? "true" : "false") == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'v':
			r.notes = (r.notes & ~NOTE_QUIET) | NOTE_VERBOSE;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (r.iflag)
		r.notes = (r.notes & ~NOTE_VERBOSE) | NOTE_QUIET;

	/* Which of the forms this is, all checked before anything runs. */
	if (sep != NULL) {
		if (op != 0 || argc != 0 || !docf || r.iflag || Rflag ||
		    jidfile != NULL)
			usage();
		return (show_conf(cfname, sep));
	}
	oldcl = toconf = 0;
	cj = &optjail;
	if (op == 0) {
		if (argc < 4 || argv[0][0] != '/' || cfset)
			usage();
		op = OP_CREATE;
		oldcl = 1;
		parse_positional(cj, argc, argv);
	} else if (op == OP_REMOVE) {
		if (argc == 0 || !docf || r.iflag || jidfile != NULL)
			usage();
		for (i = 0; !Rflag && i < argc; i++)
			if (strchr(argv[i], '=') != NULL)
				usage();
		toconf = !Rflag &&
		    (strcmp(cfname, "-") == 0 || stat(cfname, &st) == 0);
		if (toconf || argc > 1 || conf_wild_name(argv[0]))
			r.notes |= NOTE_REMOVE;
	} else if ((op & (OP_CREATE | OP_MODIFY)) && !Rflag &&
	    (argc > 1 || (argc == 1 && strchr(argv[0], '=') != NULL))) {
		if (Rflag || cfset)
			usage();
		parse_params(cj, argc, argv);
		if ((p = conf_jail_param(cj, "command")) != NULL &&
		    (p->nvalues == 0 || p->values[0][0] == '\0'))
			errx(1, "command: empty command");
	} else if ((op & (OP_CREATE | OP_MODIFY)) && !Rflag) {
		if (!docf || argc > 1)
			usage();
		toconf = 1;
	} else
		usage();
	if (geteuid() != 0)
		errx(1, "must be run as root");

	conf = toconf ? load_conf(cfname) : NULL;
	if (jidfile != NULL &&
	    (r.jidfile = fopen(jidfile, "we")) == NULL)
		err(1, "open %s", jidfile);
	if (r.jidfile != NULL)
		setlinebuf(r.jidfile);
	setlinebuf(stdout);
	r.oldcl = oldcl;
	rc = 0;
	if (op == OP_REMOVE)
		rc = plan_remove(&r, conf, argc, argv);
	else if (conf != NULL)
		rc = plan_create(&r, conf, argc == 1 ? argv[0] : NULL, op);
	else {
		job_add(&r, cj, NULL, op);
		r.jobs[0].state = JOB_WAITING;
	}
	if (conf != NULL)
		for (i = 0; (size_t)i < conf->njails; i++)
			if (conf->jails[i].error != NULL &&
			    r.jobs[i].state == JOB_WAITING) {
				report_conf_errors(&conf->jails[i]);
				r.jobs[i].state = JOB_FAILED;
				rc = 1;
			}
	rc |= schedule(&r);
	if (r.jidfile != NULL)
		fclose(r.jidfile);
	return (rc != 0);
}
