/*
 * Carrying out a run of jail(8): each job starts once the jobs before it
 * are done, several at once in children of their own (up to -p), and a
 * job whose predecessor failed is skipped.  A job creates, modifies,
 * restarts or removes its jail, running its command lines in it.
 */
#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/openat2.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jailops.h"
#include "../lib/conf.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/nitems.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"
#include "../lib/run.h"

/*
 * The steps of creating and removing a jail, in FreeBSD's order: each is
 * a parameter's command lines, run on the host or in the jail, or the
 * operation itself.  A failed create is undone by walking back over the
 * steps done, each undone by its counterpart of removal.
 */
#define STEP_OP		JP_NPARAMS	/* the jail is created or removed */
#define STEP_NONE	(JP_NPARAMS + 1) /* nothing to undo */

/* Where a step's command lines run. */
enum where {
	ON_HOST,
	IN_JAIL,
	ON_CONSOLE,	/* in the jail; on its console, if it has one */
	BY_INIT		/* in the jail; with a console, started on it by
			   the jail's init, not waited for */
};

struct step {
	enum jparam	param;
	enum where	where;
	enum jparam	undo;		/* what undoes it, or STEP_NONE */
};

static const struct step create_steps[] = {
	{ JP_EXEC_PREPARE,	ON_HOST,	JP_EXEC_RELEASE },
	{ JP_EXEC_PRESTART,	ON_HOST,	JP_EXEC_POSTSTOP },
	{ STEP_OP,		ON_HOST,	STEP_OP },
	{ JP_EXEC_CREATED,	ON_HOST,	STEP_NONE },
	{ JP_EXEC_START,	ON_CONSOLE,	STEP_NONE },
	{ JP_COMMAND,		BY_INIT,	STEP_NONE },
	{ JP_EXEC_POSTSTART,	ON_HOST,	STEP_NONE },
};

static const struct step remove_steps[] = {
	{ JP_EXEC_PRESTOP,	ON_HOST,	STEP_NONE },
	{ JP_EXEC_STOP,		IN_JAIL,	STEP_NONE },
	{ STEP_OP,		ON_HOST,	STEP_NONE },
	{ JP_EXEC_POSTSTOP,	ON_HOST,	STEP_NONE },
	{ JP_EXEC_RELEASE,	ON_HOST,	STEP_NONE },
};

/* The command lines of every exec.* parameter and command, parsed. */
struct job_commands {
	struct command	*c[JP_NPARAMS];
	size_t		 n[JP_NPARAMS];
};

static int	job_ready(const struct run *, const struct job *);
static int	job_start(struct run *, struct job *);
static int	job_run(struct run *, struct job *);
static int	restart_params(struct job *, const struct jail_entry *);
static int	commands_parse(const struct job *, enum jparam,
		    struct command **, size_t *);
static int	commands_parse_all(const struct job *,
		    struct job_commands *);
static void	commands_free(struct job_commands *);
static int	run_step(const struct job_commands *, enum jparam,
		    enum where, const struct jparams *,
		    const struct jail_entry *, int, const char *,
		    const char *);
static int	create_job(struct run *, struct job *);
static int	remove_job(struct run *, struct job *);
static int	cleanup_job(const struct job *);

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
 * The command lines of one parameter, parsed before anything runs so
 * that a bad one leaves nothing behind.  A command= given on the command
 * line and the arguments after it are one argument vector; every other
 * value is a command line of its own.
 */
static int
commands_parse(const struct job *j, enum jparam id, struct command **cmdsp,
    size_t *np)
{
	const struct conf_param *p;
	struct command *cmds;
	size_t i, n;

	*cmdsp = NULL;
	*np = 0;
	if ((p = conf_jail_param(j->cj, jparam_table[id].name)) == NULL)
		return (0);
	n = id == JP_COMMAND && j->name == NULL ? 1 : p->nvalues;
	if ((cmds = calloc(n + 1, sizeof(*cmds))) == NULL)
		err(1, "malloc");
	*cmdsp = cmds;
	for (i = 0; i < n; i++) {
		if (id == JP_COMMAND && j->name == NULL) {
			cmds[i].argv = p->values;
			cmds[i].shown = command_string(p->values);
		} else {
			/* FreeBSD skips an empty command line. */
			if (p->values[i][0] == '\0' && id != JP_COMMAND)
				continue;
			if (run_argv(p->values[i], &cmds[i].argv,
			    &cmds[i].bg) == -1)
				return (jb_errx(EINVAL, "%s: empty command",
				    jparam_table[id].name));
			cmds[i].owned = 1;
			cmds[i].shown = quote_vis(p->values[i]);
		}
		if (cmds[i].shown == NULL)
			err(1, "malloc");
		(*np)++;
		if (*np <= i)
			cmds[*np - 1] = cmds[i];
	}
	return (0);
}

static int
commands_parse_all(const struct job *j, struct job_commands *jc)
{
	int id;

	memset(jc, 0, sizeof(*jc));
	for (id = JP_EXEC_PREPARE; id <= JP_EXEC_RELEASE; id++)
		if (commands_parse(j, id, &jc->c[id], &jc->n[id]) == -1)
			return (-1);
	return (0);
}

static void
commands_free(struct job_commands *jc)
{
	size_t i;
	int id;

	for (id = 0; id < JP_NPARAMS; id++) {
		for (i = 0; i < jc->n[id]; i++) {
			if (jc->c[id][i].owned)
				run_argv_free(jc->c[id][i].argv);
			free(jc->c[id][i].shown);
		}
		free(jc->c[id]);
	}
	memset(jc, 0, sizeof(*jc));
}

/*
 * Run a step's command lines one after the other, on the host or in the
 * jail je; -1 when one cannot run, fails, is killed or times out.  In a
 * jail with a console, exec.start runs on the console, whose output the
 * jail's init keeps and logs, and the command is the init's to start.
 */
static int
run_step(const struct job_commands *jc, enum jparam id, enum where where,
    const struct jparams *jp, const struct jail_entry *je, int jid,
    const char *name, const char *path)
{
	const struct command *c;
	struct run_spec rs;
	int status, logfd, ttyfd, console, rc;
	size_t i;

	if (jc->n[id] == 0)
		return (0);
	console = (where == ON_CONSOLE || where == BY_INIT) &&
	    jparams_bool(jp, JP_CONSOLE);
	if (console && where == BY_INIT) {
		if (jail_console_start(je) == -1) {
			jail_warnx(name, "%s", jb_errmsg);
			return (-1);
		}
		return (0);
	}
	memset(&rs, 0, sizeof(rs));
	rs.jail = where != ON_HOST ? je : NULL;
	rs.timeout = (int)jparams_int(jp, JP_EXEC_TIMEOUT);
	rs.clean = jparams_bool(jp, JP_EXEC_CLEAN);
	/* In the jail: its user, looked up there or on the host. */
	rs.user = jparams_str(jp, rs.jail != NULL ? JP_EXEC_JAIL_USER :
	    JP_EXEC_SYSTEM_USER);
	rs.user_in_jail = rs.jail != NULL &&
	    !jparams_bool(jp, JP_EXEC_SYSTEM_JAIL_USER);
	rs.jid = jid;
	rs.name = name;
	rs.path = path;
	logfd = ttyfd = -1;
	if (console && (ttyfd = jail_console_terminal(je)) == -1) {
		jail_warnx(name, "%s", jb_errmsg);
		return (-1);
	}
	if (!console && rs.jail != NULL &&
	    jparams_isset(jp, JP_EXEC_CONSOLELOG) &&
	    (logfd = run_log_open(jparams_str(jp, JP_EXEC_CONSOLELOG),
	    path)) == -1) {
		jail_warnx(name, "%s", jb_errmsg);
		return (-1);
	}
	rs.logfd = logfd;
	rs.ttyfd = ttyfd;
	rc = 0;
	for (i = 0; rc == 0 && i < jc->n[id]; i++) {
		c = &jc->c[id][i];
		rs.argv = c->argv;
		rs.bg = c->bg;
		if (run_command(&rs, &status) == -1) {
			if (errno == ETIMEDOUT)
				jail_warnx(name, "%s: timed out", c->shown);
			else
				jail_warnx(name, "%s", jb_errmsg);
			rc = -1;
		} else if (WIFSIGNALED(status)) {
			jail_warnx(name, "%s: exited on signal %d", c->shown,
			    WTERMSIG(status));
			rc = -1;
		} else if (WEXITSTATUS(status) != 0) {
			jail_warnx(name, "%s: failed", c->shown);
			rc = -1;
		}
	}
	if (logfd >= 0)
		close(logfd);
	if (ttyfd >= 0)
		close(ttyfd);
	return (rc);
}

/*
 * Create one jail: check its parameters and command lines, then walk the
 * create steps: exec.prepare and exec.prestart on the host, the jail
 * created ("NAME: created"), exec.created on the host, exec.start and
 * command in the jail, exec.poststart on the host.  A jail that does not
 * persist is held up by its start commands and ends when its last process
 * does.  With a console, exec.start runs on it and the jail's init then
 * starts the command there, which the jail lasts as long as.
 */
static int
create_job(struct run *r, struct job *j)
{
	struct job_commands jc;
	struct jail_entry je;
	struct jparams jp, clear;
	char *path, *name;
	size_t s, k;
	int rc, made, hold, ended;

	memset(&jp, 0, sizeof(jp));
	memset(&jc, 0, sizeof(jc));
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
	if (rc == 0)
		rc = commands_parse_all(j, &jc);
	if (rc == 0 && jc.n[JP_COMMAND] > 0 && jparams_bool(&jp, JP_CONSOLE)) {
		if (jc.n[JP_COMMAND] > 1)
			rc = jb_errx(EINVAL, "console: one command line only");
		else
			rc = jparams_set_argv(&jp, JP_COMMAND,
			    jc.c[JP_COMMAND][0].argv);
	}
	hold = !jparams_bool(&jp, JP_PERSIST) && (jc.n[JP_EXEC_START] > 0 ||
	    jc.n[JP_EXEC_POSTSTART] > 0 || jc.n[JP_COMMAND] > 0);
	if (rc == 0 && hold)
		rc = jparams_set(&jp, "persist", "true");
	if (rc == -1) {
		jail_warnx(j->name, "%s", jb_errmsg);
		goto done;
	}
	name = strdup(job_label(j) != NULL ? job_label(j) : "");
	path = jparams_join(&jp, JP_PATH, ",");
	if (name == NULL || path == NULL)
		err(1, "malloc");
	made = 0;
	for (s = 0; s < nitems(create_steps); s++) {
		if (create_steps[s].param != STEP_OP) {
			if ((rc = run_step(&jc, create_steps[s].param,
			    create_steps[s].where, &jp, &je,
			    made ? je.jid : 0, name, path)) == -1)
				break;
			continue;
		}
		if (jail_create(&jp, &je) == -1) {
			jail_warnx(job_label(j), "%s", jb_errmsg);
			rc = -1;
			break;
		}
		made = 1;
		free(name);
		free(path);
		name = strdup(registry_name(&je));
		path = jparams_join(&je.params, JP_PATH, ",");
		if (name == NULL || path == NULL)
			err(1, "malloc");
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
	}
	if (rc == -1) {
		/* Undo the steps done before the failed one, backward. */
		for (k = s; k-- > 0;) {
			if (create_steps[k].undo == STEP_OP) {
				if (jail_remove(&je, 0) == -1)
					jail_warnx(name, "%s", jb_errmsg);
			} else if (create_steps[k].undo != STEP_NONE)
				(void)run_step(&jc, create_steps[k].undo,
				    ON_HOST, &jp, NULL, made ? je.jid : 0,
				    name, path);
		}
	} else if (hold) {
		/*
		 * The start is over: the jail now lasts as its processes,
		 * and ends at once if none is left.
		 */
		memset(&clear, 0, sizeof(clear));
		if ((ended = jail_release_held(&je)) == -1 ||
		    (ended == 0 && (jparams_set(&clear, "persist", "false") ==
		    -1 || jail_modify(&je, &clear) == -1))) {
			jail_warnx(name, "%s", jb_errmsg);
			rc = -1;
		}
		jparams_free(&clear);
	}
	if (made)
		registry_entry_free(&je);
	free(name);
	free(path);
done:
	commands_free(&jc);
	jparams_free(&jp);
	return (rc);
}

/*
 * Remove one running jail: exec.prestop on the host, exec.stop in the
 * jail, then SIGTERM and up to stop.timeout seconds before SIGKILL ("NAME:
 * removed"), then exec.poststop and exec.release on the host.  A
 * configured jail is removed with its configuration's commands and
 * stop.timeout; another with its own stop.timeout alone.
 */
static int
remove_job(struct run *r, struct job *j)
{
	struct job_commands jc;
	struct jail_entry je;
	struct jparams jp;
	long long timeout;
	char *name, *path;
	size_t s;
	int rc;

	if (j->jid < 0 || registry_load(j->jid, &je) == -1) {
		/* Gone meanwhile, or before -C: only its last steps. */
		return (r->cleanup && j->cj != NULL ? cleanup_job(j) : 0);
	}
	memset(&jp, 0, sizeof(jp));
	memset(&jc, 0, sizeof(jc));
	timeout = jparams_int(&je.params, JP_STOP_TIMEOUT);
	rc = 0;
	if (j->cj != NULL) {
		if ((rc = conf_jail_import(j->cj, &jp)) == 0)
			rc = commands_parse_all(j, &jc);
		if (rc == -1)
			jail_warnx(job_label(j), "%s", jb_errmsg);
		else if (jparams_isset(&jp, JP_STOP_TIMEOUT))
			timeout = jparams_int(&jp, JP_STOP_TIMEOUT);
	}
	if ((name = strdup(registry_name(&je))) == NULL ||
	    (path = jparams_join(&je.params, JP_PATH, ",")) == NULL)
		err(1, "malloc");
	for (s = 0; rc == 0 && s < nitems(remove_steps); s++) {
		if (remove_steps[s].param != STEP_OP) {
			/* A dead jail gets no commands: it is only cleared. */
			if (je.alive)
				rc = run_step(&jc, remove_steps[s].param,
				    remove_steps[s].where, &jp, &je, je.jid,
				    name, path);
			continue;
		}
		if (jail_remove(&je, (int)timeout) == -1) {
			jail_warnx(name, "%s", jb_errmsg);
			rc = -1;
		} else if (je.alive && !(r->notes & NOTE_QUIET) &&
		    (r->notes & (NOTE_VERBOSE | NOTE_REMOVE)))
			printf("%s: removed\n", name);
		fflush(stdout);
	}
	free(name);
	free(path);
	commands_free(&jc);
	jparams_free(&jp);
	registry_entry_free(&je);
	return (rc);
}

/*
 * jail -C: for a configured jail already removed, the steps that follow a
 * removal: exec.poststop and exec.release on the host.
 */
static int
cleanup_job(const struct job *j)
{
	struct job_commands jc;
	struct jparams jp;
	char *path;
	size_t s;
	int rc, after;

	memset(&jp, 0, sizeof(jp));
	memset(&jc, 0, sizeof(jc));
	if ((rc = conf_jail_import(j->cj, &jp)) == 0)
		rc = commands_parse_all(j, &jc);
	if (rc == -1)
		jail_warnx(job_label(j), "%s", jb_errmsg);
	if ((path = jparams_join(&jp, JP_PATH, ",")) == NULL)
		err(1, "malloc");
	for (after = 0, s = 0; rc == 0 && s < nitems(remove_steps); s++)
		if (remove_steps[s].param == STEP_OP)
			after = 1;
		else if (after)
			rc = run_step(&jc, remove_steps[s].param, ON_HOST, &jp,
			    NULL, 0, job_label(j), path);
	free(path);
	commands_free(&jc);
	jparams_free(&jp);
	return (rc);
}
