/*
 * Which jails are alive, all known at once: each jail's init holds a
 * socket bound to an abstract name of the registry and the jid, which
 * goes with it.
 */
#ifndef JB_LIVE_H
#define JB_LIVE_H

#include <stddef.h>

struct live_set {
	int	*jids;		/* sorted */
	size_t	 n;
	int	 known;		/* 0: could not be read, judge each jail */
};

int	live_mark(int);
int	live_read(struct live_set *);
int	live_has(const struct live_set *, int);
void	live_free(struct live_set *);

#endif
