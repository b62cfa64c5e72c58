/*
 * The jail.conf(5) parser: statements, blocks (nested ones name jails
 * PARENT.CHILD), global statements as a "*" block, and .include.  It
 * builds the list of definition blocks that confmerge.c turns into jails.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "confparse.h"
#include "errmsg.h"
#include "param.h"
#include "pathglob.h"
#include "quote.h"

#define CONF_MAX_SIZE	(16 * 1024 * 1024)	/* bytes in one file */
#define CONF_BLOCK_DEPTH 128			/* blocks in blocks, per file */

struct parser {
	struct lexer	 lx;
	struct ctoken	 tok;		/* the lookahead */
	struct cblocks	*blocks;
	const char	*dir;		/* for relative .include patterns */
	int		 depth;		/* of .include */
	int		 nest;		/* blocks open */
};

static int	read_file(const char *, char **, size_t *);
static int	parse_text(struct cblocks *, const char *, size_t,
		    const char *, long, int);
static int	advance(struct parser *);
static int	syntax_error(struct parser *);
static int	parse_statements(struct parser *, long);
static int	parse_string(struct parser *, struct cstr *);
static int	parse_param(struct parser *, long, char *, unsigned);
static int	parse_block(struct parser *, long, struct cstr *);
static int	add_block(struct cblocks *, const char *, const char *,
		    long *);
static int	add_param(struct parser *, long, struct cparam *);
static int	include(struct parser *, long, const struct cparam *);
static int	include_error(struct parser *, int, const char *);
static void	blocks_free(struct cblocks *);

/* ---- strings and parameters ---- */

void
cstr_clear(struct cstr *s)
{
	size_t i;

	for (i = 0; i < s->nvars; i++)
		free(s->vars[i].name);
	free(s->vars);
	free(s->s);
	memset(s, 0, sizeof(*s));
}

/* Append b to a, its variables moved along with its text. */
int
cstr_append(struct cstr *a, const struct cstr *b)
{
	struct cvar *nv;
	char *ns;
	size_t i;

	if ((ns = realloc(a->s, a->len + b->len + 1)) == NULL)
		return (jb_err(errno, "malloc"));
	a->s = ns;
	memcpy(a->s + a->len, b->s != NULL ? b->s : "", b->len);
	a->s[a->len + b->len] = '\0';
	if (b->nvars > 0) {
		nv = reallocarray(a->vars, a->nvars + b->nvars, sizeof(*nv));
		if (nv == NULL)
			return (jb_err(errno, "malloc"));
		a->vars = nv;
		for (i = 0; i < b->nvars; i++) {
			nv[a->nvars].pos = a->len + b->vars[i].pos;
			if ((nv[a->nvars].name = strdup(b->vars[i].name)) ==
			    NULL)
				return (jb_err(errno, "malloc"));
			a->nvars++;
		}
	}
	a->len += b->len;
	return (0);
}

int
cstr_copy(struct cstr *dst, const struct cstr *src)
{
	memset(dst, 0, sizeof(*dst));
	if ((dst->s = strdup("")) == NULL)
		return (jb_err(errno, "malloc"));
	return (cstr_append(dst, src));
}

void
cparam_clear(struct cparam *p)
{
	size_t i;

	for (i = 0; i < p->nvals; i++)
		cstr_clear(&p->vals[i]);
	free(p->vals);
	free(p->name);
	memset(p, 0, sizeof(*p));
}

int
cparam_copy(struct cparam *dst, const struct cparam *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	dst->flags = src->flags;
	if ((dst->name = strdup(src->name)) == NULL ||
	    (src->nvals > 0 &&
	    (dst->vals = calloc(src->nvals, sizeof(*dst->vals))) == NULL)) {
		cparam_clear(dst);
		return (jb_err(errno, "malloc"));
	}
	for (i = 0; i < src->nvals; i++, dst->nvals++)
		if (cstr_copy(&dst->vals[i], &src->vals[i]) == -1) {
			cstr_clear(&dst->vals[i]);
			cparam_clear(dst);
			return (-1);
		}
	return (0);
}

/* ---- reading ---- */

/* A whole file in memory; "-" is standard input. */
static int
read_file(const char *path, char **bufp, size_t *lenp)
{
	struct stat st;
	char *buf, *nb;
	size_t len, cap;
	ssize_t n;
	int fd, saved;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "%s", path));
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return (jb_err(EISDIR, "%s", path));
	}
	buf = NULL;
	len = cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 8192 : 2 * cap;
			if (cap > CONF_MAX_SIZE + 1) {
				saved = EFBIG;
				goto fail;
			}
			if ((nb = realloc(buf, cap)) == NULL) {
				saved = errno;
				goto fail;
			}
			buf = nb;
		}
		if ((n = read(fd, buf + len, cap - len)) == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*bufp = buf;
	*lenp = len;
	return (0);
fail:
	free(buf);
	if (fd != STDIN_FILENO)
		close(fd);
	return (jb_err(saved, "%s", path));
}

/* ---- parsing ---- */

static int
advance(struct parser *ps)
{
	ctoken_clear(&ps->tok);
	return (lex_next(&ps->lx, &ps->tok));
}

static int
syntax_error(struct parser *ps)
{
	char *shown;
	int rc;

	if (ps->tok.type == CT_EOF)
		return (jb_errx(EINVAL, "%s: unexpected EOF", ps->lx.file));
	shown = quote_vis(ps->tok.text);
	rc = jb_errx(EINVAL, "%s line %d: %s: syntax error", ps->lx.file,
	    ps->tok.line, shown != NULL ? shown : ps->tok.text);
	free(shown);
	return (rc);
}

/*
 * Statements until the end of the text (block -1: the top level) or the
 * closing brace of block cur.
 */
static int
parse_statements(struct parser *ps, long cur)
{
	struct ctoken piece;
	struct cstr name;
	char *vname;

	for (;;) {
		if (ps->tok.type == CT_CHAR && ps->tok.c == ';') {
			if (advance(ps) == -1)
				return (-1);
			continue;
		}
		if (ps->tok.type == CT_EOF)
			return (cur == -1 || ps->depth > 0 ? 0 :
			    syntax_error(ps));
		if (ps->tok.type == CT_CHAR && ps->tok.c == '}' && cur != -1)
			return (0);
		if (ps->tok.type == CT_VAR) {
			vname = ps->tok.str.s;
			ps->tok.str.s = NULL;
			if (advance(ps) == -1) {
				free(vname);
				return (-1);
			}
			if (parse_param(ps, cur, vname, CP_VAR) == -1)
				return (-1);
			continue;
		}
		if (ps->tok.type != CT_STR || ps->tok.joined)
			return (syntax_error(ps));
		/*
		 * A name: a block when a brace follows (its name may be
		 * written in pieces, as in foo.*), else a parameter, whose
		 * name is one token.
		 */
		if (ps->tok.str.nvars > 0)
			return (syntax_error(ps));
		if (cstr_copy(&name, &ps->tok.str) == -1)
			return (-1);
		memset(&piece, 0, sizeof(piece));
		for (;;) {
			if (advance(ps) == -1)
				goto fail;
			if (ps->tok.type != CT_STR || !ps->tok.joined ||
			    ps->tok.str.nvars > 0)
				break;
			if (piece.text == NULL &&
			    (piece.text = strdup(ps->tok.text)) == NULL) {
				jb_err(errno, "malloc");
				goto fail;
			}
			piece.line = ps->tok.line;
			if (cstr_append(&name, &ps->tok.str) == -1)
				goto fail;
		}
		if (ps->tok.type == CT_CHAR && ps->tok.c == '{') {
			ctoken_clear(&piece);
			if (parse_block(ps, cur, &name) == -1)
				return (-1);
			continue;
		}
		if (piece.text != NULL || ps->tok.joined) {
			if (piece.text != NULL) {
				ctoken_clear(&ps->tok);
				ps->tok = piece;
				ps->tok.type = CT_STR;
				memset(&piece, 0, sizeof(piece));
			}
			syntax_error(ps);
			goto fail;
		}
		vname = name.s;
		name.s = NULL;
		cstr_clear(&name);
		if (parse_param(ps, cur, vname, 0) == -1)
			return (-1);
	}
fail:
	ctoken_clear(&piece);
	cstr_clear(&name);
	return (-1);
}

/* NAME { statements } with the current token on the brace. */
static int
parse_block(struct parser *ps, long cur, struct cstr *name)
{
	long b;
	int rc;

	if (ps->nest >= CONF_BLOCK_DEPTH) {
		cstr_clear(name);
		return (jb_errx(EINVAL, "%s line %d: blocks nested too deeply",
		    ps->lx.file, ps->tok.line));
	}
	rc = add_block(ps->blocks, cur == -1 ? NULL : ps->blocks->v[cur].name,
	    name->s, &b);
	cstr_clear(name);
	if (rc == -1 || advance(ps) == -1)
		return (-1);
	ps->nest++;
	rc = parse_statements(ps, b);
	ps->nest--;
	if (rc == -1)
		return (-1);
	if (ps->tok.type != CT_CHAR || ps->tok.c != '}')
		return (syntax_error(ps));
	return (advance(ps));
}

/* One string of a value: pieces joined with nothing between them. */
static int
parse_string(struct parser *ps, struct cstr *s)
{
	struct cstr var;

	memset(s, 0, sizeof(*s));
	if ((s->s = strdup("")) == NULL)
		return (jb_err(errno, "malloc"));
	do {
		if (ps->tok.type == CT_VAR) {
			memset(&var, 0, sizeof(var));
			var.vars = &(struct cvar){ .name = ps->tok.str.s };
			var.nvars = 1;
			if (cstr_append(s, &var) == -1)
				return (-1);
		} else if (cstr_append(s, &ps->tok.str) == -1)
			return (-1);
		if (advance(ps) == -1)
			return (-1);
	} while ((ps->tok.type == CT_STR || ps->tok.type == CT_VAR) &&
	    ps->tok.joined);
	return (0);
}

/*
 * NAME; NAME = VALUE; NAME += VALUE; NAME VALUE;  A value is strings
 * separated by commas.  The name (taken over) has been read, the current
 * token is the one after it.
 */
static int
parse_param(struct parser *ps, long cur, char *name, unsigned flags)
{
	struct cparam p;
	struct cstr *nv;
	int rc;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.name = name;
	if (ps->tok.type == CT_PLEQ)
		p.flags |= CP_APPEND;
	if (ps->tok.type == CT_PLEQ ||
	    (ps->tok.type == CT_CHAR && ps->tok.c == '=')) {
		if (advance(ps) == -1)
			goto fail;
		if (ps->tok.type != CT_STR && ps->tok.type != CT_VAR) {
			syntax_error(ps);
			goto fail;
		}
	}
	while (ps->tok.type == CT_STR || ps->tok.type == CT_VAR) {
		if ((nv = reallocarray(p.vals, p.nvals + 1, sizeof(*nv))) ==
		    NULL) {
			jb_err(errno, "malloc");
			goto fail;
		}
		p.vals = nv;
		rc = parse_string(ps, &p.vals[p.nvals]);
		p.nvals++;
		if (rc == -1)
			goto fail;
		if (ps->tok.type != CT_CHAR || ps->tok.c != ',')
			break;
		if (advance(ps) == -1)
			goto fail;
		if (ps->tok.type != CT_STR && ps->tok.type != CT_VAR) {
			syntax_error(ps);
			goto fail;
		}
	}
	if (ps->tok.type != CT_CHAR || ps->tok.c != ';') {
		syntax_error(ps);
		goto fail;
	}
	if (!(p.flags & CP_VAR) && strcmp(p.name, ".include") == 0)
		rc = include(ps, cur, &p);
	else
		rc = add_param(ps, cur, &p);
	cparam_clear(&p);
	if (rc == -1)
		return (-1);
	return (advance(ps));
fail:
	cparam_clear(&p);
	return (-1);
}

/* A new block named PARENT.NAME (or NAME at the top level). */
static int
add_block(struct cblocks *bl, const char *parent, const char *name,
    long *bp)
{
	struct cblock *nb;
	char *full;

	if (parent != NULL && asprintf(&full, "%s.%s", parent, name) == -1)
		return (jb_err(ENOMEM, "malloc"));
	if (parent == NULL && (full = strdup(name)) == NULL)
		return (jb_err(errno, "malloc"));
	if ((nb = reallocarray(bl->v, bl->n + 1, sizeof(*nb))) == NULL) {
		free(full);
		return (jb_err(errno, "malloc"));
	}
	bl->v = nb;
	memset(&nb[bl->n], 0, sizeof(*nb));
	nb[bl->n].name = full;
	*bp = (long)bl->n++;
	return (0);
}

/*
 * Add a parameter to block cur; a statement outside any block goes to the
 * last block if that holds global statements, else to a new one, so that
 * its place among the jails decides what it overrides.
 */
static int
add_param(struct parser *ps, long cur, struct cparam *p)
{
	struct cblocks *bl;
	struct cparam *np;
	struct cblock *b;

	bl = ps->blocks;
	if (cur == -1) {
		if (bl->n == 0 || strcmp(bl->v[bl->n - 1].name, "*") != 0)
			if (add_block(bl, NULL, "*", &cur) == -1)
				return (-1);
		cur = (long)bl->n - 1;
	}
	b = &bl->v[cur];
	if ((np = reallocarray(b->params, b->nparams + 1, sizeof(*np))) ==
	    NULL)
		return (jb_err(errno, "malloc"));
	b->params = np;
	np[b->nparams++] = *p;
	memset(p, 0, sizeof(*p));
	return (0);
}

static int
include_error(struct parser *ps, int error, const char *path)
{
	return (jb_errx(error, "%s line %d: %s: %s", ps->lx.file, ps->lx.line,
	    path, strerror(error)));
}

/*
 * .include "PATTERN";  Each file matching the pattern (relative to the
 * including file's directory) is read in place, into the current block.
 * A pattern may match nothing; a plain name must exist.
 */
static int
include(struct parser *ps, long cur, const struct cparam *p)
{
	struct pathlist pl;
	char *pattern, *buf;
	size_t i, len;
	int rc;

	if (p->nvals != 1 || p->vals[0].len == 0)
		return (jb_errx(EINVAL, "%s line %d: .include: one file name "
		    "expected", ps->lx.file, ps->lx.line));
	if (p->vals[0].nvars > 0)
		return (jb_errx(EINVAL, "%s line %d: .include: variables not "
		    "allowed", ps->lx.file, ps->lx.line));
	if (ps->depth >= CONF_INCLUDE_DEPTH)
		return (jb_errx(ELOOP, "%s line %d: .include nested too "
		    "deeply", ps->lx.file, ps->lx.line));
	if (p->vals[0].s[0] == '/')
		pattern = strdup(p->vals[0].s);
	else if (asprintf(&pattern, "%s/%s", ps->dir, p->vals[0].s) == -1)
		pattern = NULL;
	if (pattern == NULL)
		return (jb_err(ENOMEM, "malloc"));
	if (path_glob(pattern, &pl) == -1) {
		free(pattern);
		return (-1);
	}
	rc = 0;
	if (pl.n == 0 && !path_is_pattern(p->vals[0].s))
		rc = include_error(ps, ENOENT, pattern);
	for (i = 0; rc == 0 && i < pl.n; i++) {
		if (read_file(pl.paths[i], &buf, &len) == -1) {
			rc = include_error(ps, errno, pl.paths[i]);
			break;
		}
		rc = parse_text(ps->blocks, buf, len, pl.paths[i], cur,
		    ps->depth + 1);
		free(buf);
	}
	path_glob_free(&pl);
	free(pattern);
	return (rc);
}

/*
 * Parse text from the file name into blocks, inside block cur.  Relative
 * includes are found beside the file (beside the current directory for
 * STDIN).
 */
static int
parse_text(struct cblocks *blocks, const char *text, size_t len,
    const char *name, long cur, int depth)
{
	struct parser ps;
	char *copy;
	int rc;

	memset(&ps, 0, sizeof(ps));
	ps.lx.p = text;
	ps.lx.end = text + len;
	ps.lx.file = name;
	ps.lx.line = 1;
	ps.blocks = blocks;
	ps.depth = depth;
	if ((copy = strdup(strcmp(name, "STDIN") == 0 ? "./-" : name)) ==
	    NULL)
		return (jb_err(errno, "malloc"));
	ps.dir = dirname(copy);
	rc = advance(&ps);
	if (rc == 0)
		rc = parse_statements(&ps, cur);
	if (rc == 0 && ps.tok.type != CT_EOF)
		rc = syntax_error(&ps);
	ctoken_clear(&ps.tok);
	free(copy);
	return (rc);
}

static void
blocks_free(struct cblocks *bl)
{
	size_t i, k;

	for (i = 0; i < bl->n; i++) {
		for (k = 0; k < bl->v[i].nparams; k++)
			cparam_clear(&bl->v[i].params[k]);
		free(bl->v[i].params);
		free(bl->v[i].name);
	}
	free(bl->v);
	memset(bl, 0, sizeof(*bl));
}

/* ---- the interface ---- */

/*
 * Parse a configuration held in memory, named name in messages.  Errors
 * in the text fail the whole parse; errors of one jail's merging are kept
 * in that jail's error and do not.
 */
int
conf_load_buffer(const char *text, size_t len, const char *name,
    struct conf **confp)
{
	struct cblocks blocks;
	struct conf *conf;
	int rc;

	memset(&blocks, 0, sizeof(blocks));
	if ((conf = calloc(1, sizeof(*conf))) == NULL)
		return (jb_err(errno, "malloc"));
	rc = parse_text(&blocks, text, len, name, -1, 0);
	if (rc == 0)
		rc = conf_merge(&blocks, conf);
	blocks_free(&blocks);
	if (rc == -1) {
		conf_free(conf);
		return (-1);
	}
	*confp = conf;
	return (0);
}

/* Parse the file at path, or standard input for "-" (named STDIN). */
int
conf_load(const char *path, struct conf **confp)
{
	char *buf;
	size_t len;
	int rc;

	if (read_file(path, &buf, &len) == -1)
		return (-1);
	rc = conf_load_buffer(buf, len, strcmp(path, "-") == 0 ? "STDIN" :
	    path, confp);
	free(buf);
	return (rc);
}

void
conf_free(struct conf *conf)
{
	size_t i;

	if (conf == NULL)
		return;
	for (i = 0; i < conf->njails; i++)
		conf_jail_clear(&conf->jails[i]);
	free(conf->jails);
	free(conf);
}

/*
 * Add a parameter to a jail the way jail(8) adds one given on its command
 * line: values of a parameter named before (under either spelling of a
 * boolean) are appended to its values, in its place.  value NULL: a bare
 * name.
 */
int
conf_jail_add(struct conf_jail *j, const char *name, const char *value)
{
	struct conf_param *np, *p;
	char **nv;
	size_t i;

	for (i = 0; i < j->nparams; i++)
		if (conf_equal_names(j->params[i].name, name))
			break;
	if (i == j->nparams) {
		np = reallocarray(j->params, j->nparams + 2, sizeof(*np));
		if (np == NULL)
			return (jb_err(errno, "malloc"));
		j->params = np;
		memset(&np[i], 0, 2 * sizeof(*np));
		if ((np[i].values = calloc(1, sizeof(char *))) == NULL ||
		    (np[i].name = strdup(name)) == NULL) {
			free(np[i].values);
			return (jb_err(errno, "malloc"));
		}
		j->nparams++;
	}
	p = &j->params[i];
	if (strcmp(p->name, name) != 0) {
		free(p->name);
		if ((p->name = strdup(name)) == NULL)
			return (jb_err(errno, "malloc"));
	}
	if (value == NULL)
		return (0);
	if ((nv = reallocarray(p->values, p->nvalues + 2, sizeof(*nv))) ==
	    NULL)
		return (jb_err(errno, "malloc"));
	p->values = nv;
	if ((nv[p->nvalues] = strdup(value)) == NULL)
		return (jb_err(errno, "malloc"));
	nv[++p->nvalues] = NULL;
	return (0);
}

void
conf_jail_clear(struct conf_jail *j)
{
	size_t k, v;

	for (k = 0; k < j->nparams; k++) {
		for (v = 0; v < j->params[k].nvalues; v++)
			free(j->params[k].values[v]);
		free(j->params[k].values);
		free(j->params[k].name);
	}
	free(j->params);
	free(j->name);
	free(j->error);
	memset(j, 0, sizeof(*j));
}

/*
 * Read a jail's parameters into the typed store: a bare name sets a
 * boolean, each value of a list is an item, and of several values of a
 * scalar the last counts.  Unknown names and bad values fail here.
 */
int
conf_jail_import(const struct conf_jail *j, struct jparams *jp)
{
	const struct conf_param *p;
	size_t i, v;

	for (i = 0; i < j->nparams; i++) {
		p = &j->params[i];
		if (p->nvalues == 0 && jparams_set(jp, p->name, NULL) == -1)
			return (-1);
		for (v = 0; v < p->nvalues; v++)
			if (jparams_set(jp, p->name, p->values[v]) == -1)
				return (-1);
	}
	return (0);
}

/* The last parameter of a jail that is spelled name, or NULL. */
const struct conf_param *
conf_jail_param(const struct conf_jail *j, const char *name)
{
	size_t i;

	for (i = j->nparams; i-- > 0;)
		if (strcmp(j->params[i].name, name) == 0)
			return (&j->params[i]);
	return (NULL);
}
