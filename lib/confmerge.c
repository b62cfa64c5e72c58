/*
 * From definition blocks to jails, as FreeBSD's jail(8) does it: each
 * jail takes the statements of the wildcard blocks that match it, before
 * its own when the wildcard comes first in the file and after them when
 * it comes later; then its variables are substituted, the ones that other
 * variables need first; then the variables are dropped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "confparse.h"
#include "errmsg.h"
#include "param.h"

/*
 * Memory substitution may add to one jail, in strings and their slots:
 * about FreeBSD's ARG_MAX.  Without a bound, variables that each use the
 * one before twice double with each line, to gigabytes in a page of text.
 */
#define SUBST_MAX	(256 * 1024)

/* A jail while it is being merged. */
struct mjail {
	struct cparam	*p;
	size_t		 n;
	char		*errors;	/* one message per line */
	size_t		 subst;		/* memory substitution has added */
};

static int	is_param_name(const char *);
static int	note_error(struct mjail *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	merge_param(struct mjail *, const struct cparam *);
static int	substitute(struct mjail *);
static int	substitute_one(struct mjail *, size_t, size_t, int);
static int	insert_values(struct cparam *, size_t, const struct cstr *,
		    size_t);
static void	mjail_clear(struct mjail *);
static int	finish(struct mjail *, const char *, struct conf_jail *);

/*
 * Whether two parameter names are one parameter: equal, or equal but for
 * a "no" before one dotted component (persist, nopersist; allow.mount,
 * allow.nomount).
 */
int
conf_equal_names(const char *a, const char *b)
{
	const char *p;

	if (strcmp(a, b) == 0)
		return (1);
	for (;;) {
		if (strncmp(a, "no", 2) == 0 && strcmp(a + 2, b) == 0)
			return (1);
		if (strncmp(b, "no", 2) == 0 && strcmp(a, b + 2) == 0)
			return (1);
		if ((p = strchr(a, '.')) == NULL ||
		    strncmp(a, b, (size_t)(++p - a)) != 0)
			return (0);
		b += p - a;
		a = p;
	}
}

/* Whether a name is one of jail(8)'s parameters, which no variable takes. */
static int
is_param_name(const char *name)
{
	size_t i;

	for (i = 0; i < JP_NPARAMS; i++)
		if (conf_equal_names(name, jparam_table[i].name))
			return (1);
	return (0);
}

/* Whether a block name is a wildcard: a "*" as a whole component. */
int
conf_wild_name(const char *name)
{
	const char *w;

	for (w = strchr(name, '*'); w != NULL; w = strchr(w + 1, '*'))
		if ((w == name || w[-1] == '.') &&
		    (w[1] == '\0' || w[1] == '.'))
			return (1);
	return (0);
}

/*
 * Whether a jail name matches a wildcard: a "*" component stands for one
 * component, a final "*" for one or more.
 */
int
conf_wild_match(const char *jname, const char *wname)
{
	const char *jc, *jd, *wc, *wd;

	for (jc = jname, wc = wname;
	    (jd = strchr(jc, '.')) != NULL && (wd = strchr(wc, '.')) != NULL;
	    jc = jd + 1, wc = wd + 1)
		if (strncmp(jc, wc, (size_t)(jd - jc + 1)) != 0 &&
		    strncmp(wc, "*.", 2) != 0)
			return (0);
	return (strcmp(jc, wc) == 0 || strcmp(wc, "*") == 0);
}

static int
note_error(struct mjail *j, const char *fmt, ...)
{
	va_list ap;
	char *msg, *all;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc == -1)
		return (jb_err(ENOMEM, "malloc"));
	if (j->errors == NULL)
		all = msg;
	else {
		rc = asprintf(&all, "%s\n%s", j->errors, msg);
		free(msg);
		if (rc == -1)
			return (jb_err(ENOMEM, "malloc"));
		free(j->errors);
	}
	j->errors = all;
	return (0);
}

/*
 * Apply one statement to a jail: replace (or, for +=, extend) the
 * parameter it names, in its place and under the statement's spelling, or
 * add it at the end.
 */
static int
merge_param(struct mjail *j, const struct cparam *src)
{
	struct cparam *dp, *np;
	struct cstr *nv;
	char *name;
	size_t i;

	for (i = 0; i < j->n; i++)
		if (conf_equal_names(j->p[i].name, src->name))
			break;
	if (i == j->n) {
		if ((np = reallocarray(j->p, j->n + 1, sizeof(*np))) == NULL)
			return (jb_err(errno, "malloc"));
		j->p = np;
		if (cparam_copy(&np[j->n], src) == -1)
			return (-1);
		dp = &np[j->n++];
		if ((src->flags & CP_VAR) && is_param_name(src->name))
			return (note_error(j, "variable \"$%s\" cannot have "
			    "the same name as a parameter.", src->name));
		if (!(src->flags & CP_VAR) && (conf_equal_names(src->name, "jid") ||
		    conf_equal_names(src->name, "name")))
			dp->flags |= CP_IMMUTABLE;
		return (0);
	}
	dp = &j->p[i];
	if ((src->flags ^ dp->flags) & CP_VAR)
		return (note_error(j, "variable \"$%s\" cannot have the same "
		    "name as a parameter.", src->name));
	if (dp->flags & CP_IMMUTABLE)
		return (note_error(j, "cannot redefine parameter \"%s\".",
		    dp->name));
	if (strcmp(dp->name, src->name) != 0) {
		if ((name = strdup(src->name)) == NULL)
			return (jb_err(errno, "malloc"));
		free(dp->name);
		dp->name = name;
	}
	if (!(src->flags & CP_APPEND) || src->nvals == 0) {
		for (i = 0; i < dp->nvals; i++)
			cstr_clear(&dp->vals[i]);
		dp->nvals = 0;
	}
	if (src->nvals > 0) {
		nv = reallocarray(dp->vals, dp->nvals + src->nvals,
		    sizeof(*nv));
		if (nv == NULL)
			return (jb_err(errno, "malloc"));
		dp->vals = nv;
		for (i = 0; i < src->nvals; i++, dp->nvals++)
			if (cstr_copy(&dp->vals[dp->nvals], &src->vals[i]) ==
			    -1)
				return (-1);
	}
	dp->flags |= src->flags;
	return (0);
}

/*
 * Put copies of the texts of the n strings s among p's values at index at,
 * in one move: arrays of arrays grow to many values.
 */
static int
insert_values(struct cparam *p, size_t at, const struct cstr *s, size_t n)
{
	struct cstr *nv;
	size_t i;

	if ((nv = reallocarray(p->vals, p->nvals + n, sizeof(*nv))) == NULL)
		return (jb_err(errno, "malloc"));
	p->vals = nv;
	memmove(&nv[at + n], &nv[at], (p->nvals - at) * sizeof(*nv));
	memset(&nv[at], 0, n * sizeof(*nv));
	p->nvals += n;
	for (i = 0; i < n; i++) {
		if ((nv[at + i].s = strndup(s[i].s, s[i].len)) == NULL)
			return (jb_err(errno, "malloc"));
		nv[at + i].len = s[i].len;
	}
	return (0);
}

/*
 * Substitute the first variable of value k of parameter cur.  Returns 1
 * when the variable's own parameter still has variables in it: it has
 * been moved to index cur to be resolved first.  gen marks the chain of
 * parameters being resolved, to catch loops.
 */
static int
substitute_one(struct mjail *j, size_t cur, size_t k, int gen)
{
	struct cparam *p, *vp, moved;
	struct cstr *s, *vs;
	struct cvar v;
	size_t i, vi, size;
	char *ns;

	p = &j->p[cur];
	s = &p->vals[k];
	v = s->vars[0];
	for (vi = 0; vi < j->n; vi++)
		if (strcmp(j->p[vi].name, v.name) == 0)
			break;
	vp = vi < j->n ? &j->p[vi] : NULL;
	if (vp == NULL || vp->nvals == 0) {
		if (note_error(j, "%s: variable \"%s\" not found", p->name,
		    v.name) == -1)
			return (-1);
		goto bad;
	}
	if (vp->flags & CP_BAD)
		goto bad;
	if (vp->gen == gen) {
		if (note_error(j, "%s: variable loop", v.name) == -1)
			return (-1);
		goto bad;
	}
	for (i = 0; i < vp->nvals; i++)
		if (vp->vals[i].nvars > 0) {
			vp->gen = gen;
			moved = *vp;
			memmove(&j->p[cur + 1], &j->p[cur],
			    (vi - cur) * sizeof(*j->p));
			j->p[cur] = moved;
			return (1);
		}
	vs = &vp->vals[0];
	if (vp->nvals > 1 && (s->len > 0 || s->nvars > 1)) {
		if (note_error(j, "%s: array cannot be substituted inline",
		    p->name) == -1)
			return (-1);
		goto bad;
	}
	for (i = 0, size = 0; i < vp->nvals; i++)
		size += sizeof(*vp->vals) + vp->vals[i].len;
	if (size > SUBST_MAX - j->subst) {
		if (note_error(j, "%s: substitution too long", p->name) == -1)
			return (-1);
		goto bad;
	}
	j->subst += size;
	if ((ns = malloc(s->len + vs->len + 1)) == NULL)
		return (jb_err(errno, "malloc"));
	memcpy(ns, s->s, v.pos);
	memcpy(ns + v.pos, vs->s, vs->len);
	memcpy(ns + v.pos + vs->len, s->s + v.pos, s->len - v.pos + 1);
	free(s->s);
	s->s = ns;
	s->len += vs->len;
	for (i = 1; i < s->nvars; i++)
		s->vars[i].pos += vs->len;
	free(v.name);
	memmove(&s->vars[0], &s->vars[1], --s->nvars * sizeof(*s->vars));
	if (vp->nvals > 1 &&
	    insert_values(p, k + 1, &vp->vals[1], vp->nvals - 1) == -1)
		return (-1);
	return (0);
bad:
	for (i = 0; i < j->n; i++)
		if (j->p[i].gen == gen)
			j->p[i].flags |= CP_BAD;
	j->p[cur].flags |= CP_BAD;
	s = &j->p[cur].vals[k];
	free(v.name);
	memmove(&s->vars[0], &s->vars[1], --s->nvars * sizeof(*s->vars));
	return (0);
}

/* Substitute every variable of a jail, then drop the variables. */
static int
substitute(struct mjail *j)
{
	size_t cur, k, i;
	int gen, rc;

	gen = 0;
	for (cur = 0; cur < j->n; cur++) {
		j->p[cur].gen = ++gen;
restart:
		for (k = 0; k < j->p[cur].nvals; k++)
			while (j->p[cur].vals[k].nvars > 0) {
				if ((rc = substitute_one(j, cur, k, gen)) ==
				    -1)
					return (-1);
				if (rc == 1)
					goto restart;
			}
	}
	for (i = 0; i < j->n;)
		if (j->p[i].flags & CP_VAR) {
			cparam_clear(&j->p[i]);
			memmove(&j->p[i], &j->p[i + 1],
			    (--j->n - i) * sizeof(*j->p));
		} else
			i++;
	return (0);
}

static void
mjail_clear(struct mjail *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		cparam_clear(&j->p[i]);
	free(j->p);
	free(j->errors);
	memset(j, 0, sizeof(*j));
}

/* Hand a merged jail over as plain strings. */
static int
finish(struct mjail *j, const char *name, struct conf_jail *out)
{
	struct conf_param *cp;
	size_t i, k;

	memset(out, 0, sizeof(*out));
	if ((out->name = strdup(name)) == NULL ||
	    (out->params = calloc(j->n + 1, sizeof(*out->params))) == NULL)
		return (jb_err(errno, "malloc"));
	out->error = j->errors;
	j->errors = NULL;
	for (i = 0; i < j->n; i++, out->nparams++) {
		cp = &out->params[i];
		cp->name = j->p[i].name;
		j->p[i].name = NULL;
		if ((cp->values = calloc(j->p[i].nvals + 1,
		    sizeof(*cp->values))) == NULL)
			return (jb_err(errno, "malloc"));
		for (k = 0; k < j->p[i].nvals; k++, cp->nvalues++) {
			cp->values[k] = j->p[i].vals[k].s;
			j->p[i].vals[k].s = NULL;
		}
	}
	return (0);
}

/* Build the configured jails of conf from the parsed blocks. */
int
conf_merge(struct cblocks *bl, struct conf *conf)
{
	struct cparam implied;
	struct cstr value;
	struct mjail mj;
	size_t b, w, k;
	char *end;
	int self, rc;

	for (b = 0; b < bl->n; b++)
		if (!conf_wild_name(bl->v[b].name))
			conf->njails++;
	if ((conf->jails = calloc(conf->njails + 1, sizeof(*conf->jails))) ==
	    NULL)
		return (jb_err(errno, "malloc"));
	conf->njails = 0;
	for (b = 0; b < bl->n; b++) {
		if (conf_wild_name(bl->v[b].name))
			continue;
		memset(&mj, 0, sizeof(mj));
		memset(&value, 0, sizeof(value));
		value.s = bl->v[b].name;
		value.len = strlen(value.s);
		implied.name = strtol(value.s, &end, 10) != 0 && *end == '\0' ?
		    "jid" : "name";
		implied.flags = CP_APPEND | CP_IMMUTABLE;
		implied.vals = &value;
		implied.nvals = 1;
		rc = merge_param(&mj, &implied);
		self = 0;
		for (w = 0; rc == 0 && w < bl->n; w++) {
			if (!conf_wild_name(bl->v[w].name))
				continue;
			if (b < w && !self) {
				for (k = 0; rc == 0 && k < bl->v[b].nparams;
				    k++)
					rc = merge_param(&mj,
					    &bl->v[b].params[k]);
				self = 1;
			}
			if (!conf_wild_match(bl->v[b].name, bl->v[w].name))
				continue;
			for (k = 0; rc == 0 && k < bl->v[w].nparams; k++)
				rc = merge_param(&mj, &bl->v[w].params[k]);
		}
		for (k = 0; rc == 0 && !self && k < bl->v[b].nparams; k++)
			rc = merge_param(&mj, &bl->v[b].params[k]);
		if (rc == 0)
			rc = substitute(&mj);
		if (rc == 0)
			rc = finish(&mj, bl->v[b].name,
			    &conf->jails[conf->njails]);
		conf->njails++;
		mjail_clear(&mj);
		if (rc == -1)
			return (-1);
	}
	return (0);
}
