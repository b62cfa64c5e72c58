/*
 * What a jailed process may do: the capabilities root keeps in a jail and
 * the seccomp filter every jailed process runs under, both derived from
 * the jail's allow.* and sysv* parameters through the tables in
 * confine.c.
 */
#ifndef JB_CONFINE_H
#define JB_CONFINE_H

#include <linux/filter.h>

#include "param.h"

int	confine_check(const struct jparams *);
int	confine_ipc_inherit(const struct jparams *);
/* A filter's key in the cache, and the name its entry is found by. */
struct confine_key {
	unsigned char	*bytes;
	size_t		 len;
	char		 name[17];
};

int	confine_filter_key(const struct jparams *, struct confine_key *);
void	confine_key_free(struct confine_key *);
int	confine_filter_cached(const struct confine_key *, void *, size_t,
	    struct sock_fprog *);
int	confine_filter(const struct jparams *, struct sock_fprog *);
int	confine_filter_set(struct sock_fprog *, void *, size_t);
int	confine_filter_load(const struct jparams *, const struct sock_fprog *,
	    int *);
int	confine_seccomp(const struct jparams *, int *);
int	confine_caps(const struct jparams *);
int	confine_hostname_nr(unsigned int, int);

#endif
