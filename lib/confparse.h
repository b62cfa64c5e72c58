/*
 * The inside of the jail.conf(5) reader, shared by its three parts: the
 * lexer (conflex.c) turns text into tokens, the parser (conf.c) turns
 * tokens into definition blocks, and the merger (confmerge.c) turns blocks
 * into jails.  Nothing outside those files includes this.
 */
#ifndef JB_CONFPARSE_H
#define JB_CONFPARSE_H

#include <stddef.h>

/* A variable reference inside a string: its name and where it goes. */
struct cvar {
	char	*name;
	size_t	 pos;
};

/* A string value with the variables still to be substituted into it. */
struct cstr {
	char		*s;
	size_t		 len;
	struct cvar	*vars;
	size_t		 nvars;
};

#define CP_VAR		0x01	/* $name: a variable, not a parameter */
#define CP_APPEND	0x02	/* += */
#define CP_IMMUTABLE	0x04	/* the block's own name or jid */
#define CP_BAD		0x08	/* its substitution failed */

struct cparam {
	char		*name;
	unsigned	 flags;
	int		 gen;
	struct cstr	*vals;
	size_t		 nvals;
};

/* A definition block: a jail, a wildcard, or global statements ("*"). */
struct cblock {
	char		*name;
	struct cparam	*params;
	size_t		 nparams;
};

struct cblocks {
	struct cblock	*v;
	size_t		 n;
};

enum ctoktype {
	CT_EOF,
	CT_STR,		/* a string piece, perhaps with variables */
	CT_VAR,		/* a bare $name or ${name} */
	CT_PLEQ,	/* += */
	CT_CHAR		/* , ; = { } or any other character */
};

struct ctoken {
	enum ctoktype	 type;
	int		 joined;	/* no space since the previous piece */
	int		 c;		/* CT_CHAR */
	struct cstr	 str;		/* CT_STR; CT_VAR: str.s is the name */
	char		*text;		/* as written, for messages */
	int		 line;		/* where the token ends */
};

struct lexer {
	const char	*p, *end;
	const char	*file;
	int		 line;
	int		 instr;		/* a string piece was just read */
};

int	lex_next(struct lexer *, struct ctoken *);
void	ctoken_clear(struct ctoken *);
void	cstr_clear(struct cstr *);
int	cstr_append(struct cstr *, const struct cstr *);
int	cstr_copy(struct cstr *, const struct cstr *);
void	cparam_clear(struct cparam *);
int	cparam_copy(struct cparam *, const struct cparam *);

int	conf_merge(struct cblocks *, struct conf *);

#endif
