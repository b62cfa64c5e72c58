/*
 * Changing a running jail, as jail -m does on FreeBSD.  What Linux fixed
 * when the jail was made (its root, its namespaces, its capabilities and
 * seccomp filter, its console) cannot change: such a parameter is taken
 * only with the value the jail already has, as FreeBSD's jail(8) takes
 * its create-only parameters.  The others are applied in place, each by
 * its mechanism, and then recorded in the registry, so that jls shows
 * them.
 */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "errmsg.h"
#include "jail.h"
#include "proc.h"
#include "quote.h"
#include "registry.h"

/* What a change works on, under the registry lock. */
struct modify_ctx {
	const struct jail_entry	*je;	/* as found under the lock */
	struct jparams		 params; /* its own, with the changes */
	int			 pidfd;	/* its init */
	char			 oldhost[HOST_NAME_MAX + 1];
	char			 olddomain[HOST_NAME_MAX + 1];
	int			 oldpersist;
};

/*
 * How a parameter is changed on a running jail: by apply, which undo
 * reverses, or by being recorded in the registry alone (no apply).  A
 * parameter without a row here cannot change in place, whatever its
 * table flags say, until it is given a mechanism.
 */
struct modify_how {
	int	  inplace;
	int	(*apply)(struct modify_ctx *);
	void	(*undo)(struct modify_ctx *);
};

static int	apply_hostname(struct modify_ctx *);
static void	undo_hostname(struct modify_ctx *);
static int	apply_domainname(struct modify_ctx *);
static void	undo_domainname(struct modify_ctx *);
static int	apply_persist(struct modify_ctx *);
static void	undo_persist(struct modify_ctx *);

static const struct modify_how modify_how[JP_NPARAMS] = {
	[JP_NAME] =		{ 1, NULL, NULL },	/* registry's */
	[JP_HOST_HOSTNAME] =	{ 1, apply_hostname, undo_hostname },
	[JP_HOST_DOMAINNAME] =	{ 1, apply_domainname, undo_domainname },
	[JP_PERSIST] =		{ 1, apply_persist, undo_persist },
	[JP_STOP_TIMEOUT] =	{ 1, NULL, NULL },	/* jail -r's */
	[JP_META] =		{ 1, NULL, NULL },	/* only jls(8) shows it */
};

static int	value_same(const struct jparams *, const struct jparams *,
		    enum jparam);
static int	modify_scan(const struct jail_entry *, const struct jparams *,
		    int);
static int	modify_merge(const struct jparams *, const struct jparams *,
		    struct jparams *);
static int	name_free(const struct jail_entry *, const char *);
static int	uts_set(int, int, const char *, char *, size_t);
static int	persist_tell(int, int, int *);

/*
 * Set the host name in the jail's UTS namespace from a short-lived child
 * that joins that namespace alone, through the init's pidfd: nothing of
 * the jail runs on the host, and the host keeps its own name.  The name
 * replaced comes back in old, when asked for.
 */
static int
uts_set(int pidfd, int domain, const char *name, char *old, size_t oldlen)
{
	const char *what;
	struct {
		int	errnum;
		char	text[JB_ERRMSG_LEN];
	} rep;
	int p[2], status;
	size_t len;
	ssize_t n;
	pid_t pid;

	what = domain ? "host.domainname" : "host.hostname";
	if (pipe2(p, O_CLOEXEC) == -1)
		return (jb_err(errno, "pipe"));
	if ((pid = fork()) == -1) {
		jb_err(errno, "fork");
		close(p[0]);
		close(p[1]);
		return (-1);
	}
	if (pid == 0) {
		close(p[0]);
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
		memset(&rep, 0, sizeof(rep));
		if (setns(pidfd, CLONE_NEWUTS) == -1)
			jb_err(errno, "%s: join the jail", what);
		else if ((domain ? getdomainname(rep.text, HOST_NAME_MAX + 1) :
		    gethostname(rep.text, HOST_NAME_MAX + 1)) == -1 ||
		    (domain ? setdomainname(name, strlen(name)) :
		    sethostname(name, strlen(name))) == -1)
			jb_err(errno, "%s", what);
		else
			errno = 0;
		if ((rep.errnum = errno) != 0)
			snprintf(rep.text, sizeof(rep.text), "%s", jb_errmsg);
		n = write(p[1], &rep, sizeof(rep.errnum) + strlen(rep.text));
		_exit(n > 0 ? 0 : 1);
	}
	close(p[1]);
	n = read(p[0], &rep, sizeof(rep) - 1);
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (n < (ssize_t)sizeof(rep.errnum))
		return (jb_errx(ECHILD, "%s: the helper died", what));
	((char *)&rep)[n] = '\0';
	if (rep.errnum != 0)
		return (jb_errx(rep.errnum, "%s", rep.text));
	if (old != NULL) {
		len = strnlen(rep.text, oldlen - 1);
		memcpy(old, rep.text, len);
		old[len] = '\0';
	}
	return (0);
}

static int
apply_hostname(struct modify_ctx *cx)
{
	return (uts_set(cx->pidfd, 0,
	    jparams_str(&cx->params, JP_HOST_HOSTNAME), cx->oldhost,
	    sizeof(cx->oldhost)));
}

/* Put back the name the jail had, even one it gave itself. */
static void
undo_hostname(struct modify_ctx *cx)
{
	(void)uts_set(cx->pidfd, 0, cx->oldhost, NULL, 0);
}

static int
apply_domainname(struct modify_ctx *cx)
{
	return (uts_set(cx->pidfd, 1,
	    jparams_str(&cx->params, JP_HOST_DOMAINNAME), cx->olddomain,
	    sizeof(cx->olddomain)));
}

static void
undo_domainname(struct modify_ctx *cx)
{
	(void)uts_set(cx->pidfd, 1, cx->olddomain, NULL, 0);
}

/*
 * Tell the jail's init whether the jail persists, over its control
 * socket; it answers with the value it held, returned in *wasp.  An init
 * that does not know the message closes the connection unanswered.
 */
static int
persist_tell(int jid, int persist, int *wasp)
{
	char arg, was;
	size_t n;
	int rfd, type;

	arg = persist ? '1' : '0';
	n = 0;
	type = console_request(jid, CONSOLE_PERSIST, &arg, 1, &was, 1, &n,
	    &rfd);
	if (rfd != -1)
		close(rfd);
	if (type == -1)
		return (-1);
	if (type != CONSOLE_PERSIST || n != 1 || (was != '0' && was != '1'))
		return (jb_errx(EPROTO,
		    "persist: the jail's init did not take it"));
	if (wasp != NULL)
		*wasp = was == '1';
	return (0);
}

static int
apply_persist(struct modify_ctx *cx)
{
	return (persist_tell(cx->je->jid, jparams_bool(&cx->params,
	    JP_PERSIST), &cx->oldpersist));
}

static void
undo_persist(struct modify_ctx *cx)
{
	(void)persist_tell(cx->je->jid, cx->oldpersist, NULL);
}

/*
 * Whether changes gives a parameter the value the jail has, a default
 * standing for a value not set; a path is also compared resolved, as
 * create stored it.
 */
static int
value_same(const struct jparams *cur, const struct jparams *changes,
    enum jparam p)
{
	const struct jpvalue *a, *b;
	char real[PATH_MAX];
	const char *sa, *sb;
	size_t i;

	a = &cur->v[p];
	b = &changes->v[p];
	if (jparam_table[p].type == JPT_LIST &&
	    (a->nitems > 1 || b->nitems > 1)) {
		if (a->nitems != b->nitems)
			return (0);
		for (i = 0; i < a->nitems; i++)
			if (strcmp(a->items[i], b->items[i]) != 0)
				return (0);
		return (1);
	}
	sa = jparams_str(cur, p);
	sb = jparams_str(changes, p);
	if (sa == NULL || sb == NULL)
		return (sa == sb);
	if (strcmp(sa, sb) == 0)
		return (1);
	return (p == JP_PATH && realpath(sb, real) != NULL &&
	    strcmp(sa, real) == 0);
}

/*
 * Go through the parameters changes sets, as jail(8) does before it
 * touches a jail: pseudo-parameters are jail(8)'s own; a name without a
 * jid is what found the jail (with a jid, it is a new name); what Linux
 * cannot give at all is refused; a parameter that cannot change in place
 * must keep its value.  With dofail the first one that does not is an
 * error (-1); without, the answer is whether there is one: 1 when only
 * a restart could give what changes asks for.
 */
static int
modify_scan(const struct jail_entry *je, const struct jparams *changes,
    int dofail)
{
	const struct jparam_def *def;
	const char *name;
	char *shown;
	int p;

	if (dofail && jparams_check_linux(changes) == -1)
		return (-1);
	for (p = 0; p < JP_NPARAMS; p++) {
		def = &jparam_table[p];
		if (!jparams_isset(changes, p) || !JPARAM_STORED(def))
			continue;
		/* Checked above: the default, which every jail has. */
		if (def->flags & JPF_DEFAULTONLY)
			continue;
		if (p == JP_NAME) {
			name = jparams_str(changes, JP_NAME);
			if (name == NULL)
				name = "";
			if (!jparams_isset(changes, JP_JID)) {
				if (!dofail ||
				    strcmp(name, registry_name(je)) == 0)
					continue;
				shown = quote_vis(name);
				jb_errx(ENOENT, "jail \"%s\" not found",
				    shown != NULL ? shown : "");
				free(shown);
				return (-1);
			}
			if (dofail && registry_name_check(name, je->jid) == -1)
				return (-1);
		}
		if (value_same(&je->params, changes, p))
			continue;
		if (!(def->flags & JPF_CREATEONLY) && modify_how[p].inplace)
			continue;
		if (!dofail)
			return (1);
		return (jb_errx(EPERM, "%s cannot be changed after creation",
		    def->name));
	}
	return (0);
}

/*
 * Check that changes can be made to the running jail je in place, with
 * no side effect: 0, or -1 with the reason (EPERM: "PARAM cannot be
 * changed after creation").
 */
int
jail_modify_check(const struct jail_entry *je, const struct jparams *changes)
{
	return (modify_scan(je, changes, 1) == -1 ? -1 : 0);
}

/*
 * Whether changes gives a parameter that cannot change in place a value
 * the jail does not have (jail -mr restarts it then): 1 or 0.  Nothing
 * else is checked; jail_modify_check() says whether the rest is right.
 */
int
jail_modify_needs_restart(const struct jail_entry *je,
    const struct jparams *changes)
{
	return (modify_scan(je, changes, 0));
}

/*
 * The jail's parameters with the changes over them, what the registry
 * will hold: a value that is the jail's already is kept as stored (a
 * path as create resolved it).
 */
static int
modify_merge(const struct jparams *cur, const struct jparams *changes,
    struct jparams *out)
{
	static char *const none[] = { NULL };
	const struct jparams *from;
	int p;

	memset(out, 0, sizeof(*out));
	for (p = 0; p < JP_NPARAMS; p++) {
		if (!JPARAM_STORED(&jparam_table[p]))
			continue;
		if (jparams_isset(changes, p) && !value_same(cur, changes, p))
			from = changes;
		else if (jparams_isset(cur, p))
			from = cur;
		else
			continue;
		if (jparams_set_argv(out, p, from->v[p].items != NULL ?
		    from->v[p].items : none) == -1) {
			jparams_free(out);
			return (-1);
		}
	}
	return (0);
}

/* Under the lock: a new name must not be another live jail's. */
static int
name_free(const struct jail_entry *je, const char *name)
{
	struct jail_entry other;
	int taken;

	if (strcmp(name, registry_name(je)) == 0)
		return (0);
	if (registry_find(name, &other, 0) == -1)
		return (errno == ENOENT ? 0 : -1);
	taken = other.jid != je->jid;
	registry_entry_free(&other);
	if (taken)
		return (jb_errx(EEXIST, "jail \"%s\" already exists", name));
	return (0);
}

/*
 * Change the running jail je as changes says, all of it or nothing.
 * Under the registry lock, against the entry as it is then (and only if
 * its init is still the one je names): check everything, write the new
 * parameters beside the registry's (the write, which can fail for want of
 * space, before any change), apply each mechanism in table order, then
 * make the new parameters the entry's by a rename.  If a mechanism fails,
 * the ones before it are undone, walking back; if the rename fails, all
 * of them are.  Once the change is recorded, a jail whose
 * persist was cleared with nothing left running in it ends, as on
 * FreeBSD; je->alive tells.  On success je->params holds the new values;
 * -1 after that point means only that ending the jail failed.
 */
int
jail_modify(struct jail_entry *je, const struct jparams *changes)
{
	struct modify_ctx cx;
	struct jail_entry cur;
	char msg[JB_ERRMSG_LEN];
	unsigned long long now;
	int lockfd, p, saved, rc, renamed;

	if (jail_modify_check(je, changes) == -1)
		return (-1);
	if ((lockfd = registry_lock()) == -1)
		return (-1);
	memset(&cx, 0, sizeof(cx));
	cx.je = &cur;
	cx.pidfd = -1;
	rc = -1;
	if (registry_load(je->jid, &cur) == -1 || !cur.alive ||
	    cur.init_pid != je->init_pid || cur.init_start != je->init_start ||
	    (cx.pidfd = proc_pidfd(cur.init_pid, cur.init_start)) == -1) {
		jb_errx(ESRCH, "jail \"%s\" not found", registry_name(je));
		goto out;
	}
	if (jail_modify_check(&cur, changes) == -1 ||
	    modify_merge(&cur.params, changes, &cx.params) == -1)
		goto out;
	if (jparams_isset(changes, JP_JID) &&
	    jparams_isset(changes, JP_NAME) &&
	    name_free(&cur, jparams_str(&cx.params, JP_NAME)) == -1)
		goto out;
	/* A new name is linked first, so the jail is never without one. */
	renamed = strcmp(registry_name(&cur), jparams_str(&cx.params,
	    JP_NAME)) != 0;
	if (renamed && registry_name_link(cur.jid, jparams_str(&cx.params,
	    JP_NAME)) == -1)
		goto out;
	if (registry_stage_params(cur.jid, &cx.params) == -1) {
		if (renamed)
			registry_name_unlink(cur.jid,
			    jparams_str(&cx.params, JP_NAME));
		goto out;
	}
	for (p = 0; p < JP_NPARAMS; p++)
		if (jparams_isset(changes, p) && modify_how[p].apply != NULL &&
		    modify_how[p].apply(&cx) == -1)
			break;
	if (p == JP_NPARAMS && registry_commit_params(cur.jid) == 0) {
		rc = 0;
		if (renamed)
			registry_name_unlink(cur.jid, registry_name(&cur));
	} else {
		/* Undo what was applied, keeping the first error. */
		saved = errno;
		strcpy(msg, jb_errmsg);
		while (p-- > 0)
			if (jparams_isset(changes, p) &&
			    modify_how[p].undo != NULL)
				modify_how[p].undo(&cx);
		registry_unstage_params(cur.jid);
		if (renamed)
			registry_name_unlink(cur.jid,
			    jparams_str(&cx.params, JP_NAME));
		strcpy(jb_errmsg, msg);
		errno = saved;
	}
out:
	registry_unlock(lockfd);
	if (cx.pidfd != -1)
		close(cx.pidfd);
	registry_entry_free(&cur);
	if (rc == -1) {
		saved = errno;
		jparams_free(&cx.params);
		errno = saved;
		return (-1);
	}
	jparams_free(&je->params);
	je->params = cx.params;
	if (jparams_isset(changes, JP_PERSIST) &&
	    !jparams_bool(&je->params, JP_PERSIST)) {
		rc = jail_release(je);
		saved = errno;
		strcpy(msg, jb_errmsg);
		je->alive = proc_starttime(je->init_pid, &now) == 0 &&
		    now == je->init_start;
		strcpy(jb_errmsg, msg);
		errno = saved;
	}
	return (rc);
}
