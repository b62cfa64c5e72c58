/*
 * The "depend" parameter of configured jails: which jails each one needs
 * running before it starts (and still running until it is removed).
 */
#ifndef JB_DEPEND_H
#define JB_DEPEND_H

#include <stddef.h>

struct conf;

struct depgraph {
	size_t	  n;		/* the configuration's jails */
	size_t	**deps;		/* deps[i]: the jails jail i depends on */
	size_t	 *ndeps;
	char	**error;	/* why jail i cannot be started, or NULL */
};

int	depend_build(const struct conf *, struct depgraph *);
void	depend_free(struct depgraph *);

#endif
