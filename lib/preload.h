/*
 * Small files read ahead on another CPU: while the caller reads a list of
 * them in order, a helper sharing its memory reads them from the other
 * end, until the two meet.
 */
#ifndef JB_PRELOAD_H
#define JB_PRELOAD_H

#include <stddef.h>

struct preload;

struct preload	*preload_start(int, const int *, size_t, const char *,
		    size_t);
int		 preload_mine(struct preload *, size_t);
char		*preload_take(struct preload *, size_t);
void		 preload_end(struct preload *);

#endif
