#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "param.h"

/*
 * The parameter table, with the Linux meaning of each row:
 *   jid, name, path	the registry entry and the jail's root (pivot_root)
 *   host.hostname	the jail's UTS namespace
 *   persist		the init keeps the jail alive with no process in it
 *   mount.procfs	a proc instance for the jail's PID namespace
 *   stop.timeout	seconds jail -r waits after SIGTERM
 *   console, console.buffer
 *			a pseudo-terminal of the jail's own held by its init,
 *			command runs on it; the bytes of output kept for
 *			jattach to replay
 *   securelevel, enforce_statfs, devfs_ruleset
 *			accepted: what they restrict is out of a jail's reach
 *			anyway (its own mount namespace, no devices, no
 *			module loading, no immutable flags by default)
 *   sysvmsg, sysvsem, sysvshm
 *			the jail's IPC namespace (new), the host's (inherit),
 *			or the family's system calls refused (disable)
 *   allow.*		capabilities and seccomp rules, in confine.c
 *   command		run in the jail by jail -c (pseudo-parameter)
 * Rows marked JPF_DEFAULTONLY ask for what Linux cannot give a jail
 * safely; any value but the default is refused as not supported.
 */
#define BOOL(n, d, f)	{ .name = (n), .type = JPT_BOOL, .dflt = (d), \
			  .flags = (f) }
#define INT(n, d, lo, hi, f) \
			{ .name = (n), .type = JPT_INT, .dflt = (d), \
			  .min = (lo), .max = (hi), .flags = (f) }
#define JAILSYS(n)	{ .name = (n), .type = JPT_JAILSYS, \
			  .dflt = "disable", .flags = JPF_CREATEONLY }

const struct jparam_def jparam_table[JP_NPARAMS] = {
	[JP_JID] = INT("jid", NULL, 1, INT_MAX, JPF_CREATEONLY),
	[JP_NAME] = { .name = "name", .type = JPT_STRING, .maxlen = 255 },
	[JP_PATH] = { .name = "path", .type = JPT_STRING,
	    .flags = JPF_CREATEONLY, .maxlen = PATH_MAX - 1 },
	[JP_HOST_HOSTNAME] = { .name = "host.hostname", .type = JPT_STRING,
	    .dflt = "", .maxlen = 64 },
	[JP_PERSIST] = BOOL("persist", "false", 0),
	[JP_MOUNT_PROCFS] = BOOL("mount.procfs", "true", JPF_CREATEONLY),
	[JP_STOP_TIMEOUT] = INT("stop.timeout", "10", 0, INT_MAX, 0),
	[JP_CONSOLE] = BOOL("console", "false", JPF_CREATEONLY),
	[JP_CONSOLE_BUFFER] = INT("console.buffer", "65536", 4096,
	    16 * 1024 * 1024, JPF_CREATEONLY),
	[JP_SECURELEVEL] = INT("securelevel", "-1", -1, 3, JPF_CREATEONLY),
	[JP_ENFORCE_STATFS] = INT("enforce_statfs", "2", 0, 2,
	    JPF_CREATEONLY),
	[JP_DEVFS_RULESET] = INT("devfs_ruleset", "0", 0, 65535,
	    JPF_CREATEONLY),
	[JP_CHILDREN_MAX] = INT("children.max", "0", 0, INT_MAX,
	    JPF_DEFAULTONLY),
	[JP_SYSVMSG] = JAILSYS("sysvmsg"),
	[JP_SYSVSEM] = JAILSYS("sysvsem"),
	[JP_SYSVSHM] = JAILSYS("sysvshm"),
	[JP_ALLOW_ADJTIME] = BOOL("allow.adjtime", "false", JPF_CREATEONLY),
	[JP_ALLOW_CHFLAGS] = BOOL("allow.chflags", "false", JPF_CREATEONLY),
	[JP_ALLOW_EXTATTR] = BOOL("allow.extattr", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_MLOCK] = BOOL("allow.mlock", "false", JPF_CREATEONLY),
	[JP_ALLOW_MOUNT] = BOOL("allow.mount", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_DEVFS] = BOOL("allow.mount.devfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_FDESCFS] = BOOL("allow.mount.fdescfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_FUSEFS] = BOOL("allow.mount.fusefs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_LINPROCFS] = BOOL("allow.mount.linprocfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_LINSYSFS] = BOOL("allow.mount.linsysfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_NULLFS] = BOOL("allow.mount.nullfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_PROCFS] = BOOL("allow.mount.procfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_TMPFS] = BOOL("allow.mount.tmpfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_ZFS] = BOOL("allow.mount.zfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_NFSD] = BOOL("allow.nfsd", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_QUOTAS] = BOOL("allow.quotas", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_RAW_SOCKETS] = BOOL("allow.raw_sockets", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_READ_MSGBUF] = BOOL("allow.read_msgbuf", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_RESERVED_PORTS] = BOOL("allow.reserved_ports", "true",
	    JPF_CREATEONLY),
	[JP_ALLOW_ROUTING] = BOOL("allow.routing", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_SET_HOSTNAME] = BOOL("allow.set_hostname", "true",
	    JPF_CREATEONLY),
	[JP_ALLOW_SETAUDIT] = BOOL("allow.setaudit", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_SETTIME] = BOOL("allow.settime", "false", JPF_CREATEONLY),
	[JP_ALLOW_SOCKET_AF] = BOOL("allow.socket_af", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_SUSER] = BOOL("allow.suser", "true", JPF_CREATEONLY),
	[JP_ALLOW_SYSVIPC] = BOOL("allow.sysvipc", "false", JPF_CREATEONLY),
	[JP_ALLOW_UNPRIVILEGED_PROC_DEBUG] =
	    BOOL("allow.unprivileged_proc_debug", "true", JPF_CREATEONLY),
	[JP_ALLOW_VMM] = BOOL("allow.vmm", "false", JPF_DEFAULTONLY),
	[JP_COMMAND] = { .name = "command", .type = JPT_LIST,
	    .flags = JPF_PSEUDO },
};

/*
 * Find a parameter by name.  A boolean may also be named with "no" before
 * its last component (nopersist, mount.noprocfs); *negp tells which.
 */
int
jparam_lookup(const char *name, enum jparam *idp, int *negp)
{
	const char *last;
	size_t plen;
	int i;

	for (i = 0; i < JP_NPARAMS; i++)
		if (strcmp(name, jparam_table[i].name) == 0) {
			*idp = i;
			*negp = 0;
			return (0);
		}
	last = strrchr(name, '.');
	last = last == NULL ? name : last + 1;
	plen = (size_t)(last - name);
	if (strncmp(last, "no", 2) == 0)
		for (i = 0; i < JP_NPARAMS; i++) {
			if (jparam_table[i].type != JPT_BOOL &&
			    jparam_table[i].type != JPT_JAILSYS)
				continue;
			if (strncmp(name, jparam_table[i].name, plen) == 0 &&
			    strcmp(last + 2, jparam_table[i].name + plen) == 0) {
				*idp = i;
				*negp = 1;
				return (0);
			}
		}
	return (jb_errx(ENOENT, "unknown parameter: %s", name));
}

static int
parse_bool(const char *name, const char *value, int *bp)
{
	char *end;
	long n;

	if (value == NULL || strcasecmp(value, "true") == 0 ||
	    strcasecmp(value, "yes") == 0 || strcasecmp(value, "on") == 0) {
		*bp = 1;
		return (0);
	}
	if (strcasecmp(value, "false") == 0 || strcasecmp(value, "no") == 0 ||
	    strcasecmp(value, "off") == 0) {
		*bp = 0;
		return (0);
	}
	errno = 0;
	n = strtol(value, &end, 10);
	if (*value != '\0' && *end == '\0' && errno == 0) {
		*bp = n != 0;
		return (0);
	}
	return (jb_errx(EINVAL, "%s: unknown boolean value \"%s\"", name,
	    value));
}

/* disable, new or inherit, or 0, 1 or 2; empty (a bare name) is new. */
static int
parse_jailsys(const char *name, const char *value, const char **canonp)
{
	static const char *const names[] = { "disable", "new", "inherit" };
	size_t i;

	if (value == NULL || *value == '\0') {
		*canonp = names[JAILSYS_NEW];
		return (0);
	}
	for (i = 0; i < 3; i++)
		if (strcmp(value, names[i]) == 0 ||
		    (value[0] == (char)('0' + i) && value[1] == '\0')) {
			*canonp = names[i];
			return (0);
		}
	return (jb_errx(EINVAL, "%s: unknown jailsys value \"%s\"", name,
	    value));
}

static int
parse_int(const struct jparam_def *def, const char *value, long long *np)
{
	char *end;

	errno = 0;
	*np = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0' || (errno != 0 && errno != ERANGE))
		return (jb_errx(EINVAL, "%s: non-integer value \"%s\"",
		    def->name, value));
	if (errno == ERANGE || *np < def->min || *np > def->max)
		return (jb_errx(ERANGE, "%s: value out of range \"%s\"",
		    def->name, value));
	return (0);
}

static int
value_append(struct jpvalue *v, const char *s)
{
	char **items, *copy;

	if ((copy = strdup(s)) == NULL)
		return (jb_err(errno, "malloc"));
	items = reallocarray(v->items, v->nitems + 2, sizeof(*items));
	if (items == NULL) {
		free(copy);
		return (jb_err(errno, "malloc"));
	}
	items[v->nitems++] = copy;
	items[v->nitems] = NULL;
	v->items = items;
	v->set = 1;
	return (0);
}

static void
value_clear(struct jpvalue *v)
{
	size_t i;

	for (i = 0; i < v->nitems; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->nitems = 0;
	v->set = 0;
}

/*
 * Set a parameter from its name and textual value (NULL for a bare name).
 * Scalars are replaced, lists appended to: jail(8)'s rule for a repeated
 * name=value.
 */
int
jparams_set(struct jparams *jp, const char *name, const char *value)
{
	const struct jparam_def *def;
	struct jpvalue *v;
	enum jparam id;
	char buf[32];
	long long n;
	int b, neg;

	if (jparam_lookup(name, &id, &neg) == -1)
		return (-1);
	def = &jparam_table[id];
	v = &jp->v[id];
	switch (def->type) {
	case JPT_BOOL:
		if (neg && value != NULL)
			return (jb_errx(EINVAL,
			    "%s: value specified for a negated boolean", name));
		if (parse_bool(name, value, &b) == -1)
			return (-1);
		value = (b != neg) ? "true" : "false";
		break;
	case JPT_INT:
		if (value == NULL)
			return (jb_errx(EINVAL, "%s: non-integer value \"\"",
			    name));
		if (parse_int(def, value, &n) == -1)
			return (-1);
		snprintf(buf, sizeof(buf), "%lld", n);
		value = buf;
		break;
	case JPT_JAILSYS:
		if (neg && value != NULL)
			return (jb_errx(EINVAL,
			    "%s: value specified for a negated boolean", name));
		if (neg)
			value = "disable";
		else if (parse_jailsys(name, value, &value) == -1)
			return (-1);
		break;
	case JPT_STRING:
	case JPT_LIST:
		if (value == NULL)
			value = "";
		if (def->maxlen != 0 && strlen(value) > def->maxlen)
			return (jb_errx(ENAMETOOLONG, "%s: value too long",
			    name));
		if (def->type == JPT_LIST)
			return (value_append(v, value));
		break;
	}
	value_clear(v);
	return (value_append(v, value));
}

/* Set a parameter from a "name=value" or bare "name" argument. */
int
jparams_set_arg(struct jparams *jp, const char *arg)
{
	const char *eq;
	char *name;
	int rc;

	if ((eq = strchr(arg, '=')) == NULL)
		return (jparams_set(jp, arg, NULL));
	if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
		return (jb_err(errno, "malloc"));
	rc = jparams_set(jp, name, eq + 1);
	free(name);
	return (rc);
}

/* Replace a list parameter with a whole argument vector. */
int
jparams_set_argv(struct jparams *jp, enum jparam id, char *const *argv)
{
	value_clear(&jp->v[id]);
	for (; *argv != NULL; argv++)
		if (value_append(&jp->v[id], *argv) == -1)
			return (-1);
	jp->v[id].set = 1;
	return (0);
}

int
jparams_isset(const struct jparams *jp, enum jparam id)
{
	return (jp->v[id].set);
}

/* The first value of a parameter, else its default, else NULL. */
const char *
jparams_str(const struct jparams *jp, enum jparam id)
{
	if (jp->v[id].nitems > 0)
		return (jp->v[id].items[0]);
	return (jparam_table[id].dflt);
}

int
jparams_bool(const struct jparams *jp, enum jparam id)
{
	const char *s;

	s = jparams_str(jp, id);
	return (s != NULL && strcmp(s, "true") == 0);
}

long long
jparams_int(const struct jparams *jp, enum jparam id)
{
	const char *s;

	s = jparams_str(jp, id);
	if (s != NULL && jparam_table[id].type == JPT_JAILSYS)
		return (strcmp(s, "inherit") == 0 ? JAILSYS_INHERIT :
		    strcmp(s, "new") == 0 ? JAILSYS_NEW : JAILSYS_DISABLE);
	return (s == NULL ? 0 : strtoll(s, NULL, 10));
}

/*
 * Refuse what Linux cannot give: a JPF_DEFAULTONLY parameter set to
 * anything but its default ("PARAM: not supported on Linux").
 */
int
jparams_check_linux(const struct jparams *jp)
{
	const char *v;
	int i;

	for (i = 0; i < JP_NPARAMS; i++) {
		if (!(jparam_table[i].flags & JPF_DEFAULTONLY) ||
		    !jp->v[i].set)
			continue;
		v = jparams_str(jp, i);
		if (v == NULL || strcmp(v, jparam_table[i].dflt) != 0)
			return (jb_errx(ENOTSUP, "%s: not supported on Linux",
			    jparam_table[i].name));
	}
	return (0);
}

/*
 * All values of a parameter joined by sep, or its default; a new string
 * the caller frees.
 */
char *
jparams_join(const struct jparams *jp, enum jparam id, const char *sep)
{
	const struct jpvalue *v;
	size_t i, len;
	char *s;

	v = &jp->v[id];
	if (v->nitems == 0)
		return (strdup(jparam_table[id].dflt != NULL ?
		    jparam_table[id].dflt : ""));
	for (len = 1, i = 0; i < v->nitems; i++)
		len += strlen(v->items[i]) + strlen(sep);
	if ((s = malloc(len)) == NULL)
		return (NULL);
	*s = '\0';
	for (i = 0; i < v->nitems; i++) {
		if (i > 0)
			strcat(s, sep);
		strcat(s, v->items[i]);
	}
	return (s);
}

void
jparams_free(struct jparams *jp)
{
	int i;

	for (i = 0; i < JP_NPARAMS; i++)
		value_clear(&jp->v[i]);
}

/* Placeholder until the parameter table marks what is not implemented. */
int
jparams_check_pending(const struct jparams *jp)
{
	(void)jp;
	return (0);
}
