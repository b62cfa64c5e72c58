#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "param.h"

/*
 * The parameter table.  The Linux meaning of each row:
 *   jid, name, path	the registry entry and the jail's root (pivot_root)
 *   host.hostname	the jail's UTS namespace
 *   persist		the init keeps the jail alive with no process in it
 *   mount.procfs	a proc instance for the jail's PID namespace
 *   stop.timeout	seconds jail -r waits after SIGTERM
 *   command		run in the jail by jail -c (pseudo-parameter)
 */
const struct jparam_def jparam_table[JP_NPARAMS] = {
	[JP_JID] = { "jid", JPT_INT, JPF_CREATEONLY, NULL, 1, INT_MAX, 0 },
	[JP_NAME] = { "name", JPT_STRING, 0, NULL, 0, 0, 255 },
	[JP_PATH] = { "path", JPT_STRING, JPF_CREATEONLY, NULL, 0, 0,
	    PATH_MAX - 1 },
	[JP_HOST_HOSTNAME] = { "host.hostname", JPT_STRING, 0, "", 0, 0,
	    64 },
	[JP_PERSIST] = { "persist", JPT_BOOL, 0, "false", 0, 0, 0 },
	[JP_MOUNT_PROCFS] = { "mount.procfs", JPT_BOOL, JPF_CREATEONLY,
	    "true", 0, 0, 0 },
	[JP_STOP_TIMEOUT] = { "stop.timeout", JPT_INT, 0, "10", 0, INT_MAX,
	    0 },
	[JP_COMMAND] = { "command", JPT_LIST, JPF_PSEUDO, NULL, 0, 0, 0 },
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
			if (jparam_table[i].type != JPT_BOOL)
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
	return (s == NULL ? 0 : strtoll(s, NULL, 10));
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
