/*
 * jail.conf(5): the lexer, the parser, wildcard merging and variable
 * substitution, read exactly as FreeBSD's jail(8) reads the file.
 *
 * conf_load() parses a whole file (with its .include files) and returns
 * the configured jails in the order they are defined, each with its
 * parameters merged from the global and wildcard definitions and its
 * variables substituted.  Parameter names and values are kept as the file
 * spells them; the parameter table judges them only when a jail is
 * operated on, so "jail -e" shows any file that parses.
 */
#ifndef JB_CONF_H
#define JB_CONF_H

#include <stddef.h>

struct jparams;

#define CONF_INCLUDE_DEPTH	32	/* .include nesting */

struct conf_param {
	char		 *name;
	char		**values;	/* nvalues strings, NULL-terminated */
	size_t		  nvalues;
};

struct conf_jail {
	char			*name;	/* the block name: a name or a jid */
	struct conf_param	*params;	/* merged, in order */
	size_t			 nparams;
	char			*error;	/* what failed in merging, or NULL */
};

struct conf {
	struct conf_jail	*jails;	/* non-wildcard jails, in order */
	size_t			 njails;
};

int	conf_load(const char *, struct conf **);
int	conf_load_buffer(const char *, size_t, const char *, struct conf **);
void	conf_free(struct conf *);
const struct conf_param *conf_jail_param(const struct conf_jail *,
	    const char *);
int	conf_jail_add(struct conf_jail *, const char *, const char *);
void	conf_jail_clear(struct conf_jail *);
int	conf_jail_import(const struct conf_jail *, struct jparams *);
int	conf_equal_names(const char *, const char *);
int	conf_wild_name(const char *);
int	conf_wild_match(const char *, const char *);

#endif
