/*
 * File name patterns as jail.conf(5)'s .include expands them.  glob(3) is
 * not used: for ~user it links the password database, which a static
 * binary must not call.
 */
#ifndef JB_PATHGLOB_H
#define JB_PATHGLOB_H

#include <stddef.h>

struct pathlist {
	char	**paths;	/* sorted */
	size_t	  n;
};

int	path_glob(const char *, struct pathlist *);
void	path_glob_free(struct pathlist *);
int	path_is_pattern(const char *);
int	path_match(const char *, const char *);

#endif
