/*
 * Carrying out a run of jail(8): each job starts once the jobs before it
 * are done, several at once in children of their own (up to -p), and a
 * job whose predecessor failed is skipped.  A job creates, modifies,
 * restarts or removes its jail, running its command lines in it.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jailops.h"
#include "../lib/conf.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"
#include "../lib/run.h"

static int	job_ready(const struct run *, const struct job *);
static int	job_start(struct run *, struct job *);
static int	job_run(struct run *, struct job *);
static int	restart_params(struct job *, const struct jail_entry *);
static int	commands_parse(const struct job *, struct command **,
		    size_t *);
static void	commands_free(struct command *, size_t);
static int	create_job(struct run *, struct job *);
static int	run_commands(const struct command *, size_t,
		    const struct jail_entry *, const char *);
static int	remove_job(struct run *, struct job *);

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
int
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
		print_jail(r->jidfile, j->cj, je.jid, "\t");
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
