/*
 * Which jails a run of jail(8) touches and in what order: the jails the
 * arguments name, the configured jails they depend on (to create) or that
 * depend on them (to remove), and for each job the jobs that must be done
 * before it.
 */
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jailops.h"
#include "../lib/conf.h"
#include "../lib/depend.h"
#include "../lib/errmsg.h"
#include "../lib/registry.h"

static long	conf_index(const struct conf *, const struct jail_entry *);
static void	target_wild(struct jail_entry *, void *);
static void	job_target(struct run *, struct conf *,
		    const struct jail_entry *, int);
static void	plan_order(struct run *, struct depgraph *);

/*
 * The name a job goes by in messages: its configured or running name,
 * else the name or jid parameter it was given, else none.
 */
const char *
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
size_t
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
int
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

/* What a wildcard of jail -r is matched against the running jails for. */
struct wild {
	struct run	*r;
	struct conf	*conf;
	const char	*pattern;
};

static void
target_wild(struct jail_entry *je, void *arg)
{
	struct wild *w = arg;

	/* "*" also clears what dead jails left. */
	if ((je->alive || strcmp(w->pattern, "*") == 0) &&
	    conf_wild_match(registry_name(je), w->pattern))
		job_target(w->r, w->conf, je, 1);
}

/*
 * Remove: each target is "*" (every running jail), a wildcard (the
 * running jails it matches), or a name or jid, found in the configuration
 * first, then among the running jails.  Configured jails that depend on a
 * jail being removed go first.  Job i < njails is configured jail i.
 */
int
plan_remove(struct run *r, struct conf *conf, int argc, char **argv)
{
	struct jail_entry je;
	struct depgraph g;
	struct wild wild;
	size_t i, k, nconf;
	int a, changed, rc;

	rc = 0;
	nconf = conf != NULL ? conf->njails : 0;
	for (i = 0; i < nconf; i++)
		job_add(r, &conf->jails[i], conf->jails[i].name, OP_REMOVE);
	for (a = 0; a < argc; a++) {
		if (conf_wild_name(argv[a])) {
			wild.r = r;
			wild.conf = conf;
			wild.pattern = argv[a];
			if (registry_each(target_wild, &wild) == -1)
				errx(1, "%s", jb_errmsg);
			continue;
		}
		for (i = 0; i < nconf; i++)
			if (strcmp(conf->jails[i].name, argv[a]) == 0)
				break;
		/* A dead jail is found too, to clear what it left. */
		if (i < nconf) {
			if (registry_find(argv[a], &je, 1) == -1 &&
			    r->cleanup) {
				/* -C: gone already; its last steps remain. */
				r->jobs[i].state = JOB_WAITING;
				continue;
			}
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
