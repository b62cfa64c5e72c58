/*
 * The jail.conf(5) lexer, token for token what FreeBSD's jaillex.l
 * produces: bare tokens, single- and double-quoted strings with C escapes,
 * variables, comments, and the pieces of one string that touch each other
 * marked as joined.  A double-quoted string comes back as one piece with
 * its variables recorded at their positions.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "confparse.h"
#include "errmsg.h"
#include "quote.h"

/* Growing text of one token, cut at the first decoded NUL as in C. */
struct piece {
	char	*buf;
	size_t	 len, cap;
	int	 cut;
	int	 nomem;
};

static int	piece_init(struct piece *);
static int	piece_add(struct piece *, char);
static int	piece_take(struct piece *, char **, size_t *);
static const char *unescape(const char *, const char *, struct piece *,
		    int *);
static int	lex_error(struct lexer *, int, const char *);
static int	lex_quoted(struct lexer *, struct ctoken *, const char *);
static int	lex_braced(struct lexer *, struct ctoken *, const char *,
		    int);
static int	lex_word(struct lexer *, struct ctoken *, const char *);
static int	is_word(int);

static int
piece_init(struct piece *pc)
{
	memset(pc, 0, sizeof(*pc));
	if ((pc->buf = malloc(32)) == NULL)
		return (jb_err(errno, "malloc"));
	pc->cap = 32;
	pc->buf[0] = '\0';
	return (0);
}

/* Add a byte; a failure is remembered in pc->nomem for the caller. */
static int
piece_add(struct piece *pc, char c)
{
	char *n;

	if (c == '\0')
		pc->cut = 1;
	if (pc->cut || pc->nomem)
		return (0);
	if (pc->len + 2 > pc->cap) {
		if ((n = realloc(pc->buf, 2 * pc->cap)) == NULL) {
			pc->nomem = 1;
			return (-1);
		}
		pc->buf = n;
		pc->cap *= 2;
	}
	pc->buf[pc->len++] = c;
	pc->buf[pc->len] = '\0';
	return (0);
}

/* Hand the text over, unless memory ran out on the way. */
static int
piece_take(struct piece *pc, char **sp, size_t *lenp)
{
	if (pc->nomem) {
		free(pc->buf);
		return (jb_err(ENOMEM, "malloc"));
	}
	*sp = pc->buf;
	if (lenp != NULL)
		*lenp = pc->len;
	return (0);
}

/*
 * Decode the escape whose backslash is just before p: \a \b \f \n \r \t \v,
 * one to three octal digits, x and one or two hex digits, a newline (which
 * vanishes), or any other character standing for itself.  Returns the
 * position after it; *nlp counts the newlines it consumed.
 */
static const char *
unescape(const char *p, const char *end, struct piece *pc, int *nlp)
{
	static const char names[] = "abfnrtv";
	static const char codes[] = "\a\b\f\n\r\t\v";
	const char *np;
	int c, i;

	if (p >= end)
		return (p);
	if (*p >= '0' && *p <= '7') {
		for (c = 0, i = 0; i < 3 && p < end && *p >= '0' && *p <= '7';
		    i++)
			c = 8 * c + (*p++ - '0');
		piece_add(pc, (char)c);
		return (p);
	}
	if (*p == 'x') {
		p++;
		for (c = 0, i = 0; i < 2 && p < end && isxdigit((unsigned char)*p);
		    i++, p++)
			c = 16 * c + (isdigit((unsigned char)*p) ? *p - '0' :
			    tolower((unsigned char)*p) - 'a' + 10);
		piece_add(pc, (char)c);
		return (p);
	}
	if (*p == '\n') {
		(*nlp)++;
		return (p + 1);
	}
	np = strchr(names, *p);
	piece_add(pc, np != NULL && *p != '\0' ? codes[np - names] : *p);
	return (p + 1);
}

static int
lex_error(struct lexer *lx, int line, const char *what)
{
	return (jb_errx(EINVAL, "%s line %d: %s", lx->file, line, what));
}

static int
is_word(int c)
{
	return (c != '\0' && (isalnum(c) ||
	    strchr("_!%&()-.:<>?@[]^`|~", c) != NULL));
}

/*
 * A quoted string starting at s (on its quote).  Single quotes take no
 * variables; in double quotes $name and ${name} are recorded, and a $
 * followed by anything else is itself.
 */
static int
lex_quoted(struct lexer *lx, struct ctoken *t, const char *s)
{
	struct piece pc;
	struct cvar *nv;
	const char *p, *close, *name, *ne;
	int q, line;

	q = *s;
	line = lx->line;
	for (close = s + 1; close < lx->end && *close != q; close++)
		if (*close == '\\' && close + 1 < lx->end)
			close++;
	if (close >= lx->end)
		return (lex_error(lx, line, "unterminated string"));
	if (piece_init(&pc) == -1)
		return (-1);
	for (p = s + 1; p < close;) {
		if (*p == '\\') {
			p = unescape(p + 1, close, &pc, &lx->line);
			continue;
		}
		if (q == '"' && *p == '$' && p + 1 < close &&
		    (p[1] == '_' || isalpha((unsigned char)p[1]) ||
		    p[1] == '{')) {
			if (p[1] == '{') {
				name = p + 2;
				for (ne = name; ne < close && *ne != '}' &&
				    *ne != '{' && *ne != '\n'; ne++)
					if (*ne == '\\' && ne + 1 < close)
						ne++;
				if (ne >= close || *ne != '}') {
					free(pc.buf);
					return (lex_error(lx, lx->line,
					    "unterminated variable"));
				}
				p = ne + 1;
			} else {
				name = p + 1;
				for (ne = name; ne < close && (*ne == '_' ||
				    isalnum((unsigned char)*ne)); ne++)
					;
				p = ne;
			}
			nv = reallocarray(t->str.vars, t->str.nvars + 1,
			    sizeof(*nv));
			if (nv == NULL) {
				free(pc.buf);
				return (jb_err(errno, "malloc"));
			}
			t->str.vars = nv;
			nv = &nv[t->str.nvars];
			nv->pos = pc.len;
			if (lex_braced(lx, t, name, (int)(ne - name)) == -1) {
				free(pc.buf);
				return (-1);
			}
			t->str.nvars++;
			/* A variable ends the C string the text was cut in. */
			pc.cut = 0;
			continue;
		}
		if (*p == '\n')
			lx->line++;
		piece_add(&pc, *p++);
	}
	if (piece_take(&pc, &t->str.s, &t->str.len) == -1)
		return (-1);
	t->type = CT_STR;
	lx->p = close + 1;
	return (0);
}

/*
 * Decode a variable name of len bytes at name (escapes allowed in the
 * ${...} form) into the last variable of t, or into t->str.s for a bare
 * variable token.
 */
static int
lex_braced(struct lexer *lx, struct ctoken *t, const char *name, int len)
{
	struct piece pc;
	const char *p, *end;

	if (piece_init(&pc) == -1)
		return (-1);
	end = name + len;
	for (p = name; p < end;) {
		if (*p == '\\') {
			p = unescape(p + 1, end, &pc, &lx->line);
		} else
			piece_add(&pc, *p++);
	}
	return (piece_take(&pc, t->type == CT_VAR ? &t->str.s :
	    &t->str.vars[t->str.nvars].name, NULL));
}

/* A run of bare-token characters, or one escape: a piece of a string. */
static int
lex_word(struct lexer *lx, struct ctoken *t, const char *s)
{
	struct piece pc;
	const char *p;

	if (piece_init(&pc) == -1)
		return (-1);
	p = s;
	if (*p == '\\') {
		p = unescape(p + 1, lx->end, &pc, &lx->line);
	} else if (!is_word((unsigned char)*p))
		piece_add(&pc, *p++);		/* $ * + / */
	else
		while (p < lx->end && is_word((unsigned char)*p))
			piece_add(&pc, *p++);
	if (piece_take(&pc, &t->str.s, &t->str.len) == -1)
		return (-1);
	t->type = CT_STR;
	lx->p = p;
	return (0);
}

/*
 * Read the next token into t (cleared by the caller).  -1 with jb_errmsg
 * set on a malformed token.
 */
int
lex_next(struct lexer *lx, struct ctoken *t)
{
	const char *s, *p;
	int rc, wasinstr;

	memset(t, 0, sizeof(*t));
	for (;;) {
		s = lx->p;
		if (s >= lx->end) {
			t->type = CT_EOF;
			t->line = lx->line;
			return (0);
		}
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (*s == '\n')
				lx->line++;
			lx->p++;
			lx->instr = 0;
			continue;
		}
		if (*s == '#' || (*s == '/' && s + 1 < lx->end && s[1] == '/')) {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			lx->instr = 0;
			continue;
		}
		if (*s == '/' && s + 1 < lx->end && s[1] == '*') {
			for (p = s + 2; p + 1 < lx->end &&
			    !(p[0] == '*' && p[1] == '/'); p++)
				if (*p == '\n')
					lx->line++;
			if (p + 1 >= lx->end) {
				if (p < lx->end && *p == '\n')
					lx->line++;
				lx->p = lx->end;
				return (lex_error(lx, lx->line,
				    "unterminated comment"));
			}
			lx->p = p + 2;
			lx->instr = 0;
			continue;
		}
		break;
	}

	wasinstr = lx->instr;
	lx->instr = 1;
	if (*s == '+' && s + 1 < lx->end && s[1] == '=') {
		t->type = CT_PLEQ;
		lx->p = s + 2;
		lx->instr = 0;
	} else if (strchr(",;={}", *s) != NULL && *s != '\0') {
		t->type = CT_CHAR;
		t->c = *s;
		lx->p = s + 1;
		lx->instr = 0;
	} else if (*s == '\'' || *s == '"') {
		if ((rc = lex_quoted(lx, t, s)) == -1)
			return (-1);
	} else if (*s == '$' && s + 1 < lx->end &&
	    (s[1] == '_' || isalpha((unsigned char)s[1]))) {
		t->type = CT_VAR;
		for (p = s + 1; p < lx->end && (*p == '_' ||
		    isalnum((unsigned char)*p)); p++)
			;
		if ((t->str.s = strndup(s + 1, (size_t)(p - s - 1))) == NULL)
			return (jb_err(errno, "malloc"));
		lx->p = p;
	} else if (*s == '$' && s + 1 < lx->end && s[1] == '{') {
		for (p = s + 2; p < lx->end && *p != '}' && *p != '{' &&
		    *p != '\n'; p++)
			if (*p == '\\' && p + 1 < lx->end)
				p++;
		if (p >= lx->end || *p != '}')
			return (lex_error(lx, lx->line,
			    "unterminated variable"));
		t->type = CT_VAR;
		if (lex_braced(lx, t, s + 2, (int)(p - s - 2)) == -1)
			return (-1);
		lx->p = p + 1;
	} else if (is_word((unsigned char)*s) ||
	    (*s != '\0' && strchr("$*+/\\", *s) != NULL)) {
		if (lex_word(lx, t, s) == -1)
			return (-1);
	} else {
		t->type = CT_CHAR;
		t->c = (unsigned char)*s;
		lx->p = s + 1;
		lx->instr = 0;
	}
	t->joined = wasinstr && (t->type == CT_STR || t->type == CT_VAR);
	t->line = lx->line;
	if ((t->text = strndup(s, (size_t)(lx->p - s))) == NULL)
		return (jb_err(errno, "malloc"));
	return (0);
}

void
ctoken_clear(struct ctoken *t)
{
	cstr_clear(&t->str);
	free(t->text);
	memset(t, 0, sizeof(*t));
}
